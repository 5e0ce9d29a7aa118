import Foundation
import NTPData
import NTPDomain
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

    /// Writes the folder whole or not at all: the files go into a new folder beside `folder`, which is
    /// loaded as every command loads a scenario (against `data`); only then does it take `folder`'s
    /// place. An existing `folder` is replaced only when it is an earlier import holding nothing else.
    public func write(to folder: URL, data: DataSet) throws(WriteError) {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw WriteError(message: "\(folder.path) is a file; give a folder for the scenario") }
            let present = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            if !present.isEmpty {
                guard present.contains(Self.marker) else {
                    throw WriteError(message: "\(folder.path) exists and is not an earlier import (it has no \(Self.marker)); give a new folder")
                }
                if let other = present.sorted().first(where: { !Self.names.contains($0) }) {
                    throw WriteError(message: "\(folder.path) holds \(other), which an import does not write; move it away or give a new folder")
                }
            }
        }
        let parent = folder.deletingLastPathComponent()
        guard manager.fileExists(atPath: parent.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw WriteError(message: "cannot write \(folder.path): the folder \(parent.path) does not exist")
        }
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).\(UUID().uuidString).tmp")
        let retired = parent.appendingPathComponent(".\(folder.lastPathComponent).\(UUID().uuidString).old")
        defer { try? manager.removeItem(at: staging) }
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files { try file.contents.write(to: staging.appendingPathComponent(file.name)) }
        } catch {
            throw WriteError(message: "cannot write \(folder.path): \(error.localizedDescription)")
        }
        // What was written must load as every command loads it.
        let problems = Self.check(staging.appendingPathComponent(Self.scenarioFile), data: data)
        if !problems.isEmpty {
            // Each problem as loading says it, naming the folder the user gave rather than the staging one.
            let lines = problems.map { problem -> Message in
                var problem = problem
                problem.file = problem.file.replacingOccurrences(of: staging.path, with: folder.path)
                return "\(problem.file)\(problem.line.map { ":\($0)" } ?? "")\(problem.column.map { ":\($0)" } ?? ""): \(problem.severity.name): \(problem.key.map { "\($0): " } ?? "")\(problem.message)"
            }
            throw WriteError(message: "the scenario written does not load, so nothing was written:\n\(Message.joined(lines))")
        }
        do {
            if manager.fileExists(atPath: folder.path) { try manager.moveItem(at: folder, to: retired) }
            do { try manager.moveItem(at: staging, to: folder) } catch {
                if manager.fileExists(atPath: retired.path) { try? manager.moveItem(at: retired, to: folder) }
                throw error
            }
            try? manager.removeItem(at: retired)
        } catch {
            throw WriteError(message: "cannot write \(folder.path): \(error.localizedDescription)")
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
