import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// `news-search serve`: the HTTP server over an index, with the holder's watch running beside it.
public struct SearchServer: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (`onRunning` is told which).
    public var port = 8080
    /// Connections open at once; more wait in the kernel's queue.
    public var maxConnections = 1024
    public var reopenInterval = Duration.milliseconds(500)
    public let holder: IndexHolder

    public init(holder: IndexHolder) { self.holder = holder }

    /// Serves until the task is cancelled or the process gets SIGINT/SIGTERM; `onRunning` gets
    /// the address the server listens on (`http://127.0.0.1:8080`).
    public func run(onRunning: @escaping @Sendable (String) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "news-search")
        logger.logLevel = .warning
        let app = Application(
            router: ServiceRouter.router(SearchService(holder: holder)),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil,
                                                    availableConnectionsDelegate: MaximumAvailableConnections(maxConnections)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shownHost = host.contains(":") ? "[\(host)]" : host
                await onRunning("http://\(shownHost):\(port)")
            },
            logger: logger)
        let holder = self.holder, interval = reopenInterval
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await holder.watch(every: interval) }
            group.addTask { try await app.runService() }
            // The server ends first (a signal, or cancellation); the watch goes with it.
            try await group.next()
            group.cancelAll()
        }
    }
}
