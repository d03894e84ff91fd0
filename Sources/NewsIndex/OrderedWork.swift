import Foundation

/// Work done side by side, results used in order: the calling thread produces
/// jobs and consumes their outputs strictly in the order produced, while
/// `threads − 1` helpers (and the caller, whenever the next output is not
/// ready) turn jobs into outputs. At most `window` jobs are in flight, so
/// memory stays bounded. A flush and a merge use it to encode postings on
/// several threads and write them in term order: the files are the same as
/// with one thread.
///
/// An error thrown by `work`, `produce` or `consume` stops the helpers and is
/// rethrown (the first one, in job order for `work`).
enum OrderedWork {
    static func run<Job, Output>(threads: Int, window: Int, produce: () throws -> Job?,
                                 work: @escaping @Sendable (Job) throws -> Output, consume: (Output) throws -> Void) throws {
        guard threads > 1 else {
            while let job = try produce() { try consume(try work(job)) }
            return
        }
        let state = State<Job, Output>()
        let helpers = DispatchGroup()
        for _ in 1 ..< threads {
            DispatchQueue.global().async(group: helpers) {
                while let (n, job) = state.claim(waiting: true) { state.deliver(n, Result { try work(job) }) }
            }
        }
        defer {
            state.stop()
            helpers.wait()
        }
        var written = 0
        var exhausted = false
        while !exhausted || written < state.produced {
            if let output = state.take(written) {
                try consume(try output.get())
                written += 1
            } else if !exhausted && state.produced - written < window {
                if let job = try produce() { state.add(job) } else { exhausted = true; state.finish() }
            } else if let (n, job) = state.claim(waiting: false) {
                state.deliver(n, Result { try work(job) })
            } else {
                state.wait(for: written)
            }
        }
    }

    private final class State<Job, Output>: @unchecked Sendable {
        private let condition = NSCondition()
        private var jobs: [Int: Job] = [:]
        private var outputs: [Int: Result<Output, Error>] = [:]
        private(set) var produced = 0
        private var claimed = 0
        private var finished = false
        private var stopped = false

        func add(_ job: Job) {
            condition.broadcasting {
                jobs[produced] = job
                produced += 1
            }
        }

        /// The next unclaimed job; when `waiting`, blocks until there is one (nil once none will come).
        func claim(waiting: Bool) -> (Int, Job)? {
            condition.lock()
            defer { condition.unlock() }
            while waiting && claimed >= produced && !finished && !stopped { condition.wait() }
            guard claimed < produced && !stopped else { return nil }
            let n = claimed
            claimed += 1
            return (n, jobs.removeValue(forKey: n)!)
        }

        func deliver(_ n: Int, _ output: Result<Output, Error>) {
            condition.broadcasting { outputs[n] = output }
        }

        func take(_ n: Int) -> Result<Output, Error>? {
            condition.lock()
            defer { condition.unlock() }
            return outputs.removeValue(forKey: n)
        }

        /// Blocks until output `n` is there.
        func wait(for n: Int) {
            condition.lock()
            while outputs[n] == nil && !stopped { condition.wait() }
            condition.unlock()
        }

        func finish() {
            condition.broadcasting { finished = true }
        }

        func stop() {
            condition.broadcasting { stopped = true }
        }
    }
}
