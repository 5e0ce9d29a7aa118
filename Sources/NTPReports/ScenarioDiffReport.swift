import Foundation
import NTPData
import NTPText

/// What differs between two scenarios' effective inputs (`ntp diff-scenarios`): a terminal table,
/// Markdown or JSON.
public struct ScenarioDiffReport {
    public enum Format: String, Sendable, CaseIterable { case table, md, json }

    let differences: [ScenarioDifference]
    let a, b: ResolvedScenario
    let lang: Language

    public init(differences: [ScenarioDifference], first: ResolvedScenario, second: ResolvedScenario, lang: Language) {
        self.differences = differences
        a = first
        b = second
        self.lang = lang
    }

    public func render(_ format: Format) -> String {
        let none = lang("(absent)")
        switch format {
        case .json:
            struct Entry: Encodable { let key: String; let first: String?; let second: String?; let first_from: String?; let second_from: String? }
            struct Document: Encodable { let first: [String]; let second: [String]; let differences: [Entry] }
            let document = Document(
                first: a.chain, second: b.chain,
                differences: differences.map { difference in
                    Entry(
                        key: difference.key, first: difference.first, second: difference.second,
                        first_from: difference.first == nil ? nil : a.origin(of: difference.key),
                        second_from: difference.second == nil ? nil : b.origin(of: difference.key))
                })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
        case .table, .md:
            if differences.isEmpty { return lang("The two scenarios have the same inputs.\n") }
            let headers = [lang("Key"), a.file, b.file]
            let rows = differences.map { [$0.key, $0.first ?? none, $0.second ?? none] }
            if format == .md {
                let escape = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
                return (["| " + headers.map(escape).joined(separator: " | ") + " |", "|---|---|---|"]
                    + rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }).joined(separator: "\n") + "\n"
            }
            var table = TextTable(headers.map { ($0, .left) })
            for row in rows { table.add(row) }
            return table.text
        }
    }
}
