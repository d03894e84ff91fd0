import Hummingbird
import HTTPTypes
import NIOCore

/// The service's routes over HTTP: every endpoint is a GET whose parameters are in the query
/// string; answers carry headers that keep a browser from reading them as anything else.
public enum ServiceRouter {
    /// Every route, as the OpenAPI document lists them (a test checks both ways).
    public static let paths = ["/", "/app.js", "/app.css", "/openapi.json", "/search", "/counts", "/article", "/regions",
                               "/industries", "/health", "/status"]

    /// The router of `service`.
    public static func router(_ service: SearchService) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in response(Assets.page) }
        router.get("/app.js") { _, _ in response(Assets.script) }
        router.get("/app.css") { _, _ in response(Assets.style) }
        router.get("/openapi.json") { _, _ in response(Assets.openAPI) }
        router.get("/search") { request, _ in await answer(request) { await service.search($0) } }
        router.get("/counts") { request, _ in await answer(request) { await service.counts($0) } }
        router.get("/article") { request, _ in await answer(request) { await service.article($0) } }
        router.get("/regions") { request, _ in await answer(request) { await service.regions($0) } }
        router.get("/industries") { request, _ in await answer(request) { await service.industries($0) } }
        router.get("/health") { request, _ in await answer(request) { service.health($0) } }
        router.get("/status") { request, _ in await answer(request) { service.status($0) } }
        return router
    }

    private static func answer(_ request: Request, _ endpoint: (RequestParameters) async -> Answer) async -> Response {
        guard let parameters = RequestParameters(query: request.uri.query ?? "") else {
            return response(.error(.badRequest("the query string is not valid: parameters are name=value pairs joined by &, percent-encoded UTF-8")))
        }
        return response(await endpoint(parameters))
    }

    /// Headers on every answer: no sniffing a JSON answer into HTML, no framing, scripts and
    /// styles from this server only (the page has no inline script for an injected tag to join).
    static func response(_ answer: Answer) -> Response {
        var headers: HTTPFields = [
            .contentType: answer.contentType,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Content-Security-Policy")!: "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            .cacheControl: "no-store",
        ]
        if let name = answer.attachment { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        return Response(status: .init(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

extension RequestParameters {
    /// The pairs of a URL's query string (`a=1&b=%E5%B1%B1`; `+` is a space, as HTML forms send
    /// it: a query's `+required` is written `%2B`). Nil when an escape or the UTF-8 is not valid.
    init?(query: String) {
        var pairs = [(name: String, value: String)]()
        for part in Array(query.utf8).split(separator: UInt8(ascii: "&")) where !part.isEmpty {
            let halves = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(halves[0]), let value = Self.decode(halves.count > 1 ? halves[1] : [][...]) else { return nil }
            pairs.append((name, value))
        }
        self.init(pairs)
    }

    private static func decode(_ slice: ArraySlice<UInt8>) -> String? {
        let bytes = Array(slice)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "+"): out.append(UInt8(ascii: " ")); i += 1
            case UInt8(ascii: "%"):
                guard i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) else { return nil }
                out.append(h << 4 | l)
                i += 3
            case let b: out.append(b); i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
