import ArgumentParser
import Foundation
import NTPData

/// The options every command that reads `Data/` shares.
struct DataOptions: ParsableArguments {
    @Option(help: "The data folder.")
    var data: String = "Data"

    @Option(help: "Language of the report: vi or en.")
    var lang: Language = .vi

    func load() throws -> DataSet { try loadDataSet(data) }
}

/// The data set in `folder`, or an error pointing at `ntp validate` when it has errors.
func loadDataSet(_ folder: String) throws -> DataSet {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
        throw ValidationError("\(folder): no such data folder (give --data, or run ntp from the project's folder)")
    }
    let (dataSet, diagnostics) = DataSet.load(root: URL(fileURLWithPath: folder))
    if diagnostics.hasErrors {
        throw ValidationError("\(folder) has \(diagnostics.errors.count) errors; run `ntp validate \(folder)` to see them")
    }
    return dataSet
}

/// Prints the diagnostics of a scenario file and fails when there are errors.
func requireNoErrors(_ diagnostics: Diagnostics) throws {
    for diagnostic in diagnostics.all { StandardError.write("\(diagnostic)\n") }
    if diagnostics.hasErrors { throw ExitCode.failure }
}
