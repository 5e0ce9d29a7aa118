import Foundation
import NTPPlanning
import NTPText
import NTPData
import NTPFiles

/// The data tables as CSV files in one folder, one file per table (`summary.csv`, `funding.csv`, …),
/// UTF-8 with a byte-order mark, comma-separated, lines ending in LF, a header row of the column names.
struct CSVExport {
    let tables: ExportTables

    /// Excel reads a CSV file as the machine's legacy code page unless it starts with this mark, and
    /// Vietnamese names come out garbled; other programs skip it.
    static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

    func files() throws -> [(name: String, data: Data)] {
        try tables.tables.map { table in
            let csv = try CSVText(header: table.columns)
            for row in table.rows { try csv.add(row.map(Self.text)) }
            return (table.name + ".csv", Self.byteOrderMark + csv.data())
        }
    }

    static func text(_ field: ExportTables.Field) -> String {
        switch field {
        case .text(let text): text
        case .integer(let value): String(value)
        case .decimal(let value): "\(value)"
        case .flag(let value): value ? "true" : "false"
        case .null: ""
        }
    }

    /// Writes the files into `folder` as a whole (`OutputFolder`): they fill a new folder beside it,
    /// which then takes its place in one step. An earlier export in `folder` is replaced; any other
    /// folder or file there is refused, so nothing of the user's is overwritten.
    func write(to folder: URL) throws(ExportError) {
        let manager = FileManager.default
        do {
            let files = try files()
            try OutputFolder.checkDestination(folder.path)
            if let present = try? manager.contentsOfDirectory(atPath: folder.path) {
                let known = Set(ExportTables.allNames.map { $0 + ".csv" })
                if let other = present.sorted().first(where: { !known.contains($0) }) {
                    throw ExportError("\(folder.path) holds \(other), which is not a file of an earlier CSV export: give a new or empty folder")
                }
            }
            try OutputFolder.replace(folder.path) { staging in
                for file in files { try OutputFolder.add(file.data, at: (staging as NSString).appendingPathComponent(file.name)) }
            }
        } catch let error as ExportError {
            throw error
        } catch let error as FileError {
            throw ExportError(error.message)
        } catch {
            throw ExportError("\(folder.path): cannot write: \(error)")
        }
    }
}

/// The data tables as one JSON document: `format`, `version`, and one member per table, the summary as
/// an object of its keys and every other table as an array of objects keyed by its columns.
struct JSONExport: Encodable {
    let tables: ExportTables

    func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    private struct Key: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    private struct Row: Encodable {
        let columns: [String]
        let fields: [ExportTables.Field]

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (column, field) in zip(columns, fields) { try JSONExport.encode(field, as: Key(column), in: &container) }
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode("ntp-export", forKey: Key("format"))
        try container.encode(ExportTables.version, forKey: Key("version"))
        for table in tables.tables {
            if table.columns == ["key", "value"] {
                var object = container.nestedContainer(keyedBy: Key.self, forKey: Key(table.name))
                for row in table.rows {
                    guard case .text(let key) = row[0] else { continue }
                    try Self.encode(row[1], as: Key(key), in: &object)
                }
            } else {
                try container.encode(table.rows.map { Row(columns: table.columns, fields: $0) }, forKey: Key(table.name))
            }
        }
    }

    private static func encode(_ field: ExportTables.Field, as key: Key, in container: inout KeyedEncodingContainer<Key>) throws {
        switch field {
        case .text(let text): try container.encode(text, forKey: key)
        case .flag(let value): try container.encode(value, forKey: key)
        case .integer(let value): try container.encode(value, forKey: key)
        case .decimal(let value): try container.encode(value, forKey: key)
        case .null: try container.encodeNil(forKey: key)
        }
    }
}

public struct ExportError: Error, Sendable, CustomStringConvertible {
    /// What could not be written and why, in either language.
    public let message: Message
    init(_ message: Message) { self.message = message }

    public var description: String { message.description }
}
