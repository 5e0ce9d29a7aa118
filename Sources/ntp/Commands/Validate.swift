import ArgumentParser
import Foundation
import NTPPlanning
import NTPReports
import NTPText
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

    @Argument(help: "The data folder, or one plan's folder under its seeds/ (default: as every command finds it).")
    var path: String?

    @Option(help: "Language of the messages: vi or en.")
    var lang: Language = .vi

    @Flag(help: "Also list the stated figures that agree with their parts.")
    var all = false

    func run() throws {
        let path = self.path ?? DataLocation.defaultFolder() ?? "Data"
        var folder = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError(lang("\(path) is not a folder"))
        }
        // One plan's folder: load the data folder it belongs to, report on that plan (and the catalogs).
        var only: String?
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("document.yaml").path) {
            only = folder.lastPathComponent
            folder = folder.deletingLastPathComponent().deletingLastPathComponent()
        }
        let shown = only.map { "seeds/\($0)/" }
        let relevant = { (file: String) in shown.map { file.hasPrefix($0) || !file.hasPrefix("seeds/") } ?? true }
        let (data, diagnostics) = DataSet.load(root: folder)
        let prefix = folder.relativePath
        for diagnostic in diagnostics.all where relevant(diagnostic.file) {
            print("\(prefix)/" + diagnostic.text(lang))
        }
        let results = data.reconciliations.filter { only == nil || $0.documentID == only }
        if all {
            for result in results where result.agrees {
                print("\(prefix)/\(result.statedFile):\(result.statedLine): " + lang("agrees: \(result.key) = \(result.statedAsWritten) (\(result.computation))"))
            }
        }
        let errors = diagnostics.errors.filter { relevant($0.file) }.count
        let warnings = diagnostics.warnings.filter { relevant($0.file) }.count
        let agreeing = results.filter(\.agrees).count
        let documents = only == nil ? lang("\(data.documents.count) documents") : lang("1 document")
        print(lang(
            "\(documents), \(data.catalogs.criteriaSets.count) criteria sets, \(data.catalogs.localities.localities.count) localities; "
                + "\(results.count) stated figures checked, \(agreeing) agree, \(results.count - agreeing) disagree; \(errors) errors, \(warnings) warnings"))
        if errors > 0 { throw ExitCode.failure }
    }
}
