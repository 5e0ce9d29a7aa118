import Foundation

/// One data file through its own loader, the rest of the data set as already loaded: the entry the
/// data-file fuzz target (Fuzz/, scripts/fuzz) uses, because loading the whole folder for every input
/// would make the fuzzer slow. The product loads a data folder whole with `DataSet.load`.
@_spi(Fuzzing) public enum DataFileLoading {
    /// Loads `file` (relative to the data folder `root`) the way `DataSet.load` loads it, checked
    /// against `data`'s catalogs; what it finds.
    public static func load(_ file: String, root: URL, data: DataSet) -> Diagnostics {
        var diagnostics = Diagnostics()
        let catalogs = data.catalogs
        let parts = file.split(separator: "/").map(String.init)
        switch file {
        case "localities/localities.csv", "localities/merges.csv":
            _ = LocalityLoader.load(root: root, diagnostics: &diagnostics)
        case "localities/attributes.csv":
            _ = CostLoader.loadAttributes(root: root, registry: catalogs.localities, diagnostics: &diagnostics)
        case "localities/classification-2026.csv":
            _ = ClassificationLoader.load(root: root, registry: catalogs.localities, diagnostics: &diagnostics)
        case "catalogs/budget-rules.yaml":
            _ = BudgetRulesLoader.load(root: root, diagnostics: &diagnostics)
        case "catalogs/cost-norms.yaml", "catalogs/cost-multipliers.yaml":
            _ = CostLoader.load(root: root, catalogs: catalogs, diagnostics: &diagnostics)
        case _ where file.hasPrefix("catalogs/criteria/mappings/"):
            _ = MappingLoader.load(root: root, sets: catalogs.criteriaSets, diagnostics: &diagnostics)
        case _ where file.hasSuffix(".requirements.csv"):
            var sets = catalogs.criteriaSets
            RequirementsLoader.supplement(&sets, root: root, diagnostics: &diagnostics)
        case _ where parts.count == 3 && parts[0] == "seeds":
            if let document = SeedLoader.load(id: parts[1], root: root, catalogs: catalogs, diagnostics: &diagnostics), !document.hasErrors {
                _ = Reconciler(document: document).run(diagnostics: &diagnostics)
            }
        default:
            diagnostics = DataSet.load(root: root).1
        }
        return diagnostics
    }
}
