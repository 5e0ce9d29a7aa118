/// Finds the merged range holding a cell in O(log² n), for any number and shape of ranges.
///
/// A segment tree over the rows where ranges start and end: each range is stored at the O(log n)
/// nodes whose row interval it covers whole. The ranges at one node share all its rows, so (not
/// overlapping) they are apart in columns, and a binary search by first column finds the one holding
/// a column. `init` refuses overlapping ranges, checked by a sweep over rows that keeps the columns
/// of the ranges open at each row in a Fenwick tree.
struct MergeIndex: Sendable {
    private let ranges: [CellRange]
    /// Rows where some range starts or ends (its last row + 1), ascending.
    private let boundaries: [Int]
    private let leafCount: Int
    /// Node i of the tree (1 the root, leaves from `leafCount`): indices into `ranges`, by first column.
    private let nodes: [[Int]]

    static let empty = MergeIndex(validated: [])

    /// Throws the first two ranges found to overlap.
    init(_ ranges: [CellRange]) throws(OverlapError) {
        try Self.checkDisjoint(ranges)
        self.init(validated: ranges)
    }

    struct OverlapError: Error {
        let first: CellRange
        let second: CellRange
    }

    private init(validated ranges: [CellRange]) {
        self.ranges = ranges
        let boundaries = Array(Set(ranges.flatMap { [$0.first.row, $0.last.row + 1] })).sorted()
        self.boundaries = boundaries
        var leafCount = 1
        while leafCount < max(boundaries.count - 1, 1) { leafCount *= 2 }
        self.leafCount = leafCount
        var nodes = [[Int]](repeating: [], count: 2 * leafCount)
        for (index, range) in ranges.enumerated() {
            // Leaves are the intervals between consecutive boundaries; the range covers [low, high).
            var low = Self.position(of: range.first.row, in: boundaries) + leafCount
            var high = Self.position(of: range.last.row + 1, in: boundaries) + leafCount
            while low < high {
                if low & 1 == 1 { nodes[low].append(index); low += 1 }
                if high & 1 == 1 { high -= 1; nodes[high].append(index) }
                low /= 2
                high /= 2
            }
        }
        for node in nodes.indices where nodes[node].count > 1 {
            nodes[node].sort { ranges[$0].first.column < ranges[$1].first.column }
        }
        self.nodes = nodes
    }

    /// The index of the range holding `address`.
    func range(containing address: CellAddress) -> Int? {
        guard let first = boundaries.first, address.row >= first, address.row < boundaries[boundaries.count - 1] else { return nil }
        // The leaf whose interval holds the row: the last boundary at or before it.
        var node = Self.position(of: address.row + 1, in: boundaries) - 1 + leafCount
        while node >= 1 {
            let candidates = nodes[node]
            var low = 0, high = candidates.count
            while low < high {
                let middle = (low + high) / 2
                if ranges[candidates[middle]].first.column <= address.column { low = middle + 1 } else { high = middle }
            }
            if low > 0, ranges[candidates[low - 1]].contains(address) { return candidates[low - 1] }
            node /= 2
        }
        return nil
    }

    /// The number of boundaries below `row`: the position of `row` when it is one.
    private static func position(of row: Int, in boundaries: [Int]) -> Int {
        var low = 0, high = boundaries.count
        while low < high {
            let middle = (low + high) / 2
            if boundaries[middle] < row { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Row by row, ranges close before others open; a range opening over columns already open overlaps
    /// one of the open ranges.
    private static func checkDisjoint(_ ranges: [CellRange]) throws(OverlapError) {
        guard ranges.count > 1 else { return }
        // (row, opens, range): at one row, closing (false) sorts before opening (true).
        let events = ranges.indices.flatMap { [($0, true, ranges[$0].first.row), ($0, false, ranges[$0].last.row + 1)] }
            .sorted { ($0.2, $0.1 ? 1 : 0) < ($1.2, $1.1 ? 1 : 0) }
        var open = ColumnCounts()
        var openRanges: Set<Int> = []
        for (index, opens, _) in events {
            let range = ranges[index]
            if opens {
                if open.sum(range.first.column, range.last.column) > 0 {
                    let other = openRanges.filter { ranges[$0].first.column <= range.last.column && range.first.column <= ranges[$0].last.column }.min()
                    throw OverlapError(first: ranges[other ?? index], second: range)
                }
                open.add(range.first.column, range.last.column, 1)
                openRanges.insert(index)
            } else {
                open.add(range.first.column, range.last.column, -1)
                openRanges.remove(index)
            }
        }
    }

    /// Counts over the 16,384 columns with range updates and range sums (two Fenwick trees).
    private struct ColumnCounts {
        private var linear = [Int](repeating: 0, count: XLSXLimits.columns + 2)
        private var constant = [Int](repeating: 0, count: XLSXLimits.columns + 2)

        private static func update(_ tree: inout [Int], _ position: Int, _ value: Int) {
            var index = position
            while index < tree.count {
                tree[index] += value
                index += index & -index
            }
        }

        private func prefix(_ tree: [Int], _ position: Int) -> Int {
            var index = position, total = 0
            while index > 0 {
                total += tree[index]
                index -= index & -index
            }
            return total
        }

        /// Adds `value` to columns `first...last` (from 0).
        mutating func add(_ first: Int, _ last: Int, _ value: Int) {
            let low = first + 1, high = last + 1
            Self.update(&linear, low, value)
            Self.update(&linear, high + 1, -value)
            Self.update(&constant, low, value * (low - 1))
            Self.update(&constant, high + 1, -value * high)
        }

        private func prefixSum(_ position: Int) -> Int { prefix(linear, position) * position - prefix(constant, position) }

        /// The sum over columns `first...last`.
        func sum(_ first: Int, _ last: Int) -> Int { prefixSum(last + 1) - prefixSum(first) }
    }
}
