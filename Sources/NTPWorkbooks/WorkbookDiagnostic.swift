import NTPText

/// A problem found in a workbook, placed as a spreadsheet user finds it: the workbook, the sheet and
/// the cell (`book.xlsx:Biểu tiêu chí!F7: error: …`), with the value found and what was expected.
/// Errors stop an import; warnings (a stated total that its rows do not give, say) are reported and kept.
public struct WorkbookDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning
    }

    public let severity: Severity
    /// The workbook's name as the user gave it (a file name, or an upload's name).
    public let workbook: String
    public let sheet: String?
    /// `C7`, or a range `C7:V7`.
    public let cell: String?
    /// What is wrong and what was expected, in either language.
    public let message: Message

    public init(_ severity: Severity, workbook: String, sheet: String? = nil, cell: String? = nil, _ message: Message) {
        self.severity = severity
        self.workbook = workbook
        self.sheet = sheet
        self.cell = cell
        self.message = message
    }

    /// Where the problem is: `book.xlsx:Sheet!C7`, `book.xlsx:Sheet` or `book.xlsx`.
    public var place: String {
        var place = workbook
        if let sheet { place += ":" + sheet + (cell.map { "!" + $0 } ?? "") }
        return place
    }

    /// `book.xlsx:Sheet!C7: error: …`; in Vietnamese the severity is `lỗi` or `cảnh báo`.
    public func text(_ lang: Language) -> String { "\(place): \(lang(severity.name)): \(message.text(lang))" }

    /// The English form.
    public var description: String { text(.en) }
}

extension WorkbookDiagnostic.Severity {
    /// The word a diagnostic line shows.
    public var name: Message {
        switch self {
        case .error: "error"
        case .warning: "warning"
        }
    }
}

/// The diagnostics of one import, in the order found.
struct WorkbookDiagnostics {
    private(set) var all: [WorkbookDiagnostic] = []
    var hasErrors: Bool { all.contains { $0.severity == .error } }
    var errorCount: Int { all.filter { $0.severity == .error }.count }

    mutating func add(_ diagnostic: WorkbookDiagnostic) { all.append(diagnostic) }
}
