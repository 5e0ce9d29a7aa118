import Crypto
import Foundation
import NTPFiles
import NTPDomain
import NTPText

/// Everything under a data folder: the catalogs, the transcribed plans, and how the figures each plan
/// states compare with its parts.
public struct DataSet: Sendable {
    public let root: URL
    public let catalogs: Catalogs
    public let documents: [SeedDocument]
    public let reconciliations: [Reconciliation]
    /// The default budget rules (Data/catalogs/budget-rules.yaml), which a scenario may override.
    public let defaultRules: BudgetRules
    /// The criteria set whose codes the default source-eligibility rules name: a scenario on another
    /// set states its own rule for each such source.
    public let defaultRulesCriteriaSet: String?
    /// The source-eligibility rules of other criteria sets (`catalogs/budget-rules-<set>.yaml`), which
    /// replace the default ones for a scenario on that set.
    public let eligibilityBySet: [String: [SourceEligibility]]
    /// The default cost model: norms, multipliers and locality attributes.
    public let costs: CostCatalog?
    /// The norms of other criteria sets (`catalogs/cost-norms-<set>.yaml`, e.g. the QĐ 51 set's, carried
    /// from QĐ 318's through the mapping), keyed by set id; `costs` stays the default.
    public let costsBySet: [String: CostCatalog]
    /// SHA-256 of every file under the folder (paths and contents, in path order): what a plan records
    /// to tell later whether the data it was made from has changed.
    public let digest: String

    /// Loads the data folder at `root` (the `Data/` of the repository, or a copy of it). Loading goes
    /// on past errors so that all of them are reported, without errors that only follow from another
    /// (plans are not checked against a catalog that failed, nor reconciled when a table broke a rule);
    /// a document's disagreements with itself are warnings.
    public static func load(root: URL) -> (DataSet, Diagnostics) {
        var diagnostics = Diagnostics()
        let catalogs = Catalogs.load(root: root, diagnostics: &diagnostics)
        let (rules, rulesSet) = BudgetRulesLoader.load(root: root, diagnostics: &diagnostics)
        if let rulesSet, catalogs.criteriaSets[rulesSet] == nil, !catalogs.failed.contains("criteria") {
            diagnostics.add(Diagnostic(.error, file: "catalogs/budget-rules.yaml", key: "criteria_set", message: "unknown criteria set \(quoted(rulesSet))"))
        }
        let eligibilityBySet = BudgetRulesLoader.loadEligibilityBySet(root: root, diagnostics: &diagnostics)
        if !catalogs.failed.contains("criteria") {
            for (set, rules) in eligibilityBySet.sorted(by: { $0.key < $1.key }) {
                let file = "catalogs/budget-rules-\(set).yaml"
                guard let criteria = catalogs.criteriaSets[set] else {
                    diagnostics.add(Diagnostic(.error, file: file, key: "criteria_set", message: "unknown criteria set \(quoted(set))"))
                    continue
                }
                for (index, rule) in rules.enumerated() {
                    let unknown = (rule.criteria ?? []).filter { code in !criteria.criteria.contains { $0.code == code } }.sorted(by: CodeOrder.less)
                    if !unknown.isEmpty {
                        diagnostics.add(Diagnostic(.error, file: file, key: "source_eligibility[\(index)].criteria", message: "not criteria of \(set): \(unknown.joined(separator: ", "))"))
                    }
                }
            }
        }
        let costs = catalogs.failed.isEmpty ? CostLoader.load(root: root, catalogs: catalogs, diagnostics: &diagnostics) : nil
        let others = costs.map { CostLoader.loadOthers(root: root, catalogs: catalogs, attributes: $0.attributes, diagnostics: &diagnostics) } ?? [:]
        let documents = SeedLoader.loadAll(root: root, catalogs: catalogs, diagnostics: &diagnostics)
        var reconciliations: [Reconciliation] = []
        for document in documents where !document.hasErrors {
            let results = Reconciler(document: document).run(diagnostics: &diagnostics)
            for result in results where !result.agrees {
                let stated = result.statedAsWritten.isEmpty ? "\(result.stated)" : result.statedAsWritten
                let note: Message = result.note.map { .verbatim("; \($0)") } ?? .verbatim("")
                diagnostics.add(
                    Diagnostic(
                        .warning, file: result.statedFile, line: result.statedLine, key: result.key,
                        message: "the document states \(stated) (\(result.statedProvenance)); its parts give "
                            + "\(Numbers.format(result.computed, decimals: result.decimals)) (\(result.computation))\(note)"))
            }
            reconciliations += results
        }
        let data = DataSet(
            root: root, catalogs: catalogs, documents: documents, reconciliations: reconciliations, defaultRules: rules,
            defaultRulesCriteriaSet: rulesSet, eligibilityBySet: eligibilityBySet, costs: costs,
            costsBySet: others, digest: Digest.folder(root))
        return (data, diagnostics)
    }

    public func document(_ id: String) -> SeedDocument? { documents.first { $0.id == id } }
}

/// SHA-256 digests written as lowercase hexadecimal.
public enum Digest {
    public static func of(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func of(_ text: String) -> String { of(Data(text.utf8)) }

    /// Every regular file under `folder` but hidden ones, each as its relative path, a NUL, its size
    /// and its bytes, in path order; unreadable files count by their path alone.
    public static func folder(_ folder: URL) -> String {
        let manager = FileManager.default
        let base = folder.standardizedFileURL.path
        var paths: [String] = []
        if let walker = manager.enumerator(atPath: base) {
            while let path = walker.nextObject() as? String {
                var isFolder: ObjCBool = false
                let full = base + "/" + path
                guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                    manager.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue
                else { continue }
                paths.append(path)
            }
        }
        var hasher = SHA256()
        for path in paths.sorted() {
            // Through InputFile: a named pipe in the folder would block a plain read, a device never end.
            let bytes = (try? InputFile.data(at: base + "/" + path)) ?? Data()
            hasher.update(data: Data((path + "\u{0}\(bytes.count)\u{0}").utf8))
            hasher.update(data: bytes)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
