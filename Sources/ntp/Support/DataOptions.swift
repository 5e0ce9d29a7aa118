import ArgumentParser
import Foundation
import NTPData
import NTPPlanning
import NTPStore
import NTPText

/// The options every command that reads `Data/` shares.
struct DataOptions: ParsableArguments {
    @Option(help: "The data folder.")
    var data: String = "Data"

    @Option(help: "Language of the report: vi or en.")
    var lang: Language = .vi

    func load() throws -> DataSet { try loadDataSet(data) }
}

extension Language: ExpressibleByArgument {}

/// Prints what loading found that does not stop it, as `file:line: warning: …`.
func printWarnings(_ warnings: [Diagnostic]) {
    for warning in warnings { StandardError.write("\(warning)\n") }
}

/// A scenario's diagnostics, or an error naming the scenario when they hold errors.
func requireNoErrors(_ diagnostics: Diagnostics) throws {
    if diagnostics.hasErrors { throw PlanningError.scenarioHasErrors(diagnostics) }
    printWarnings(diagnostics.warnings)
}

/// Keeps a plan in a plan store with the scenario's files (`--store`), and says where.
func keep(_ document: PlanDocument, scenario: String, data: String, in store: String, lang: Language) throws {
    let content = try ScenarioContent.collect(scenario: scenario)
    let inputs = try StoredInputs(store: try PlanStore(path: store), dataFolder: data)
    let (plan, version) = try inputs.storeCommandLinePlan(
        document: document, content: content, sourceName: (scenario as NSString).lastPathComponent, actor: "ntp (\(NSUserName()))")
    print(lang.pick("Đã lưu kế hoạch #\(plan.id!) vào \(store) (kịch bản v\(version.number))", "Stored plan #\(plan.id!) in \(store) (scenario v\(version.number))"))
}
