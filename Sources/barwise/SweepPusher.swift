import Foundation
import Monitoring
import Research

/// Pushes a running sweep's progress to a Prometheus Pushgateway (`barwise sweep --pushgateway`):
/// once at the start, every `intervalSeconds` from a thread of its own while the sweep runs, and
/// a last time with the final rows.
///
/// The sweep's workers only call `record`, which takes a lock for a counter increment and one
/// comparison; pushes (HTTP, up to the client's timeout) happen on the pusher's thread, or on the
/// command's thread after the workers are done. A failed push prints one warning for the whole
/// sweep (later failures are quiet) and never stops the sweep.
final class SweepPusher: @unchecked Sendable {
    private let gateway: Pushgateway
    private let grouping: PushgatewayGrouping
    private let metric: SweepMetric
    private let total: Int
    /// Rows kept from the interrupted sweep this one resumes (counted done, not in the rate).
    private let kept: Int
    private let intervalSeconds: Double
    private let started = Date()

    private let lock = NSLock()
    private var done: Int
    private var best: Double
    private var warned = false

    private let wake = NSCondition()
    private var stopping = false
    private var running = false
    private let loopEnded = DispatchSemaphore(value: 0)

    init(gateway: Pushgateway, sweep: String, shard: Shard?, metric: SweepMetric, total: Int, kept rows: [SweepRunner.Row], intervalSeconds: Double = 5) {
        self.gateway = gateway
        grouping = SweepPushMetrics.grouping(sweep: sweep, shard: shard.map { ($0.index, $0.count) })
        self.metric = metric
        self.total = total
        kept = rows.count
        done = rows.count
        best = metric.rank(rows).first.map { metric.value($0.summary) } ?? .nan
        self.intervalSeconds = intervalSeconds
    }

    /// Starts the pushing thread; its first push goes out at once.
    func start() {
        running = true
        let thread = Thread { [self] in loop() }
        thread.name = "barwise-pushgateway"
        thread.start()
    }

    /// Counts a finished run (from a worker thread).
    func record(_ row: SweepRunner.Row) {
        let value = metric.value(row.summary)
        lock.lock()
        done += 1
        if !value.isNaN && (best.isNaN || (metric.smallerIsBetter ? value < best : value > best)) { best = value }
        lock.unlock()
    }

    /// Stops the pushing thread (waiting for a push in flight, so none lands after the last)
    /// and pushes the final values: `ranked`, the rows of results.csv best first; `completed`
    /// false for an interrupted sweep.
    func finish(ranked: [SweepRunner.Row], completed: Bool) {
        stop()
        lock.lock()
        done = ranked.count
        best = ranked.first.map { metric.value($0.summary) } ?? .nan
        lock.unlock()
        push(finished: completed)
    }

    /// Stops the pushing thread without a last push (the sweep failed).
    func stop() {
        guard running else { return }
        running = false
        wake.lock()
        stopping = true
        wake.signal()
        wake.unlock()
        loopEnded.wait()
    }

    private func loop() {
        while true {
            push(finished: false)
            wake.lock()
            if !stopping { _ = wake.wait(until: Date().addingTimeInterval(intervalSeconds)) }
            let stop = stopping
            wake.unlock()
            if stop { break }
        }
        loopEnded.signal()
    }

    private func push(finished: Bool) {
        let now = Date()
        lock.lock()
        let elapsed = now.timeIntervalSince(started)
        let values = SweepPushMetrics(
            runsDone: done, runsTotal: total, runsPerSecond: elapsed > 0 ? Double(done - kept) / elapsed : 0, rankMetric: metric.rawValue,
            best: best, finished: finished, pushedAt: now.timeIntervalSince1970)
        lock.unlock()
        do throws(PushgatewayError) {
            try gateway.push(exposition: values.exposition(), grouping: grouping)
        } catch {
            lock.lock()
            let first = !warned
            warned = true
            lock.unlock()
            if first { PushgatewayOption.warn(error, "the sweep goes on and writes its results as usual (later push failures are not reported)") }
        }
    }
}
