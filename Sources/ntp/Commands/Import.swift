import ArgumentParser
import Foundation
import NTPData
import NTPDomain
import NTPFiles
import NTPText
import NTPWorkbooks

/// `ntp import`: a workbook read into a scenario folder every command reads (docs/workbooks.md).
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a workbook (the template, an exported plan, or a department's own Biểu and capital tables) into a scenario folder.",
        discussion: """
            Writes FOLDER/scenario.yaml with status.csv (one row per cell of the criteria status), and \
            localities.csv, overrides.csv and plan.csv when the workbook has new communes, cost overrides or \
            allocation lines; every value names its cell (Sheet!C7). Sheets are recognised by name, else by \
            their headers; criteria columns by their numbers or names; x, X or đạt for met, years as numbers \
            or text, money as numbers or Vietnamese text (70.285, 484,0). Totals and averages under a table \
            are checked against its rows (a warning with both figures). Every problem is listed as \
            WORKBOOK.xlsx:Sheet!C7: error: … (lỗi with --lang vi, the default); with an error nothing is written (exit status 1). An existing \
            FOLDER is replaced only when it is an earlier import. Options supply what the workbook does not \
            say (a department's own workbook has no scenario sheet); given in both, they must agree.
            """
    )

    @Argument(help: "The workbook (.xlsx).")
    var workbook: String

    @Option(help: "The scenario folder to write.")
    var out: String

    @Option(help: "The area's id (a district or province of the data), when the workbook does not give it.")
    var scope: String?

    @Option(help: "The criteria set, when the workbook does not give it.")
    var criteriaSet: String?

    @Option(help: "The program phase, when the workbook does not give it.")
    var phase: String?

    @Option(help: "The unit of the amounts, when the workbook does not state it: trieu or ty.")
    var unit: Budget.Unit?

    @Option(help: "The scenario's name, when the workbook does not give it.")
    var name: String?

    @OptionGroup var options: DataOptions

    func run() throws {
        do { try OutputFolder.checkDestination(out) } catch {
            StandardError.write("Error: \(error)\n")
            throw ExitCode.failure
        }
        let dataSet = try options.load()
        let context = ImportContext(phaseID: phase, scopeID: scope, criteriaSetID: criteriaSet, unit: unit.map { $0 == .ty ? .ty : .trieu }, name: name)
        let result = WorkbookImport(url: URL(fileURLWithPath: workbook), context: context, data: dataSet)
        let lang = options.lang
        for diagnostic in result.diagnostics { StandardError.write(diagnostic.text(lang) + "\n") }
        guard let scenario = result.scenario else {
            let count = result.errors.count
            StandardError.write(lang(count == 1 ? "1 error; nothing was written" : "\(count) errors; nothing was written") + "\n")
            throw ExitCode.failure
        }
        do {
            try ScenarioFolder(scenario, workbook: URL(fileURLWithPath: workbook).lastPathComponent, sheets: result.sheetsRead)
                .write(to: URL(fileURLWithPath: out), data: dataSet)
        } catch {
            StandardError.write(lang("Error: \(error.message)") + "\n")
            throw ExitCode.failure
        }
        let cells = scenario.communes.flatMap(\.status.values)
        let met = cells.filter { $0.state == .met }.count
        let planned = cells.filter { if case .planned = $0.state { true } else { false } }.count
        // Each amount is within Limits.largestAmount (the import checks it), but their sum is taken checked.
        let money = (try? scenario.envelopes.map(\.amount).total()) ?? Money(dong: .max)
        print(lang("Wrote \(out)/scenario.yaml"))
        print(lang("\(scenario.communes.count) communes (\(scenario.newLocalities.filter { $0.level == .commune }.count) new), \(met) criteria met, \(planned) planned; \(scenario.envelopes.count) envelopes, \(lang.format(money.amount(in: .trieu), decimals: 0)) million VND; \(result.warnings.count) warnings"))
        print(lang("Plan it: ntp plan \(out)/scenario.yaml --out plan.json"))
    }
}
