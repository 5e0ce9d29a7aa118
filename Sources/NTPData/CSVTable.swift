import CSV
import Foundation
import NTPDomain
import NTPText

/// A CSV file read whole: its header and rows, each row with the line it starts on, checked for shape
/// (a header, unique column names, every row as wide as the header, no blank lines).
struct CSVTable {
    struct Row {
        let line: Int
        let fields: [String]
    }

    let file: String
    let header: [String]
    let rows: [Row]
    private let index: [String: Int]

    /// Reads `url`; problems go to `diagnostics` (named by `file`), and rows of the wrong width are left
    /// out. Returns nil when the file cannot be read at all.
    init?(url: URL, file: String, diagnostics: inout Diagnostics) {
        self.file = file
        guard let text = readText(url: url, file: file, diagnostics: &diagnostics) else { return nil }
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else {
            diagnostics.add(Diagnostic(.error, file: file, message: "is not CSV"))
            return nil
        }
        var records: [Row] = []
        var line = 1
        while let fields = reader.next() {
            records.append(Row(line: line, fields: fields))
            // A record spans one line plus every line break quoted inside its fields.
            line += 1 + fields.reduce(0) { $0 + $1.unicodeScalars.filter { $0 == "\n" }.count }
        }
        guard let first = records.first, first.fields.contains(where: { !$0.isEmpty }) else {
            diagnostics.add(Diagnostic(.error, file: file, line: 1, message: "has no header row"))
            return nil
        }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            if name.isEmpty {
                diagnostics.add(Diagnostic(.error, file: file, line: 1, column: position + 1, message: "the header has an empty column name"))
            } else if index.updateValue(position, forKey: name) != nil {
                diagnostics.add(Diagnostic(.error, file: file, line: 1, column: position + 1, key: name, message: "the column name appears twice in the header"))
            }
        }
        self.index = index
        var kept: [Row] = []
        for record in records.dropFirst() {
            if record.fields.count == 1 && record.fields[0].isEmpty {
                diagnostics.add(Diagnostic(.error, file: file, line: record.line, message: "blank line"))
            } else if record.fields.count != header.count {
                diagnostics.add(
                    Diagnostic(
                        .error, file: file, line: record.line,
                        message: "has \(record.fields.count) fields, the header has \(header.count)"))
            } else {
                kept.append(record)
            }
        }
        rows = kept
    }

    func has(_ column: String) -> Bool { index[column] != nil }

    /// 1-based position of `column`, for messages.
    func position(of column: String) -> Int? { index[column].map { $0 + 1 } }

    func value(_ row: Row, _ column: String) -> String? {
        index[column].map { row.fields[$0] }
    }

    /// A diagnostic about `column` of `row`.
    func diagnostic(_ severity: Diagnostic.Severity, _ row: Row, _ column: String, _ message: Message) -> Diagnostic {
        Diagnostic(severity, file: file, line: row.line, column: position(of: column), key: column, message: message)
    }
}

extension CSVTable {
    /// The money of a row's `amount` column in its `unit` column (`trieu_dong`, `ty_dong`…), or nil with
    /// a diagnostic naming the cell.
    func money(_ row: Row, diagnostics: inout Diagnostics) -> Money? {
        let unitText = value(row, "unit")?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let unit = MoneyUnit(dataCode: unitText) else {
            diagnostics.add(diagnostic(.error, row, "unit", "\(quoted(unitText)) is not a money unit (trieu_dong, ty_dong, nghin_dong, dong)"))
            return nil
        }
        do {
            return try inputMoney(value(row, "amount")?.trimmingCharacters(in: .whitespaces) ?? "", unit: unit)
        } catch {
            diagnostics.add(diagnostic(.error, row, "amount", amountProblem(error)))
            return nil
        }
    }
}
