import ArgumentParser
import Foundation
import NTPFiles
import NTPData
import NTPDomain
import NTPPlanning
import NTPReports
import NTPStore
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

/// Refuses an output path that cannot be written as a file (a folder, device, named pipe, symbolic
/// link, a missing or read-only folder) before the command starts its work.
func checkOutput(_ path: String) throws {
    do { try OutputFile.checkDestination(path) } catch { throw PlanningError.file(error) }
}

/// Refuses an option's value outside its limit (docs/limits.md), naming the real bounds.
func check<Value>(_ value: Value?, _ option: String, _ limit: Limit<Value>) throws {
    if let value, let problem = limit.problem(value) { throw ValidationError(Failure.language("\(option) \(problem.message)")) }
}

/// Refuses a `--horizon` that is not FROM-TO years of `Limits.year`; the scenario's phase is checked
/// once it is loaded (`PlanSettings`).
func checkHorizon(_ text: String?) throws {
    guard let text else { return }
    guard let years = BudgetScenario.parseYears(text) else { throw ValidationError("--horizon must read like 2022-2025") }
    if let problem = Limits.year.problem(years.lowerBound) ?? Limits.year.problem(years.upperBound) {
        throw ValidationError(Failure.language("--horizon \(text): the years \(problem.message)"))
    }
}

/// A scenario's diagnostics, or an error naming the scenario when they hold errors.
func requireNoErrors(_ diagnostics: Diagnostics, lang: Language) throws {
    if diagnostics.hasErrors { throw PlanningError.scenarioHasErrors(diagnostics) }
    printWarnings(diagnostics.warnings, lang: lang)
}

/// Keeps a plan in a plan store (`--store`), with the scenario it carries as a version, and says where.
func keep(_ document: PlanDocument, in store: String, lang: Language) throws {
    let (plan, version) = try PlanStore(path: store).addCommandLinePlan(document, actor: "ntp (\(NSUserName()))")
    print(lang("Stored plan #\(plan.id!) in \(store) (scenario v\(version.number))"))
}

/// Tells on standard error which plans were made from a scenario or data that has changed since.
func noteInputChanges(_ plans: [ComparedPlan], lang: Language) {
    for plan in plans {
        for change in plan.document.inputChanges(path: plan.path) { StandardError.write(inputChangeNote(change, plan: plan.path, lang: lang) + "\n") }
    }
}
