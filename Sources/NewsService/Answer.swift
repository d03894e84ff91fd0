/// What the service answers, before HTTP: a status, a content type and the bytes.
public struct Answer: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// A file name that browsers save the body under (`Content-Disposition: attachment`).
    public var attachment: String?

    public init(status: Int = 200, contentType: String, body: [UInt8], attachment: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.attachment = attachment
    }

    static func json(_ writer: JSONWriter) -> Answer { Answer(contentType: "application/json; charset=utf-8", body: writer.bytes) }

    static func error(_ e: ServiceError) -> Answer {
        Answer(status: e.status, contentType: "application/json; charset=utf-8", body: e.json)
    }

    /// The body as text (for tests and messages).
    public var text: String { String(decoding: body, as: UTF8.self) }
}
