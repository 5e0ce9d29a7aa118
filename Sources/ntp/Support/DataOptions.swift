import ArgumentParser
import Foundation
import NTPData
import NTPPlanning
import NTPReports
import NTPText

/// The options every command that reads `Data/` shares.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "The data folder (default: $NTP_DATA, else ./Data, else the data installed with ntp).")
    var folder: String?

    /// The folder given, or the one found where ntp looks by default.
    var data: String { folder ?? DataLocation.defaultFolder() ?? "Data" }

    @Option(help: "Language of the report: vi or en.")
    var lang: Language = .vi

    func load() throws -> DataSet { try loadDataSet(data) }
}

extension Language: ExpressibleByArgument {}

/// Prints what loading found that does not stop it, as `file:line: warning: …`.
func printWarnings(_ warnings: [Diagnostic], lang: Language) {
    for warning in warnings { StandardError.write(warning.text(lang) + "\n") }
}

/// A scenario's diagnostics, or an error naming the scenario when they hold errors.
func requireNoErrors(_ diagnostics: Diagnostics, lang: Language) throws {
    if diagnostics.hasErrors { throw PlanningError.scenarioHasErrors(diagnostics) }
    printWarnings(diagnostics.warnings, lang: lang)
}

/// Tells on standard error which plans were made from a scenario or data that has changed since.
func noteInputChanges(_ plans: [ComparedPlan], lang: Language) {
    for plan in plans {
        for change in plan.document.inputChanges(path: plan.path) { StandardError.write(inputChangeNote(change, plan: plan.path, lang: lang) + "\n") }
    }
}
