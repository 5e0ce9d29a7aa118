import Foundation
import NTPData
import NTPDomain
import NTPOptimization

/// A province of `ntp generate` (NTPData's `SyntheticScenario`, docs/generate.md) as the optimizer's
/// instance: generated from the repository's `Data/`, written to a temporary folder, read back by the
/// real loaders and turned into an `AllocationInstance` with every kind of money, the generator's
/// capacity and no other policy.
///
/// The same parameters always give the same instance (the generator is deterministic).
public struct GeneratedProvince: Sendable {
    public let parameters: SyntheticScenario.Parameters
    public let instance: AllocationInstance

    /// The repository's `Data/` folder.
    public static let repositoryData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data")

    /// The repository's data, loaded once.
    public static let repositorySet: DataSet = DataSet.load(root: repositoryData).0

    public struct LoadFailed: Error, CustomStringConvertible {
        public let description: String
    }

    public init(communes: Int, years: Int, seed: UInt64, capacity: Int? = 3) throws {
        parameters = SyntheticScenario.Parameters(communes: communes, years: years, seed: seed, capacity: capacity)
        let scenario = try SyntheticScenario(parameters, source: Self.repositorySet)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-generated-\(UUID().uuidString)")
        try scenario.write(to: folder, replace: false)
        defer { try? FileManager.default.removeItem(at: folder) }

        let (data, dataDiagnostics) = DataSet.load(root: folder.appendingPathComponent(SyntheticScenario.dataFolder))
        var diagnostics = Diagnostics()
        let file = folder.appendingPathComponent(SyntheticScenario.scenarioFile)
        let costs = CostScenario.load(url: file, data: data, diagnostics: &diagnostics)
        let budget = BudgetScenario.load(url: file, data: data, diagnostics: &diagnostics)
        let errors = dataDiagnostics.errors + diagnostics.errors
        guard errors.isEmpty, let costs, let budget else {
            throw LoadFailed(description: "the generated province does not load: \(errors.map { "\($0)" }.joined(separator: "; "))")
        }
        let items = costs.costs().map {
            AllocationInstance.Item(commune: $0.locality, criterion: $0.criterion, cost: $0.byKind, buildYears: $0.buildYears, maintenancePerYear: $0.maintenancePerYear)
        }
        instance = AllocationInstance(
            items: items, years: Array(scenario.summary.years), envelopes: budget.envelopes, rules: budget.rules, sources: data.catalogs.sources,
            localities: data.catalogs.localities, policy: AllocationInstance.Policy(capacityPerCommuneYear: capacity))
    }
}
