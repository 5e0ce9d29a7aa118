import Foundation
import NTPData
import NTPDomain
import NTPFiles
import NTPText

/// A scenario read from a workbook, as the files every command reads (Scenarios/README.md):
/// `scenario.yaml`, its status table, its own localities when the workbook names new ones, its cost
/// overrides and allocation lines when there are some, and `import.txt`, which marks the folder as an
/// import. Every value keeps its provenance: a `provenance` column, or a comment naming the cell.
public struct ScenarioFolder: Sendable {
    public struct File: Sendable, Equatable {
        public let name: String
        public let contents: Data
    }

    /// Why the folder was not written, in either language.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public let message: Message

        public var description: String { message.description }
    }

    public static let scenarioFile = "scenario.yaml"
    static let marker = "import.txt"
    /// Everything an import may write; a folder holding anything else is never replaced.
    static let names: Set<String> = [scenarioFile, "status.csv", "localities.csv", "overrides.csv", "plan.csv", marker]

    public let files: [File]

    /// The files of `scenario`; `workbook` names the workbook in `import.txt`.
    public init(_ scenario: WorkbookScenario, workbook: String, sheets: [WorkbookImport.SheetUse]) {
        var files: [File] = []
        func add(_ name: String, _ text: String) { files.append(File(name: name, contents: Data(text.utf8))) }
        add(Self.scenarioFile, ScenarioText.yaml(scenario, workbook: workbook))
        add("status.csv", ScenarioText.status(scenario))
        if !scenario.newLocalities.isEmpty { add("localities.csv", ScenarioText.localities(scenario)) }
        if !scenario.overrides.isEmpty { add("overrides.csv", ScenarioText.overrides(scenario)) }
        if !scenario.lines.isEmpty { add("plan.csv", ScenarioText.plan(scenario)) }
        var marker = "Written by ntp import from \(workbook).\n"
        for use in sheets { marker += "\(use.part.rawValue): sheet \(use.sheet)\n" }
        marker += "Run ntp import again to replace this folder; a folder holding other files is never replaced.\n"
        add(Self.marker, marker)
        self.files = files
    }

    /// Writes the folder whole or not at all (`OutputFolder`): the files go into a new folder beside
    /// `folder`, which is loaded as every command loads a scenario (against `data`); only then does it
    /// take `folder`'s place, in one step, so that a run killed at any moment leaves the old folder or
    /// the new one. An existing `folder` is replaced only when it is an earlier import holding nothing
    /// else; a file, device, named pipe or symbolic link is never replaced.
    public func write(to folder: URL, data: DataSet) throws(WriteError) {
        do { try OutputFolder.checkDestination(folder.path) } catch { throw WriteError(message: error.message) }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if !present.isEmpty {
            guard present.contains(Self.marker) else {
                throw WriteError(message: "\(folder.path) exists and is not an earlier import (it has no \(Self.marker)); give a new folder")
            }
            if let other = present.sorted().first(where: { !Self.names.contains($0) }) {
                throw WriteError(message: "\(folder.path) holds \(other), which an import does not write; move it away or give a new folder")
            }
        }
        do {
            try OutputFolder.replace(folder.path) { staging in
                for file in files { try OutputFolder.add(file.contents, at: (staging as NSString).appendingPathComponent(file.name)) }
                // What was written must load as every command loads it.
                let problems = Self.check(URL(fileURLWithPath: staging).appendingPathComponent(Self.scenarioFile), data: data)
                if !problems.isEmpty {
                    let text = problems.map { $0.description.replacingOccurrences(of: staging, with: folder.path) }
                    throw WriteError(message: "the scenario written does not load, so nothing was written:\n\(text.joined(separator: "\n"))")
                }
            }
        } catch let error as WriteError {
            throw error
        } catch let error as FileError {
            throw WriteError(message: error.message)
        } catch {
            throw WriteError(message: "cannot write \(folder.path): \(Message(.reason(of: error)))")
        }
    }

    /// The errors loading the scenario at `url` gives (budget, costs and plan options).
    static func check(_ url: URL, data: DataSet) -> [Diagnostic] {
        var diagnostics = Diagnostics()
        guard let resolved = ResolvedScenario.load(url: url, catalogs: data.catalogs, diagnostics: &diagnostics) else { return diagnostics.errors }
        let data = data.including(resolved, diagnostics: &diagnostics)
        _ = BudgetScenario.load(resolved, data: data, diagnostics: &diagnostics)
        if let costs = CostScenario.load(resolved, data: data, diagnostics: &diagnostics) {
            _ = ScenarioOptions.load(resolved, costs: costs, catalogs: data.catalogs, diagnostics: &diagnostics)
        }
        return diagnostics.errors
    }
}
