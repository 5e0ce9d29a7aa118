import Foundation
import GLPKSwift
@_spi(Fuzzing) import NTPData
import NTPDomain
import NTPFiles
import NTPOptimization
import NTPPlanning
import NTPReports
import NTPWorkbooks
import XLSXSwift

/// The readers the fuzzers attack (scripts/fuzz, docs/limits.md). Each input goes through the
/// product's own reader and, when it reads, on to what the product does with it next, so that a value
/// a reader lets through and a later step cannot take is found too.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A scenario file (YAML), beside the shipped scenarios so that `extends:` and relative paths
    /// resolve: loaded with the shipped data (`LoadedScenario`: budget, costs, options), then its
    /// ledger and budget report, its costs, its plan settings and the optimizer's model (not solved).
    case scenario
    /// A status table (CSV) in place of a shipped scenario's; the first line names the scenario.
    case status
    /// A data table (CSV) in place of the shipped one, through its own loader (`DataFileLoading`); the
    /// first line names the file, relative to `Data/`. (The catalogs' YAML goes through the reader the
    /// scenario target attacks; loading the whole folder again for each of them would make this target
    /// ten times slower.)
    case data
    /// A model file through `GLPK.read` (the binding's checks, then GLPK's parser behind its guard);
    /// the first line names the format: `mps`, `fixed-mps` or `lp`.
    case model
    /// A plan file (JSON) through `PlanDocument.decode`: the JSON, the fields, and the plan against
    /// the inputs it carries.
    case plan
    /// An .xlsx file through XLSXSwift's reader (`XLSXDocument(data:)`), then every cell's value as
    /// text and number, as the import reads them.
    case xlsx
    /// A workbook through the import (`WorkbookImport` from bytes, with the shipped data), then the
    /// scenario folder's files it would write (`ScenarioFolder`).
    case workbook
}

/// Everything the targets need, prepared once per process: the shipped data set loaded, and a private
/// folder with the shipped scenarios linked in and a copy of the data folder to change one file of.
public final class FuzzBench: @unchecked Sendable {
    let repository: URL
    let dataSet: DataSet
    let scratch: String
    let scenarios: String
    let data: String
    /// Data files the data target may replace, relative to `Data/`.
    public let dataFiles: [String]
    /// Shipped scenarios that read a status table of their own.
    public let statusScenarios: [String]

    public init(repository: URL) throws {
        self.repository = repository
        let shippedData = repository.appendingPathComponent("Data")
        dataSet = DataSet.load(root: shippedData).0
        scratch = try ScratchFile.folder(named: "fuzz")
        scenarios = (scratch as NSString).appendingPathComponent("scenarios")
        data = (scratch as NSString).appendingPathComponent("data")
        let manager = FileManager.default
        try manager.createDirectory(atPath: scenarios, withIntermediateDirectories: false)
        let shippedScenarios = repository.appendingPathComponent("Scenarios").path
        for name in try manager.contentsOfDirectory(atPath: shippedScenarios) {
            try manager.createSymbolicLink(atPath: (scenarios as NSString).appendingPathComponent(name), withDestinationPath: (shippedScenarios as NSString).appendingPathComponent(name))
        }
        try manager.copyItem(atPath: shippedData.path, toPath: data)
        dataFiles = Self.dataFiles(in: shippedData.path)
        statusScenarios = try manager.contentsOfDirectory(atPath: shippedScenarios).filter { name in
            name.hasSuffix(".yaml") && ((try? String(contentsOfFile: (shippedScenarios as NSString).appendingPathComponent(name), encoding: .utf8))?.contains("file: status/") ?? false)
        }.sorted()
    }

    /// The CSV files under `root`, sorted: what the data target replaces.
    public static func dataFiles(in root: String) -> [String] {
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".csv") { files.append(path) }
        }
        return files.sorted()
    }

    /// Runs one input through `target`. Every outcome but a trap, a hang or a memory error is fine:
    /// the readers refuse what they cannot use.
    public func run(_ target: FuzzTarget, _ input: Data) {
        switch target {
        case .scenario:
            let path = (scenarios as NSString).appendingPathComponent("fuzz-input.yaml")
            guard write(input, to: path) else { return }
            follow(path)
        case .status:
            let (name, body) = Self.split(input, choosingFrom: statusScenarios)
            let table = (scenarios as NSString).appendingPathComponent("fuzz-status.csv")
            let scenario = (scenarios as NSString).appendingPathComponent("fuzz-status.yaml")
            guard let name, write(body, to: table), write(Data("extends: \(name)\nstatus: {document: null, file: fuzz-status.csv}\n".utf8), to: scenario) else { return }
            follow(scenario)
        case .data:
            let (name, body) = Self.split(input, choosingFrom: dataFiles)
            guard let name else { return }
            let path = (data as NSString).appendingPathComponent(name)
            guard let original = FileManager.default.contents(atPath: path), write(body, to: path) else { return }
            _ = DataFileLoading.load(name, root: URL(fileURLWithPath: data), data: dataSet)
            _ = write(original, to: path)
        case .model:
            let formats = ["mps": ModelFileFormat.freeMPS, "fixed-mps": .fixedMPS, "lp": .cplexLP]
            let (name, body) = Self.split(input, choosingFrom: formats.keys.sorted())
            guard let name, let format = formats[name] else { return }
            let path = (scratch as NSString).appendingPathComponent("model.\(name == "lp" ? "lp" : "mps")")
            guard write(body, to: path) else { return }
            _ = try? GLPK.read(from: URL(fileURLWithPath: path), format: format)
        case .plan:
            _ = try? PlanDocument.decode(input, path: "fuzz.json")
        case .xlsx:
            guard let document = try? XLSXDocument(data: input, name: "fuzz.xlsx") else { return }
            var characters = 0
            for sheet in document.sheets {
                for row in sheet.rows {
                    for cell in row.cells {
                        characters &+= cell.text.count
                        _ = (cell.number, cell.double, cell.date, cell.boolean)
                    }
                }
            }
            _ = characters
        case .workbook:
            let result = WorkbookImport(bytes: input, name: "fuzz.xlsx", data: dataSet)
            if let scenario = result.scenario { _ = ScenarioFolder(scenario, workbook: "fuzz.xlsx", sheets: result.sheetsRead).files }
        }
    }

    /// A scenario read, then everything the product derives from it before solving.
    func follow(_ path: String) {
        guard let loaded = try? LoadedScenario(path, data: data, dataSet: dataSet) else { return }
        let ledger = loaded.budget.ledger(catalogs: dataSet.catalogs)
        _ = BudgetReport(scenario: loaded.budget, ledger: ledger, catalogs: dataSet.catalogs, lang: .vi, unit: .trieu, decimals: 0).table
        _ = loaded.costs.costs()
        guard let settings = try? PlanSettings(loaded), let setup = try? PlanSetup(settings, loaded: loaded) else { return }
        _ = AllocationModel(setup.instance)
    }

    /// The first line of `input`, as one of `names` (the line itself when it is one, else one picked by
    /// its bytes, so that every input reaches a reader), and the rest.
    static func split(_ input: Data, choosingFrom names: [String]) -> (name: String?, body: Data) {
        guard !names.isEmpty else { return (nil, input) }
        let end = input.firstIndex(of: 10) ?? input.endIndex
        let line = String(decoding: input[input.startIndex..<end], as: UTF8.self)
        let body = end < input.endIndex ? input[input.index(after: end)...] : Data()
        if names.contains(line) { return (line, Data(body)) }
        let pick = input[input.startIndex..<end].reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF } % names.count
        return (names[pick], Data(body))
    }

    private func write(_ data: Data, to path: String) -> Bool {
        FileManager.default.createFile(atPath: path, contents: data)
    }
}
