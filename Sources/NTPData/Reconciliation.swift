import Foundation
import NTPDomain
import NTPText

/// `checks.yaml`: how each figure a document states is computed from the parts transcribed.
struct ChecksFile: Decodable {
    let checks: [Check]
}

struct Check: Decodable, Sendable {
    let stated: String
    let computed: Expression
    let note: String?
}

/// A computation over a document's tables (Data/README.md, "Reconciliation checks").
indirect enum Expression: Decodable, Sendable {
    case count(table: String, filter: Filter)
    case distinct(table: String, column: String, filter: Filter)
    case sum(table: String, column: String, filter: Filter)
    case value(table: String, column: String, filter: Filter)
    case stated(String)
    case constant(Decimal)
    case add([Expression])
    case subtract([Expression])
    case ratio(Expression, Expression)
    case percent(Expression, Expression)

    private struct Key: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    private static let operations = ["count", "distinct", "sum", "value", "stated", "constant", "add", "subtract", "ratio", "percent"]

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let present = container.allKeys.map(\.stringValue).filter(Self.operations.contains)
        guard present.count == 1, let operation = present.first else {
            throw FieldError(codingPath: decoder.codingPath, "needs exactly one of \(Self.operations.joined(separator: ", "))")
        }
        let key = Key(operation)
        let filter = try container.decodeIfPresent(Filter.self, forKey: Key("where")) ?? Filter(conditions: [:])
        func column() throws -> String { try container.decode(String.self, forKey: Key("column")) }
        func pair() throws -> (Expression, Expression) {
            let operands = try container.decode([Expression].self, forKey: key)
            guard operands.count == 2 else {
                throw FieldError(codingPath: decoder.codingPath + [key], "takes exactly two operands")
            }
            return (operands[0], operands[1])
        }
        switch operation {
        case "count": self = .count(table: try container.decode(String.self, forKey: key), filter: filter)
        case "distinct": self = .distinct(table: try container.decode(String.self, forKey: key), column: try column(), filter: filter)
        case "sum": self = .sum(table: try container.decode(String.self, forKey: key), column: try column(), filter: filter)
        case "value": self = .value(table: try container.decode(String.self, forKey: key), column: try column(), filter: filter)
        case "stated": self = .stated(try container.decode(String.self, forKey: key))
        case "constant": self = .constant(Decimal(try container.decode(Double.self, forKey: key)))
        case "add": self = .add(try container.decode([Expression].self, forKey: key))
        case "subtract": self = .subtract(try container.decode([Expression].self, forKey: key))
        case "ratio": let (a, b) = try pair(); self = .ratio(a, b)
        default: let (a, b) = try pair(); self = .percent(a, b)
        }
    }
}

/// `where`: column → accepted values, compared after Unicode normalisation.
struct Filter: Decodable, Sendable {
    let conditions: [String: [String]]

    init(conditions: [String: [String]]) { self.conditions = conditions }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode([String: Scalars].self)
        conditions = raw.mapValues(\.values)
    }

    /// A YAML scalar or list of scalars, as text.
    struct Scalars: Decodable {
        let values: [String]

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([YAMLScalar].self) { values = list.map(\.text) } else { values = [try container.decode(YAMLScalar.self).text] }
        }
    }

    var description: String {
        conditions.keys.sorted().map { "\($0) = \(conditions[$0]!.joined(separator: " | "))" }.joined(separator: ", ")
    }
}

/// A figure a document states, compared with what its parts give.
public struct Reconciliation: Sendable {
    public let documentID: String
    public let key: String
    public let descriptionVi: String
    public let stated: Decimal
    public let statedAsWritten: String
    public let statedFile: String
    public let statedLine: Int
    public let statedProvenance: String
    public let computed: Decimal
    /// How the computed figure was obtained, in words.
    public let computation: String
    /// The decimals the stated figure is written with; the computed one is rounded to them.
    public let decimals: Int
    public let note: String?

    public var agrees: Bool { computedRounded == stated }

    /// The computed figure as compared, e.g. "14,37".
    public var computedRounded: Decimal { computed.rounded(decimals) }
}

struct CheckError: Error {
    let message: Message
}

/// Evaluates one document's checks.
struct Reconciler {
    let document: SeedDocument
    private var statedRows: [String: (row: CSVTable.Row, value: Decimal?)] = [:]
    private let statedTable: CSVTable?

    init(document: SeedDocument) {
        self.document = document
        statedTable = document.table("stated_figures")
        if let table = statedTable {
            for row in table.rows {
                let key = table.value(row, "key") ?? ""
                let value = table.value(row, "value").flatMap { try? Numbers.parse($0, .either) }
                statedRows[key] = (row, value)
            }
        }
    }

    func run(diagnostics: inout Diagnostics) -> [Reconciliation] {
        let file = "seeds/\(document.id)/checks.yaml"
        var results: [Reconciliation] = []
        for (index, check) in document.checks.enumerated() {
            let key = "checks[\(index)] (\(check.stated))"
            guard let table = statedTable, let stated = statedRows[check.stated] else {
                diagnostics.add(Diagnostic(.error, file: file, key: key, message: "no stated figure \(quoted(check.stated)) in stated_figures.csv"))
                continue
            }
            guard let statedValue = stated.value else {
                diagnostics.add(table.diagnostic(.error, stated.row, "value", "\(quoted(table.value(stated.row, "value") ?? "")) is not a number, so it cannot be checked"))
                continue
            }
            do {
                let (computed, computation) = try evaluate(check.computed)
                let asWritten = table.value(stated.row, "value_as_written") ?? ""
                results.append(
                    Reconciliation(
                        documentID: document.id, key: check.stated, descriptionVi: table.value(stated.row, "description_vi") ?? "",
                        stated: statedValue, statedAsWritten: asWritten, statedFile: table.file, statedLine: stated.row.line,
                        statedProvenance: table.value(stated.row, "provenance") ?? "", computed: computed, computation: computation,
                        decimals: Numbers.decimals(asWritten: asWritten.isEmpty ? (table.value(stated.row, "value") ?? "") : asWritten),
                        note: check.note))
            } catch {
                diagnostics.add(Diagnostic(.error, file: file, key: key, message: error.message))
            }
        }
        return results
    }

    private func evaluate(_ expression: Expression) throws(CheckError) -> (Decimal, String) {
        switch expression {
        case .count(let name, let filter):
            let (table, rows) = try select(name, filter)
            _ = table
            return (Decimal(rows.count), "\(rows.count) rows of \(name)\(describe(filter))")
        case .distinct(let name, let column, let filter):
            let (table, rows) = try select(name, filter, column: column)
            let values = Set(rows.map { table.value($0, column)!.precomposedStringWithCanonicalMapping })
            return (Decimal(values.count), "\(values.count) distinct \(column) in \(name)\(describe(filter))")
        case .sum(let name, let column, let filter):
            let (table, rows) = try select(name, filter, column: column)
            var total = Decimal()
            for row in rows {
                let text = table.value(row, column)!
                if text.isEmpty { continue }
                guard let number = try? Numbers.parse(text, .either) else {
                    throw CheckError(message: "\(table.file):\(row.line): \(column) \(quoted(text)) is not a number")
                }
                total += number
            }
            return (total, "sum of \(column) over \(rows.count) rows of \(name)\(describe(filter))")
        case .value(let name, let column, let filter):
            let (table, rows) = try select(name, filter, column: column)
            guard rows.count == 1, let row = rows.first else {
                throw CheckError(message: "\(rows.count) rows of \(name) match\(describe(filter)); value needs exactly one")
            }
            let text = table.value(row, column)!
            guard let number = try? Numbers.parse(text, .either) else {
                throw CheckError(message: "\(table.file):\(row.line): \(column) \(quoted(text)) is not a number")
            }
            return (number, "\(column) of \(name) line \(row.line)")
        case .stated(let key):
            guard let value = statedRows[key]?.value else { throw CheckError(message: "no numeric stated figure \(quoted(key))") }
            return (value, "stated \(key)")
        case .constant(let value):
            return (value, "\(value)")
        case .add(let operands):
            let parts = try operands.map { operand throws(CheckError) in try evaluate(operand) }
            return (parts.reduce(Decimal()) { $0 + $1.0 }, parts.map(\.1).joined(separator: " + "))
        case .subtract(let operands):
            guard let first = operands.first else { throw CheckError(message: "subtract needs operands") }
            let head = try evaluate(first)
            let rest = try operands.dropFirst().map { operand throws(CheckError) in try evaluate(operand) }
            return (rest.reduce(head.0) { $0 - $1.0 }, ([head.1] + rest.map(\.1)).joined(separator: " − "))
        case .ratio(let a, let b), .percent(let a, let b):
            let (numerator, top) = try evaluate(a)
            let (denominator, bottom) = try evaluate(b)
            guard denominator != 0 else { throw CheckError(message: "division by zero: \(bottom)") }
            if case .percent = expression { return (numerator * 100 / denominator, "100 × (\(top)) / (\(bottom))") }
            return (numerator / denominator, "(\(top)) / (\(bottom))")
        }
    }

    private func select(_ name: String, _ filter: Filter, column: String? = nil) throws(CheckError) -> (CSVTable, [CSVTable.Row]) {
        guard let table = document.table(name) else { throw CheckError(message: "no table \(quoted(name)) in \(document.id)") }
        for wanted in Array(filter.conditions.keys) + (column.map { [$0] } ?? []) where !table.has(wanted) {
            throw CheckError(message: "table \(name) has no column \(quoted(wanted))")
        }
        let conditions = filter.conditions.mapValues { Set($0.map { $0.precomposedStringWithCanonicalMapping }) }
        let rows = table.rows.filter { row in
            conditions.allSatisfy { column, accepted in accepted.contains(table.value(row, column)!.precomposedStringWithCanonicalMapping) }
        }
        return (table, rows)
    }

    private func describe(_ filter: Filter) -> String {
        filter.conditions.isEmpty ? "" : " where \(filter.description)"
    }
}
