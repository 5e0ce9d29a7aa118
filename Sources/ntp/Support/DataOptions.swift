import ArgumentParser
import Foundation
import NTPData

/// The options every command that reads `Data/` shares.
struct DataOptions: ParsableArguments {
    @Option(help: "The data folder.")
    var data: String = "Data"

    @Option(help: "Language of the report: vi or en.")
    var lang: Language = .vi

    /// The data set, or an error pointing at `ntp validate` when it has errors.
    func load() throws -> DataSet {
        let (dataSet, diagnostics) = DataSet.load(root: URL(fileURLWithPath: data))
        if diagnostics.hasErrors {
            throw ValidationError("\(data) has \(diagnostics.errors.count) errors; run `ntp validate \(data)` to see them")
        }
        return dataSet
    }
}

/// Prints the diagnostics of a scenario file and fails when there are errors.
func requireNoErrors(_ diagnostics: Diagnostics) throws {
    for diagnostic in diagnostics.all { StandardError.write("\(diagnostic)\n") }
    if diagnostics.hasErrors { throw ExitCode.failure }
}
