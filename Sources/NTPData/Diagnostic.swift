import NTPText

/// A problem found in a data file: where it is (file, line, column or key), what is wrong, the value.
/// Errors stop a run; warnings (a document's own inconsistencies, say) are reported and kept; notes
/// name a known gap in the data (a part of a legal text no source gave, marked `unsourced`) that a
/// department should fill, and are neither.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    public var severity: Severity
    /// Path of the file, relative to the data folder when inside it.
    public var file: String
    public var line: Int?
    /// 1-based field number in a CSV row.
    public var column: Int?
    /// The CSV column name or YAML key path the problem is about.
    public var key: String?
    /// What is wrong and what was expected, in either language.
    public var message: Message

    public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: Message) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `file:line:column: error: [key] message`, the form compilers use, which editors can jump to;
    /// in Vietnamese the severity is `lỗi`, `cảnh báo` or `ghi chú`.
    public func text(_ lang: Language) -> String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        let subject = key.map { "\($0): " } ?? ""
        return "\(location): \(lang(severity.name)): \(subject)\(message.text(lang))"
    }

    /// The English form.
    public var description: String { text(.en) }
}

extension Diagnostic.Severity {
    /// The word a diagnostic line shows.
    public var name: Message {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}

/// Diagnostics gathered while loading; loading goes on after an error so that one run lists them all.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    /// Known gaps: parts of the data no source gave (`unsourced`), reported so that nobody takes them as complete.
    public var notes: [Diagnostic] { all.filter { $0.severity == .note } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    mutating func add(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }
}

/// Quotes a value in messages, so that empty and blank values show.
func quoted(_ value: String) -> String { "“\(value)”" }
