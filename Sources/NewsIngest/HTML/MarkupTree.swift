import CLibXML2

/// A parsed HTML page or XML feed as a flat tree: every element in document
/// order, so a parent always comes before its children and statistics can be
/// summed in one backward pass.
///
/// libxml2 does the parsing (its HTML parser recovers from the broken nesting,
/// unclosed tags and stray entities of real pages; its XML parser reads feeds,
/// CDATA included). The tree is copied out and libxml2's document freed at
/// once, so nothing here owns C memory.
struct MarkupTree {
    struct Element {
        /// Lowercased local name; `prefix:local` for a namespaced XML element (`content:encoded`).
        var name: String
        var attributes: [(name: String, value: String)]
        /// Index of the parent element, -1 for a top-level one.
        var parent: Int
        var depth: Int
        var children: [Node]

        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    enum Node {
        case element(Int)
        case text(String)
    }

    var elements: [Element] = []
    var roots: [Node] = []

    /// Elements nested deeper than this are read as part of their ancestor at
    /// this depth: the walk stays iterative and bounded on hostile pages.
    static let maxDepth = 400

    /// Parses an HTML page given as UTF-8 (its declared charset is ignored: the
    /// caller has decoded it). Returns nil only when libxml2 gives no document.
    static func html(_ text: String) -> MarkupTree? {
        var text = text
        return text.withUTF8 { u -> MarkupTree? in
            guard u.count > 0, u.count < Int(Int32.max) else { return nil }
            let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
            let doc = u.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32(u.count), nil, "UTF-8", options) }
            guard let doc else { return nil }
            defer { xmlFreeDoc(doc) }
            return MarkupTree(document: doc, lowercase: true)
        }
    }

    /// Parses an XML document (a feed) given as UTF-8. External entities and
    /// DTDs are never loaded; undefined entities are dropped (recover mode).
    static func xml(_ text: String) -> MarkupTree? {
        var text = text
        return text.withUTF8 { u -> MarkupTree? in
            guard u.count > 0, u.count < Int(Int32.max) else { return nil }
            let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)
            let doc = u.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32(u.count), nil, "UTF-8", options) }
            guard let doc else { return nil }
            defer { xmlFreeDoc(doc) }
            return MarkupTree(document: doc, lowercase: false)
        }
    }

    private init(document: xmlDocPtr, lowercase: Bool) {
        // An explicit stack of (libxml2 node, parent element index, depth).
        var stack: [(xmlNodePtr, Int, Int)] = []
        func push(children first: xmlNodePtr?, parent: Int, depth: Int) {
            var siblings = [xmlNodePtr]()
            var node = first
            while let n = node {
                siblings.append(n)
                node = n.pointee.next
            }
            for n in siblings.reversed() { stack.append((n, parent, depth)) }
        }
        push(children: document.pointee.children, parent: -1, depth: 0)
        while let (node, parent, depth) = stack.popLast() {
            let n = node.pointee
            switch n.type {
            case XML_ELEMENT_NODE:
                if depth >= Self.maxDepth {
                    // Too deep: keep the text, drop the structure.
                    push(children: n.children, parent: parent, depth: depth)
                    continue
                }
                var name = n.name.map { String(cString: $0) } ?? ""
                if lowercase { name = name.lowercased() }
                if let prefix = n.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
                var attributes = [(name: String, value: String)]()
                var attribute = n.properties
                while let a = attribute {
                    if let attrName = a.pointee.name {
                        var value = ""
                        var child = a.pointee.children
                        while let c = child {
                            if let content = c.pointee.content { value += String(cString: content) }
                            child = c.pointee.next
                        }
                        var key = String(cString: attrName)
                        if lowercase { key = key.lowercased() }
                        if let prefix = a.pointee.ns?.pointee.prefix { key = String(cString: prefix) + ":" + key }
                        attributes.append((key, value))
                    }
                    attribute = a.pointee.next
                }
                let index = elements.count
                elements.append(Element(name: name, attributes: attributes, parent: parent, depth: depth, children: []))
                append(.element(index), to: parent)
                push(children: n.children, parent: index, depth: depth + 1)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.content {
                    append(.text(String(cString: content)), to: parent)
                }
            case XML_ENTITY_REF_NODE:
                push(children: n.children, parent: parent, depth: depth)
            default:
                break  // comments, processing instructions, DTDs
            }
        }
    }

    private mutating func append(_ node: Node, to parent: Int) {
        if parent < 0 { roots.append(node) } else { elements[parent].children.append(node) }
    }

    /// The children of `parent` (-1: the top level).
    func children(of parent: Int) -> [Node] {
        parent < 0 ? roots : elements[parent].children
    }

    /// All text under `element`, concatenated as is.
    func text(of element: Int) -> String {
        var result = ""
        var stack = elements[element].children.reversed() as [Node]
        while let node = stack.popLast() {
            switch node {
            case .text(let t): result += t
            case .element(let e): stack += elements[e].children.reversed()
            }
        }
        return result
    }

    /// Indexes of the elements named `name`, in document order.
    func all(_ name: String) -> [Int] {
        elements.indices.filter { elements[$0].name == name }
    }
}
