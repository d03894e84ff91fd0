import CXML
import Foundation

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
        /// `name`'s index in the tree's `names`: elements of one name share it.
        var nameID: Int = 0
        /// `hidden`, `display:none` or `visibility:hidden` (HTML only).
        var hidden = false

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
    /// The distinct element names, indexed by `Element.nameID`.
    var names: [String] = []

    init() {}

    /// Elements nested deeper than this are read as part of their ancestor at
    /// this depth: the walk stays iterative and bounded on hostile pages.
    static let maxDepth = 400

    /// Parses an HTML page given as UTF-8 (its declared charset is ignored: the
    /// caller has decoded it). Returns nil only when libxml2 gives no document.
    static func html(_ text: String) -> MarkupTree? {
        var text = text
        return text.withUTF8 { u -> MarkupTree? in
            guard u.count > 0, u.count < Int(Int32.max) else { return nil }
            let builder = Builder()
            var handler = cxml_html_handler(
                start: { context, name, attributes in
                    Unmanaged<Builder>.fromOpaque(context!).takeUnretainedValue().start(name, attributes)
                },
                end: { context, _ in
                    Unmanaged<Builder>.fromOpaque(context!).takeUnretainedValue().end()
                },
                text: { context, text, length in
                    Unmanaged<Builder>.fromOpaque(context!).takeUnretainedValue().text(text, Int(length))
                }
            )
            let parsed = u.withMemoryRebound(to: CChar.self) { chars in
                withUnsafePointer(to: &handler) { h in
                    cxml_sax_html(chars.baseAddress, Int32(u.count), h, Unmanaged.passUnretained(builder).toOpaque())
                }
            }
            return parsed != 0 ? builder.tree : nil
        }
    }

    /// Builds the tree from libxml2's SAX events for an HTML page (libxml2 gives
    /// names in lowercase and has already repaired the nesting).
    final class Builder {
        var tree = MarkupTree()
        /// libxml2 interns element names: one Swift string and id for each.
        var names: [UnsafePointer<CChar>: (String, Int)] = [:]
        var scriptID = -1, styleID = -1
        /// The open elements; -1 marks one nested too deep to keep.
        var open: [Int] = []
        var current: Int { open.last(where: { $0 >= 0 }) ?? -1 }

        func start(_ name: UnsafePointer<CChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>?) {
            guard open.count < MarkupTree.maxDepth else {
                open.append(-1)
                return
            }
            var kept = [(name: String, value: String)]()
            var hidden = false
            // Addresses matter on <link rel=canonical> only; an <a>'s or <img>'s are never read.
            let keepsAddresses = name.map { strcmp($0, "link") == 0 || strcmp($0, "script") == 0 } ?? false
            if let attributes {
                var i = 0
                while let key = attributes[i] {
                    let value = attributes[i + 1]
                    let first = UInt8(bitPattern: key.pointee)
                    let isAddress = first == 0x68 && strcmp(key, "href") == 0 || first == 0x73 && strcmp(key, "src") == 0
                    if MarkupTree.knownFirsts.contains(first) && (!isAddress || keepsAddresses) && MarkupTree.isKnownAttribute(key) {
                        if strcmp(key, "hidden") == 0 { hidden = true }
                        if let value, strcmp(key, "style") == 0, MarkupTree.hides(style: value) { hidden = true }
                        kept.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
                    }
                    i += 2
                }
            }
            let parent = current
            let index = tree.elements.count
            var elementName = ""
            var id = 0
            if let name {
                if let known = names[name] {
                    (elementName, id) = known
                } else {
                    elementName = String(cString: name)
                    id = tree.nameID(elementName)
                    names[name] = (elementName, id)
                    if elementName == "script" { scriptID = id }
                    if elementName == "style" { styleID = id }
                }
            }
            tree.elements.append(Element(name: elementName, attributes: kept, parent: parent,
                                         depth: open.count, children: [], nameID: id, hidden: hidden))
            tree.append(.element(index), to: parent)
            open.append(index)
        }

        func end() {
            _ = open.popLast()
        }

        func text(_ text: UnsafePointer<CChar>?, _ length: Int) {
            guard let text, length > 0 else { return }
            let parent = current
            let bytes = UnsafeRawBufferPointer(start: text, count: length)
            // A style sheet's or script's text is kept only when it may carry metadata.
            if parent >= 0 {
                let name = tree.elements[parent].nameID
                if name == styleID { return }
                if name == scriptID && !MarkupTree.mayCarryMetadata(bytes) { return }
            }
            let string = String(decoding: bytes, as: UTF8.self)
            // libxml2 hands long text in pieces: one text node.
            if parent >= 0, case .text(let previous)? = tree.elements[parent].children.last {
                tree.elements[parent].children[tree.elements[parent].children.count - 1] = .text(previous + string)
            } else {
                tree.append(.text(string), to: parent)
            }
        }
    }

    /// Parses an XML document (a feed) given as UTF-8. External entities and
    /// DTDs are never loaded; undefined entities are dropped (recover mode).
    static func xml(_ text: String) -> MarkupTree? {
        parse(text, cxml_parse_xml)
    }

    private static func parse(_ text: String,
                              _ parser: (UnsafePointer<CChar>?, Int32) -> UnsafeRawPointer?) -> MarkupTree? {
        var text = text
        return text.withUTF8 { u -> MarkupTree? in
            guard u.count > 0, u.count < Int(Int32.max) else { return nil }
            let doc = u.withMemoryRebound(to: CChar.self) { parser($0.baseAddress, Int32(u.count)) }
            guard let doc else { return nil }
            defer { cxml_free(doc) }
            return MarkupTree(document: doc)
        }
    }

    /// The attributes an HTML page's extraction reads (a feed keeps all of its own).
    static let knownAttributes: [[CChar]] = ["class", "id", "style", "hidden", "href", "src", "type", "rel", "content", "property",
                                             "name", "itemprop", "datetime", "pubdate", "align"].map { Array($0.utf8CString) }

    static let knownFirsts = Set(knownAttributes.map { UInt8(bitPattern: $0[0]) })

    static func isKnownAttribute(_ name: UnsafePointer<CChar>) -> Bool {
        knownAttributes.contains { known in known.withUnsafeBufferPointer { strcmp($0.baseAddress!, name) == 0 } }
    }

    /// A feed's tree from libxml2's XML document (pages are built from SAX events by `Builder`).
    private init(document: UnsafeRawPointer) {
        // An explicit stack of (libxml2 node, parent element index, depth).
        var stack: [(UnsafeRawPointer, Int, Int)] = []
        func push(children first: UnsafeRawPointer?, parent: Int, depth: Int) {
            var siblings = [UnsafeRawPointer]()
            var node = first
            while let n = node {
                siblings.append(n)
                node = cxml_next(n)
            }
            for n in siblings.reversed() { stack.append((n, parent, depth)) }
        }
        func qualified(_ name: UnsafePointer<CChar>?, _ prefix: UnsafePointer<CChar>?) -> String {
            var result = name.map { String(cString: $0) } ?? ""
            if let prefix { result = String(cString: prefix) + ":" + result }
            return result
        }
        push(children: cxml_first_child(document), parent: -1, depth: 0)
        while let (node, parent, depth) = stack.popLast() {
            switch Int(cxml_type(node)) {
            case CXML_ELEMENT:
                if depth >= Self.maxDepth {
                    // Too deep: keep the text, drop the structure.
                    push(children: cxml_first_child(node), parent: parent, depth: depth)
                    continue
                }
                var attributes = [(name: String, value: String)]()
                var attribute = cxml_first_attribute(node)
                while let a = attribute {
                    var value = ""
                    var part = cxml_attribute_value(a)
                    while let p = part {
                        if let content = cxml_content(p) { value += String(cString: content) }
                        part = cxml_next(p)
                    }
                    attributes.append((qualified(cxml_attribute_name(a), cxml_attribute_prefix(a)), value))
                    attribute = cxml_next_attribute(a)
                }
                let index = elements.count
                let name = qualified(cxml_name(node), cxml_prefix(node))
                elements.append(Element(name: name, attributes: attributes,
                                        parent: parent, depth: depth, children: [], nameID: nameID(name)))
                append(.element(index), to: parent)
                push(children: cxml_first_child(node), parent: index, depth: depth + 1)
            case CXML_TEXT, CXML_CDATA:
                if let content = cxml_content(node) {
                    // A style sheet's or script's text is kept only when it may carry metadata
                    // (JSON-LD, a publication date, WeChat's creation time): pages hold megabytes of code.
                    if parent >= 0, let kind = codeKind(parent), !Self.mayCarryMetadata(content, kind) { continue }
                    append(.text(String(cString: content)), to: parent)
                }
            case CXML_ENTITY_REF:
                push(children: cxml_first_child(node), parent: parent, depth: depth)
            default:
                break  // comments, processing instructions, DTDs
            }
        }
    }

    /// 1 for a script, 2 for a style sheet, nil for other elements.
    private func codeKind(_ element: Int) -> Int? {
        switch elements[element].name {
        case "script": 1
        case "style": 2
        default: nil
        }
    }

    static let metadataMarkers = ["ld+json", "@context", "publishDate", "datePublished", "pubDate", "publishTime", "publish_time",
                                  "pubtime", "var ct"]

    private static func mayCarryMetadata(_ content: UnsafePointer<CChar>, _ kind: Int) -> Bool {
        kind == 1 && metadataMarkers.contains { strstr(content, $0) != nil }
    }

    static let metadataMarkerBytes = metadataMarkers.map { Array($0.utf8) }

    /// Markers by their first byte, for one pass over a script's text.
    static let markersByFirst: [[[UInt8]]] = (0 ..< 256).map { b in metadataMarkerBytes.filter { $0[0] == UInt8(b) } }

    static func mayCarryMetadata(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        let n = bytes.count
        for i in 0 ..< n {
            let candidates = markersByFirst[Int(bytes[i])]
            if candidates.isEmpty { continue }
            for marker in candidates where i + marker.count <= n {
                if marker.withUnsafeBytes({ memcmp(base + i, $0.baseAddress!, marker.count) }) == 0 { return true }
            }
        }
        return false
    }

    /// Whether a style attribute hides its element: `display: none`, `visibility:hidden`.
    static func hides(style: UnsafePointer<CChar>) -> Bool {
        var compact = [UInt8]()
        var p = style
        while p.pointee != 0 {
            let b = UInt8(bitPattern: p.pointee)
            if b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { compact.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
            p += 1
        }
        let text = String(decoding: compact, as: UTF8.self)
        return text.includes("display:none") || text.includes("visibility:hidden")
    }

    /// The id of `name`, added to `names` when new (a linear search: a page has a few dozen names).
    mutating func nameID(_ name: String) -> Int {
        if let i = names.firstIndex(of: name) { return i }
        names.append(name)
        return names.count - 1
    }

    fileprivate mutating func append(_ node: Node, to parent: Int) {
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
