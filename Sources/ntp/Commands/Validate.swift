import ArgumentParser
import Foundation
import NTPData

/// `ntp validate`: loads a data folder, reports every error and every disagreement between a figure a
/// document states and the figure its parts give.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the data folder: catalogs, localities, the transcribed plans and their stated figures.",
        discussion: """
            Errors (a file that breaks a rule: unknown commune or criterion, year outside the phase, \
            malformed money, duplicate row, wrong column count, missing provenance) are printed as \
            file:line:column: error: …, and make the exit status 1. A figure a document states that its \
            own parts do not give is a warning: both numbers are printed with where each comes from, \
            and the document is kept as stated.
            """
    )

    @Argument(help: "The data folder (default: Data).")
    var path: String = "Data"

    @Flag(help: "Also list the stated figures that agree with their parts.")
    var all = false

    func run() throws {
        let root = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("\(path) is not a folder")
        }
        let (data, diagnostics) = DataSet.load(root: root)
        for diagnostic in diagnostics.all {
            print("\(path)/\(diagnostic)")
        }
        if all {
            for result in data.reconciliations where result.agrees {
                print("\(path)/\(result.statedFile):\(result.statedLine): agrees: \(result.key) = \(result.statedAsWritten) (\(result.computation))")
            }
        }
        let agreeing = data.reconciliations.filter(\.agrees).count
        print(
            "\(data.documents.count) documents, \(data.catalogs.criteriaSets.count) criteria sets, "
                + "\(data.catalogs.localities.localities.count) localities; \(data.reconciliations.count) stated figures checked, "
                + "\(agreeing) agree, \(data.reconciliations.count - agreeing) disagree; "
                + "\(diagnostics.errors.count) errors, \(diagnostics.warnings.count) warnings")
        if diagnostics.hasErrors { throw ExitCode.failure }
    }
}
