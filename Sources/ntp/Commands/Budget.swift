import ArgumentParser
import Foundation
import NTPPlanning
import NTPReports
import NTPText
import NTPData
import NTPDomain

/// `ntp budget`: sources and uses of a scenario's plan against its envelopes, and the rule check.
struct Budget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sources and uses of a scenario's money, shares, counterpart ratios and every rule the plan breaks.",
        discussion: """
            Amounts are shown in the chosen unit, rounded so that every table's parts add up exactly to its \
            total (largest remainder); JSON and CSV also carry the exact amounts in đồng. Exit status: 0 \
            when no rule is broken, 3 when the plan breaks a rule, 1 on an error in the files, 64 on bad options.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum Unit: String, ExpressibleByArgument, CaseIterable { case trieu, ty }

    @Argument(help: "The scenario file (Scenarios/*.yaml).")
    var scenario: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "Output format.")
    var format: Format = .table


    @Option(help: "Unit of the amounts shown: trieu (million VND) or ty (billion VND).")
    var unit: Unit = .trieu

    @Option(help: "Decimals of the amounts shown (default: 0 in trieu, 1 in ty).")
    var decimals: Int?


    func validate() throws {
        if let decimals, !(0...6).contains(decimals) { throw ValidationError(lang("--decimals must be between 0 and 6, not \(decimals)")) }
    }

    func run() throws {
        var diagnostics = Diagnostics()
        let dataSet = try options.load().including(scenarioAt: URL(fileURLWithPath: scenario), diagnostics: &diagnostics)
        let loaded = BudgetScenario.load(url: URL(fileURLWithPath: scenario), data: dataSet, diagnostics: &diagnostics)
        try requireNoErrors(diagnostics, lang: lang)
        guard let loaded else { throw ExitCode.failure }
        let ledger = loaded.ledger(catalogs: dataSet.catalogs)
        let moneyUnit: MoneyUnit = unit == .ty ? .ty : .trieu
        let report = BudgetReport(
            scenario: loaded, ledger: ledger, catalogs: dataSet.catalogs, lang: lang, unit: moneyUnit,
            decimals: decimals ?? (moneyUnit == .ty ? 1 : 0))
        switch format {
        case .table:
            print(report.table, terminator: "")
            // What the envelopes can never pay, whatever the plan: said here, before anyone plans.
            if let loaded = try? LoadedScenario(scenario, data: options.data, dataSet: dataSet), let settings = try? PlanSettings(loaded),
                let setup = try? PlanSetup(settings, loaded: loaded)
            {
                let text = PayabilityText(payability: Payability(instance: setup.instance, kinds: settings.kinds), inputs: setup.inputs, lang: lang).text
                if !text.isEmpty { print("\n" + text, terminator: "") }
            }
        case .json: print(try report.json())
        case .csv: print(try report.csv(), terminator: "")
        }
        if ledger.violations.contains(where: \.isBreach) { throw ExitCode(3) }
    }
}
