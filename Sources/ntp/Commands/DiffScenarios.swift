import ArgumentParser
import Foundation
import NTPData

/// `ntp diff-scenarios`: what differs between two scenarios' effective inputs, value by value.
struct DiffScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-scenarios",
        abstract: "Show what differs between two scenarios' effective inputs (after extends and envelope_changes), value by value.",
        discussion: """
            Each scenario is resolved as ntp plan reads it. Values are compared by key path; envelopes and \
            rules are matched by program, source, level and years, not by their place in the list. Exit \
            status: 0 when the inputs are the same, 3 when they differ, 1 on an error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, md, json }

    @Argument(help: "The first scenario file.")
    var first: String

    @Argument(help: "The second scenario file.")
    var second: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "table, md or json.")
    var format: Format = .table

    func run() throws {
        let dataSet = try options.load()
        var diagnostics = Diagnostics()
        let a = ResolvedScenario.load(url: URL(fileURLWithPath: first), catalogs: dataSet.catalogs, diagnostics: &diagnostics)
        let b = ResolvedScenario.load(url: URL(fileURLWithPath: second), catalogs: dataSet.catalogs, diagnostics: &diagnostics)
        try requireNoErrors(diagnostics)
        guard let a, let b else { throw ExitCode.failure }
        let differences = a.differences(from: b)
        print(render(differences, a, b), terminator: "")
        if !differences.isEmpty { throw ExitCode(3) }
    }

    private func render(_ differences: [ScenarioDifference], _ a: ResolvedScenario, _ b: ResolvedScenario) -> String {
        let none = lang.pick("(không có)", "(absent)")
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
            if differences.isEmpty { return lang.pick("Hai kịch bản có cùng dữ liệu đầu vào.\n", "The two scenarios have the same inputs.\n") }
            let headers = [lang.pick("Khóa", "Key"), first, second]
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
