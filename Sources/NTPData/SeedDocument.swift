import Foundation
import NTPDomain
import NTPText

/// One transcribed source plan under `Data/seeds/<id>/`: its metadata and its tables, each checked.
public struct SeedDocument: Sendable {
    /// Whether its tables broke a rule; its stated figures are then not reconciled.
    public let hasErrors: Bool
    public let id: String
    public let seedFile: String
    public let titleVi: String
    public let titleEn: String?
    public let issuerVi: String?
    public let date: String?
    /// The years the plan covers (2022 for a yearly plan).
    public let period: ClosedRange<Int>?
    public let phaseID: String
    /// The locality the document's names resolve in.
    public let scopeID: String
    public let criteriaSetID: String
    let tables: [String: CSVTable]
    let checks: [Check]

    func table(_ name: String) -> CSVTable? { tables[name] }
}

/// `document.yaml`.
struct SeedDocumentFile: Decodable {
    struct TableRecord: Decodable {
        let file: String
        let description: String
        let provenance: String
        let key: [String]?
    }

    let seed_file: String
    let title_vi: String
    let title_en: String?
    let issuer_vi: String?
    let date: String?
    let period: YearSpan?
    let phase: String
    let scope: String
    let criteria_set: String
    let tables: [TableRecord]
}

enum SeedLoader {
    static func loadAll(root: URL, catalogs: Catalogs, diagnostics: inout Diagnostics) -> [SeedDocument] {
        let folder = root.appendingPathComponent("seeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder), isFolder.boolValue
            else { return nil }
            return load(id: name, root: root, catalogs: catalogs, diagnostics: &diagnostics)
        }
    }

    static func load(id: String, root: URL, catalogs: Catalogs, diagnostics: inout Diagnostics) -> SeedDocument? {
        let folder = "seeds/\(id)"
        let metadataFile = "\(folder)/document.yaml"
        guard let metadata = decodeYAML(SeedDocumentFile.self, url: root.appendingPathComponent(metadataFile), file: metadataFile, diagnostics: &diagnostics)
        else { return nil }
        guard catalogs.failed.isEmpty else { return nil }  // its records could not be checked; the catalog's error says why
        var context = SeedContext(document: metadata, catalogs: catalogs, file: metadataFile)
        guard context.checkMetadata(diagnostics: &diagnostics) else { return nil }
        let errorsBefore = diagnostics.errors.count

        var tables: [String: CSVTable] = [:]
        for record in metadata.tables {
            let file = "\(folder)/\(record.file)"
            guard let table = CSVTable(url: root.appendingPathComponent(file), file: file, diagnostics: &diagnostics) else { continue }
            context.validate(table, key: record.key, diagnostics: &diagnostics)
            tables[String(record.file.dropLast(4))] = table
        }
        let declared = Set(metadata.tables.map(\.file))
        let present = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        for name in present.sorted() where name.hasSuffix(".csv") && !declared.contains(name) {
            diagnostics.add(Diagnostic(.error, file: "\(folder)/\(name)", message: "is not declared under tables in document.yaml"))
        }
        let checksFile = "\(folder)/checks.yaml"
        var checks: [Check] = []
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(checksFile).path),
            let decoded = decodeYAML(ChecksFile.self, url: root.appendingPathComponent(checksFile), file: checksFile, diagnostics: &diagnostics)
        {
            checks = decoded.checks
        }
        return SeedDocument(
            hasErrors: diagnostics.errors.count > errorsBefore, id: id, seedFile: metadata.seed_file, titleVi: metadata.title_vi, titleEn: metadata.title_en, issuerVi: metadata.issuer_vi,
            date: metadata.date, period: metadata.period.map { $0.from...$0.to }, phaseID: metadata.phase, scopeID: metadata.scope, criteriaSetID: metadata.criteria_set, tables: tables,
            checks: checks)
    }
}

/// The rules every seed table obeys, by column name (Data/README.md, "Column rules").
struct SeedContext {
    let document: SeedDocumentFile
    let catalogs: Catalogs
    let file: String
    private(set) var years: ClosedRange<Int> = 0...0

    init(document: SeedDocumentFile, catalogs: Catalogs, file: String) {
        self.document = document
        self.catalogs = catalogs
        self.file = file
    }

    mutating func checkMetadata(diagnostics: inout Diagnostics) -> Bool {
        var ok = true
        if let phase = catalogs.phase(document.phase) {
            years = phase.years
        } else {
            diagnostics.add(Diagnostic(.error, file: file, key: "phase", message: "unknown phase \(quoted(document.phase))"))
            ok = false
        }
        if catalogs.localities[document.scope] == nil {
            diagnostics.add(Diagnostic(.error, file: file, key: "scope", message: "unknown locality \(quoted(document.scope))"))
            ok = false
        }
        if catalogs.criteriaSets[document.criteria_set] == nil {
            diagnostics.add(Diagnostic(.error, file: file, key: "criteria_set", message: "unknown criteria set \(quoted(document.criteria_set))"))
            ok = false
        }
        return ok
    }

    func validate(_ table: CSVTable, key: [String]?, diagnostics: inout Diagnostics) {
        guard table.header.last == "provenance" else {
            diagnostics.add(Diagnostic(.error, file: table.file, line: 1, message: "the last column must be provenance"))
            return
        }
        let keyColumns = key ?? table.header.filter { $0 != "provenance" }
        for column in keyColumns where !table.has(column) {
            diagnostics.add(Diagnostic(.error, file: file, key: "tables.key", message: "\(table.file) has no column \(quoted(column))"))
        }
        var seen: [[String]: Int] = [:]
        for row in table.rows {
            let rowKey = keyColumns.compactMap { table.value(row, $0) }.map { $0.precomposedStringWithCanonicalMapping }
            if let first = seen.updateValue(row.line, forKey: rowKey) {
                diagnostics.add(
                    Diagnostic(.error, file: table.file, line: row.line, key: keyColumns.joined(separator: ","),
                        message: "duplicate of line \(first) (\(rowKey.joined(separator: ", ")))"))
            }
            for column in table.header {
                if let diagnostic = check(column, of: row, in: table) { diagnostics.add(diagnostic) }
            }
        }
    }

    /// The first problem with one cell, by the rule its column name implies.
    private func check(_ column: String, of row: CSVTable.Row, in table: CSVTable) -> Diagnostic? {
        let value = table.value(row, column)!.trimmingCharacters(in: .whitespaces)
        let fail = { (message: Message) in table.diagnostic(.error, row, column, message) }
        switch column {
        case "provenance":
            if value.isEmpty { return fail("is empty: say where in \(document.seed_file) the row comes from") }
            if !value.hasPrefix(document.seed_file + "#L") {
                return fail("\(quoted(value)) must start with \(document.seed_file)#L<line>")
            }
        case "commune" where !value.isEmpty:
            let scope = districtScope(row, in: table) ?? document.scope
            if catalogs.localities.find(value, under: scope, level: .commune).isEmpty {
                return fail("unknown commune \(quoted(value)) in \(catalogs.localities[scope]?.name ?? scope)")
            }
        case "district" where !value.isEmpty:
            if catalogs.localities.find(value, under: document.scope, level: .district).isEmpty {
                return fail("unknown district \(quoted(value)) in \(catalogs.localities[document.scope]?.name ?? document.scope)")
            }
        case "criterion" where !value.isEmpty:
            let setID = table.value(row, "criteria_set").flatMap(\.nilIfEmpty) ?? document.criteria_set
            guard let set = catalogs.criteriaSets[setID] else { return fail("unknown criteria set \(quoted(setID))") }
            if !set.contains(code: value) { return fail("\(quoted(value)) is not a criterion or sub-indicator of \(setID)") }
        case _ where (column == "year" || column.hasSuffix("_year")) && !value.isEmpty:
            guard let year = Int(value) else { return fail("\(quoted(value)) is not a year") }
            if !years.contains(year) { return fail("\(year) is outside the phase \(document.phase)") }
        case "amount" where !value.isEmpty:
            return checkNumberPair(value, writtenColumn: "amount_as_written", row: row, table: table, fail: fail)
                ?? checkUnit(row, table)
        case "percent" where !value.isEmpty:
            return checkNumberPair(value, writtenColumn: "percent_as_written", row: row, table: table, fail: fail)
        case "source" where !value.isEmpty:
            if catalogs.source(value) == nil { return fail("unknown capital source \(quoted(value))") }
        case "program" where !value.isEmpty:
            if catalogs.program(value) == nil { return fail("unknown program \(quoted(value))") }
        default:
            break
        }
        return nil
    }

    private func districtScope(_ row: CSVTable.Row, in table: CSVTable) -> String? {
        guard let district = table.value(row, "district"), !district.isEmpty else { return nil }
        return catalogs.localities.find(district, under: document.scope, level: .district).first?.id
    }

    /// A number in plain or Vietnamese notation, and its as-written twin in the document's notation.
    private func checkNumberPair(
        _ value: String, writtenColumn: String, row: CSVTable.Row, table: CSVTable, fail: (Message) -> Diagnostic
    ) -> Diagnostic? {
        let number: Decimal
        do { number = try Numbers.parse(value, .either) } catch { return fail(error.message) }
        guard let written = table.value(row, writtenColumn)?.trimmingCharacters(in: .whitespaces), !written.isEmpty else { return nil }
        let digits = written.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)
        do {
            let asWritten = try Numbers.parse(digits, .vietnamese)
            if asWritten != number {
                return table.diagnostic(.error, row, writtenColumn, "\(quoted(written)) reads as \(asWritten), but the plain column says \(number)")
            }
        } catch {
            return table.diagnostic(.error, row, writtenColumn, error.message)
        }
        return nil
    }

    private func checkUnit(_ row: CSVTable.Row, _ table: CSVTable) -> Diagnostic? {
        let unit = table.value(row, "unit") ?? ""
        guard MoneyUnit(dataCode: unit) != nil else {
            return table.diagnostic(.error, row, "unit", "\(quoted(unit)) is not a money unit (trieu_dong, ty_dong, nghin_dong, dong)")
        }
        return nil
    }
}

extension MoneyUnit {
    /// The unit codes data files use: `trieu_dong`, `ty_dong`…
    init?(dataCode: String) {
        switch dataCode {
        case "dong": self = .dong
        case "nghin_dong": self = .nghin
        case "trieu_dong": self = .trieu
        case "ty_dong": self = .ty
        default: return nil
        }
    }
}
