/// One table of a report, before it is laid out: a title, columns, rows, total rows under a rule, and
/// lines of text after it. The terminal, Markdown and the workbench's HTML lay out the same sections,
/// so every form shows the same rounded figures.
public struct ReportSection: Sendable {
    public var title: String
    public var columns: [(String, TextTable.Alignment)]
    public var rows: [[String]] = []
    public var totals: [[String]] = []
    public var notes: [String] = []
    /// Shown instead of an empty table.
    public var empty: String?

    public init(title: String, columns: [(String, TextTable.Alignment)], rows: [[String]] = [], totals: [[String]] = [], notes: [String] = [], empty: String? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.totals = totals
        self.notes = notes
        self.empty = empty
    }

    /// The section as a terminal table, with its title above it.
    public var text: String {
        var out = title + "\n"
        if columns.isEmpty {
            out += empty.map { $0 + "\n" } ?? ""
        } else if rows.isEmpty, let empty {
            out += empty + "\n"
        } else {
            var table = TextTable(columns)
            for row in rows { table.add(row) }
            if !totals.isEmpty { table.addRule() }
            for row in totals { table.add(row) }
            out += table.text
        }
        return out + notes.map { $0 + "\n" }.joined()
    }
}
