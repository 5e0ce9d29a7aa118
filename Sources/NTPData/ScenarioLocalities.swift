import Foundation
import NTPDomain
import NTPText

/// A scenario's own localities (`localities:` in the scenario, Scenarios/README.md "A scenario's own
/// communes"): a table with the columns of `Data/localities/localities.csv` whose units join the
/// registry for that scenario only, so that a district the shipped data does not know is planned from
/// its own files without a copy of `Data/`.
///
/// Checked like the shipped table (level, flags, zone, name, provenance, an id defined once), and more
/// strictly, since the units are new: every id is an ASCII slug path not already in the data, every
/// commune and district names its parent, which is a larger unit of the data or of the same table.
extension DataSet {
    /// The data set as the scenario sees it: its own localities joined to the registry; the data set
    /// itself when the scenario names none. Problems go to `diagnostics`, and the units with an error
    /// are left out.
    public func including(_ scenario: ResolvedScenario, diagnostics: inout Diagnostics) -> DataSet {
        guard let path = scenario.localitiesFile else { return self }
        let added = ScenarioLocalities.load(path: path, registry: catalogs.localities, diagnostics: &diagnostics)
        guard !added.isEmpty else { return self }
        var catalogs = self.catalogs
        catalogs.localities = catalogs.localities.adding(added)
        return DataSet(
            root: root, catalogs: catalogs, documents: documents, reconciliations: reconciliations, defaultRules: defaultRules,
            defaultRulesCriteriaSet: defaultRulesCriteriaSet, eligibilityBySet: eligibilityBySet, costs: costs,
            costsBySet: costsBySet, digest: digest)
    }

    /// The data set as the scenario at `url` sees it; the data set itself when the scenario cannot be
    /// resolved (its loading reports why).
    public func including(scenarioAt url: URL, diagnostics: inout Diagnostics) -> DataSet {
        var ignored = Diagnostics()
        guard let scenario = ResolvedScenario.load(url: url, catalogs: catalogs, diagnostics: &ignored) else { return self }
        return including(scenario, diagnostics: &diagnostics)
    }
}

extension ResolvedScenario {
    /// The `localities:` file, as the working directory sees it.
    public var localitiesFile: String? { node.mapping?["localities"]?.string }
}

enum ScenarioLocalities {
    /// ASCII slugs joined by `/`: `cao-bang/quang-hoa/phuc-sen`, usable as a solver name.
    static func isSlugPath(_ id: String) -> Bool {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && !part.hasPrefix("-") && !part.hasSuffix("-")
                && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
    }

    static func load(path: String, registry: LocalityRegistry, diagnostics: inout Diagnostics) -> [Locality] {
        guard let table = CSVTable(url: URL(fileURLWithPath: path), file: path, diagnostics: &diagnostics),
            requireColumns(LocalityLoader.localityColumns, in: table, diagnostics: &diagnostics)
        else { return [] }
        var seen: [String: String] = [:]
        let parsed = LocalityLoader.parse(table, placeholders: false, seen: &seen, diagnostics: &diagnostics)
        let own = Dictionary(parsed.map { ($0.0.id, $0.0) }, uniquingKeysWith: { first, _ in first })
        var bad: Set<String> = []
        for (locality, row) in parsed {
            func fail(_ column: String, _ message: Message) {
                diagnostics.add(table.diagnostic(.error, row, column, message))
                bad.insert(locality.id)
            }
            if registry[locality.id] != nil {
                fail("id", "\(quoted(locality.id)) is already a locality of the data (localities/localities.csv); a scenario adds only new units")
            } else if !isSlugPath(locality.id) {
                fail("id", "\(quoted(locality.id)) must be lower-case ASCII letters, digits and hyphens, in parts joined by / (e.g. cao-bang/quang-hoa/phuc-sen)")
            }
            if locality.level == .village { fail("level", "a scenario adds provinces, districts and communes, not villages") }
            guard let parentID = locality.parentID else {
                if locality.level != .province { fail("parent_id", "is empty: a \(locality.level.rawValue) needs the province or district it lies in") }
                continue
            }
            guard let parent = own[parentID] ?? registry[parentID] else {
                fail("parent_id", "unknown locality \(quoted(parentID)) (neither in the data nor in this file)")
                continue
            }
            if parent.level >= locality.level || parent.level == .village {
                fail("parent_id", "\(quoted(parentID)) is a \(parent.level.rawValue); a \(locality.level.rawValue) lies in a larger unit")
            }
        }
        // The units without an error still join, so that the scenario's other checks do not repeat these.
        return parsed.map(\.0).filter { !bad.contains($0.id) }
    }
}
