import Foundation
import NTPDomain
import NTPText

/// Programs, capital sources, criteria sets and localities: the catalogs every plan refers to.
public struct Catalogs: Sendable {
    public var phases: [Phase] = []
    public var programs: [Program] = []
    public var sources: [CapitalSource] = []
    public var criteriaSets: [String: CriteriaSet] = [:]
    public var localities = LocalityRegistry(localities: [], merges: [])
    /// Mappings between criteria sets (`catalogs/criteria/mappings/`), e.g. QĐ 318 → QĐ 51.
    public var criteriaMappings: [CriteriaMapping] = []
    /// What the 2026-2030 coefficients and requirements need to know of each commune of the new map
    /// (`localities/classification-2026.csv`), by locality id.
    public var classifications: [String: CommuneClassification] = [:]
    /// The 2026-2030 coefficients for central money (`catalogs/allocation-coefficients-2026-2030.yaml`).
    public var centralCoefficients: CentralCoefficients?
    /// Catalog files that failed to load; records are not checked against them (their error is enough).
    var failed: Set<String> = []

    public func phase(_ id: String) -> Phase? { phases.first { $0.id == id } }
    public func source(_ code: String) -> CapitalSource? { sources.first { $0.code == code } }
    public func program(_ code: String) -> Program? { programs.first { $0.code == code } }
    /// The mapping from set `from` to set `to`, if one is shipped.
    public func mapping(from: String, to: String) -> CriteriaMapping? { criteriaMappings.first { $0.fromSet == from && $0.toSet == to } }
}

extension Catalogs {
    /// Loads `Data/catalogs` and `Data/localities` under `root`.
    static func load(root: URL, diagnostics: inout Diagnostics) -> Catalogs {
        var catalogs = Catalogs()
        func tracking(_ name: String, _ load: (inout Diagnostics) -> Void) {
            let before = diagnostics.errors.count
            load(&diagnostics)
            if diagnostics.errors.count > before { catalogs.failed.insert(name) }
        }
        tracking("programs") { catalogs.loadPrograms(root: root, diagnostics: &$0) }
        tracking("sources") { catalogs.loadSources(root: root, diagnostics: &$0) }
        tracking("criteria") { catalogs.loadCriteriaSets(root: root, diagnostics: &$0) }
        tracking("localities") { catalogs.localities = LocalityLoader.load(root: root, diagnostics: &$0) }
        tracking("requirements") { RequirementsLoader.supplement(&catalogs.criteriaSets, root: root, diagnostics: &$0) }
        tracking("mappings") { catalogs.criteriaMappings = MappingLoader.load(root: root, sets: catalogs.criteriaSets, diagnostics: &$0) }
        tracking("classification") {
            catalogs.classifications = ClassificationLoader.load(root: root, registry: catalogs.localities, diagnostics: &$0)
        }
        tracking("coefficients") { catalogs.centralCoefficients = CoefficientsLoader.load(root: root, diagnostics: &$0) }
        GapReport.note(catalogs: catalogs, diagnostics: &diagnostics)
        return catalogs
    }

    private mutating func loadPrograms(root: URL, diagnostics: inout Diagnostics) {
        let file = "catalogs/programs.yaml"
        guard let decoded = decodeYAML(ProgramsFile.self, url: root.appendingPathComponent(file), file: file, diagnostics: &diagnostics)
        else { return }
        for (index, record) in decoded.phases.enumerated() {
            guard record.years.from <= record.years.to else {
                diagnostics.add(Diagnostic(.error, file: file, key: "phases[\(index)].years", message: "from \(record.years.from) is after to \(record.years.to)"))
                continue
            }
            let span = "\(record.years.from)-\(record.years.to)"
            if let problem = Limits.year.problem(record.years.from, written: span) ?? Limits.year.problem(record.years.to, written: span) {
                diagnostics.add(Diagnostic(.error, file: file, key: "phases[\(index)].years", message: "the years \(problem.message)"))
                continue
            }
            // Subtracting first: the span of years is at most a century here.
            if let problem = Limits.phaseYears.problem(record.years.to - record.years.from + 1, written: span) {
                diagnostics.add(Diagnostic(.error, file: file, key: "phases[\(index)].years", message: "a phase's length \(problem.message)"))
                continue
            }
            phases.append(Phase(id: record.id, years: record.years.from...record.years.to, programCodes: record.programs, provenance: Provenance(record.provenance)))
        }
        for (index, record) in decoded.programs.enumerated() {
            if phase(record.phase) == nil {
                diagnostics.add(Diagnostic(.error, file: file, key: "programs[\(index)].phase", message: "unknown phase \(quoted(record.phase))"))
            }
            programs.append(
                Program(
                    code: record.code, nameVi: record.name_vi, nameEn: record.name_en, phaseID: record.phase,
                    decision: record.decision.value, continues: record.continues ?? [], provenance: Provenance(record.provenance)))
        }
        for (index, phase) in phases.enumerated() {
            for code in phase.programCodes where program(code) == nil {
                diagnostics.add(Diagnostic(.error, file: file, key: "phases[\(index)].programs", message: "unknown program \(quoted(code))"))
            }
        }
        checkProvenance(programs.map(\.provenance) + phases.map(\.provenance), file: file, diagnostics: &diagnostics)
    }

    private mutating func loadSources(root: URL, diagnostics: inout Diagnostics) {
        let file = "catalogs/capital-sources.yaml"
        guard let decoded = decodeYAML(CapitalSourcesFile.self, url: root.appendingPathComponent(file), file: file, diagnostics: &diagnostics)
        else { return }
        var seen: Set<String> = []
        for (index, record) in decoded.sources.enumerated() {
            let key = "sources[\(index)]"
            guard let origin = CapitalSource.Origin(rawValue: record.origin) else {
                diagnostics.add(Diagnostic(.error, file: file, key: "\(key).origin", message: "unknown origin \(quoted(record.origin)); expected one of \(CapitalSource.Origin.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            guard let spending = CapitalSource.Spending(rawValue: record.spending) else {
                diagnostics.add(Diagnostic(.error, file: file, key: "\(key).spending", message: "unknown spending \(quoted(record.spending)); expected investment, recurrent or any"))
                continue
            }
            let level = record.level.flatMap(GovernmentLevel.init(rawValue:))
            if record.level != nil && level == nil {
                diagnostics.add(Diagnostic(.error, file: file, key: "\(key).level", message: "unknown level \(quoted(record.level!))"))
            }
            if !seen.insert(record.code).inserted {
                diagnostics.add(Diagnostic(.error, file: file, key: "\(key).code", message: "\(quoted(record.code)) is defined twice"))
            }
            sources.append(
                CapitalSource(
                    code: record.code, nameVi: record.name_vi, nameEn: record.name_en, parent: record.parent, origin: origin,
                    level: level, spending: spending, provenance: Provenance(record.provenance)))
        }
        for (index, source) in sources.enumerated() {
            if let parent = source.parent, self.source(parent) == nil {
                diagnostics.add(Diagnostic(.error, file: file, key: "sources[\(index)].parent", message: "unknown source \(quoted(parent))"))
            }
        }
        checkProvenance(sources.map(\.provenance), file: file, diagnostics: &diagnostics)
    }

    private mutating func loadCriteriaSets(root: URL, diagnostics: inout Diagnostics) {
        let folder = root.appendingPathComponent("catalogs/criteria")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".yaml") {
            let file = "catalogs/criteria/\(name)"
            guard let record = decodeYAML(CriteriaSetFile.self, url: folder.appendingPathComponent(name), file: file, diagnostics: &diagnostics),
                let set = CriteriaSetBuilder.build(record, file: file, fileID: String(name.dropLast(5)), diagnostics: &diagnostics)
            else { continue }
            criteriaSets[set.id] = set
        }
    }
}

/// Every record must say where it comes from.
func checkProvenance(_ provenances: [Provenance], file: String, diagnostics: inout Diagnostics) {
    for (index, provenance) in provenances.enumerated() where provenance.text.trimmingCharacters(in: .whitespaces).isEmpty {
        diagnostics.add(Diagnostic(.error, file: file, key: "record \(index + 1)", message: "has no provenance"))
    }
}

enum CriteriaSetBuilder {
    static func build(_ record: CriteriaSetFile, file: String, fileID: String, diagnostics: inout Diagnostics) -> CriteriaSet? {
        var ok = true
        func error(_ key: String, _ message: Message) {
            diagnostics.add(Diagnostic(.error, file: file, key: key, message: message))
            ok = false
        }
        if record.id != fileID { error("id", "is \(quoted(record.id)) but the file is named \(fileID).yaml") }
        guard let level = StandardLevel(rawValue: record.level) else {
            error("level", "unknown level \(quoted(record.level)); expected one of \(StandardLevel.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        if record.valid.from > record.valid.to { error("valid", "from \(record.valid.from) is after to \(record.valid.to)") }
        let classCodes = Set((record.classes ?? []).map(\.code))
        let groupCodes = Set((record.groups ?? []).map(\.code))
        var codes: Set<String> = []
        var criteria: [Criterion] = []
        for (index, criterion) in record.criteria.enumerated() {
            let key = "criteria[\(index)]"
            if !codes.insert(criterion.code).inserted { error("\(key).code", "criterion \(quoted(criterion.code)) appears twice") }
            if let group = criterion.group, !groupCodes.contains(group) { error("\(key).group", "unknown group \(quoted(group)); declare it under groups") }
            var indicators: [Indicator] = []
            for (position, indicator) in (criterion.indicators ?? []).enumerated() {
                let indicatorKey = "\(key).indicators[\(position)]"
                if !indicator.code.hasPrefix(criterion.code + ".") {
                    error("\(indicatorKey).code", "\(quoted(indicator.code)) does not belong to criterion \(criterion.code)")
                }
                if !codes.insert(indicator.code).inserted { error("\(indicatorKey).code", "\(quoted(indicator.code)) appears twice") }
                var thresholds: [Threshold] = []
                for (number, threshold) in (indicator.thresholds ?? []).enumerated() {
                    let scope: Threshold.Scope = threshold.applies_to == "all" ? .all : .communeClass(threshold.applies_to)
                    if case .communeClass(let code) = scope, !classCodes.contains(code) {
                        error("\(indicatorKey).thresholds[\(number)].applies_to", "unknown class \(quoted(code)); declare it under classes")
                    }
                    thresholds.append(
                        Threshold(
                            appliesTo: scope, requirementVi: threshold.requirement_vi, comparator: threshold.comparator,
                            value: threshold.value, unit: threshold.unit, year: threshold.year, provenance: Provenance(threshold.provenance)))
                }
                indicators.append(
                    Indicator(code: indicator.code, nameVi: indicator.name_vi, nameEn: indicator.name_en, thresholds: thresholds, provenance: Provenance(indicator.provenance)))
            }
            var sourcing = Sourcing.sourced
            if let status = criterion.indicators_status {
                switch status.status {
                case "sourced": break
                case "unsourced":
                    let reason = status.reason?.trimmingCharacters(in: .whitespaces) ?? ""
                    if reason.isEmpty { error("\(key).indicators_status.reason", "an unsourced part needs its reason: what was looked for, and why it is missing") }
                    sourcing = .unsourced(reason: reason)
                default: error("\(key).indicators_status.status", "\(quoted(status.status)) must be sourced or unsourced")
                }
            }
            criteria.append(
                Criterion(
                    code: criterion.code, group: criterion.group, nameVi: criterion.name_vi, nameEn: criterion.name_en, indicators: indicators,
                    provenance: Provenance(criterion.provenance), indicatorSourcing: sourcing))
        }
        if let date = record.in_force_from, !isISODate(date) { error("in_force_from", "\(quoted(date)) must be an ISO date (YYYY-MM-DD)") }
        let listed = criteria.reduce(0) { $0 + $1.indicators.count }
        if let count = record.indicator_count {
            if count.provenance.trimmingCharacters(in: .whitespaces).isEmpty { error("indicator_count.provenance", "is empty: say where the count comes from") }
            if listed > count.value { error("indicator_count", "the set lists \(listed) indicators, more than the \(count.value) its source states") }
        }
        let all = criteria.map(\.provenance) + criteria.flatMap { $0.indicators.map(\.provenance) } + [Provenance(record.provenance)]
        let before = diagnostics.errors.count
        checkProvenance(all, file: file, diagnostics: &diagnostics)
        if diagnostics.errors.count > before { ok = false }
        guard ok else { return nil }
        return CriteriaSet(
            id: record.id, level: level, nameVi: record.name_vi, nameEn: record.name_en, legalBasis: record.legal_basis.value,
            valid: record.valid.from...record.valid.to,
            classes: (record.classes ?? []).map { CommuneClass(code: $0.code, nameVi: $0.name_vi, nameEn: $0.name_en) },
            groups: (record.groups ?? []).map { CriterionGroup(code: $0.code, nameVi: $0.name_vi, nameEn: $0.name_en) },
            criteria: criteria, provenance: Provenance(record.provenance), inForceFrom: record.in_force_from,
            declaredIndicatorCount: record.indicator_count?.value)
    }

    private static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
