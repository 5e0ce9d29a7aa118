import Synchronization

/// Reports, rendered pages and downloads of things that never change once stored (a version, a plan, a
/// comparison of plans), kept in memory by key within a count and a byte budget, the least recently
/// used dropped first, so that the server's memory stays flat however many plans are visited.
final class RenderCache: Sendable {
    /// At most this many values.
    let capacity: Int
    /// At most this many bytes, as the values count themselves (`CacheCost`).
    let byteBudget: Int

    private struct Entry: Sendable {
        let value: any Sendable
        let bytes: Int
        var used: Int
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock = 0
    }

    private let state = Mutex(State())

    init(capacity: Int, byteBudget: Int) {
        self.capacity = capacity
        self.byteBudget = byteBudget
    }

    /// The value kept for `key`, if any.
    func existing<T: Sendable>(_ key: String, as type: T.Type = T.self) -> T? {
        state.withLock { state in
            guard let entry = state.entries[key], let value = entry.value as? T else { return nil }
            state.clock += 1
            state.entries[key]?.used = state.clock
            return value
        }
    }

    /// The value kept for `key`, else the one `make` makes, kept (unless it alone is over the budget).
    func value<T: CacheCost>(_ key: String, make: () throws -> T) rethrows -> T {
        if let found: T = existing(key) { return found }
        let made = try make()
        let bytes = made.cacheBytes
        guard bytes <= byteBudget else { return made }
        state.withLock { state in
            state.clock += 1
            if let old = state.entries[key] { state.bytes -= old.bytes }
            state.entries[key] = Entry(value: made, bytes: bytes, used: state.clock)
            state.bytes += bytes
            while state.entries.count > capacity || state.bytes > byteBudget,
                let oldest = state.entries.min(by: { $0.value.used < $1.value.used })
            {
                state.bytes -= oldest.value.bytes
                state.entries[oldest.key] = nil
            }
        }
        return made
    }

    /// How many values and bytes are kept.
    var usage: (count: Int, bytes: Int) { state.withLock { ($0.entries.count, $0.bytes) } }
}

/// A value the render cache can keep: about how many bytes it holds.
protocol CacheCost: Sendable {
    var cacheBytes: Int { get }
}

extension String: CacheCost {
    var cacheBytes: Int { utf8.count }
}

extension Array: CacheCost where Element == String {
    var cacheBytes: Int { reduce(0) { $0 + $1.utf8.count } }
}
