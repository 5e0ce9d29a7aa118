/// A plain-text table for the terminal: a header row, a rule, rows, columns padded to their widest cell
/// (counted in characters, so Vietnamese letters with diacritics take one column each).
public struct TextTable {
    public enum Alignment: Sendable { case left, right }

    let columns: [(title: String, alignment: Alignment)]
    private var rows: [[String]] = []

    public init(_ columns: [(String, Alignment)]) {
        self.columns = columns.map { (title: $0.0, alignment: $0.1) }
    }

    public mutating func add(_ cells: [String]) { rows.append(cells) }
    /// A rule before the next row (for totals).
    public mutating func addRule() { rows.append([]) }

    public var text: String {
        let widths = columns.indices.map { index in
            ([columns[index].title] + rows.compactMap { $0.indices.contains(index) ? $0[index] : nil }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            columns.indices.map { index in
                let cell = cells.indices.contains(index) ? cells[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return columns[index].alignment == .left ? cell + padding : padding + cell
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        var lines = [line(columns.map(\.title)), rule]
        for row in rows { lines.append(row.isEmpty ? rule : line(row)) }
        return lines.joined(separator: "\n") + "\n"
    }
}
