import Foundation
import NTPDomain
import NTPText

/// What the transcribed plans say about one locality and the communes below it: criteria met, planned
/// by year, standard targets, per-criterion counts and capital. Built from the tables by their columns
/// (Data/README.md, "Column rules"), so a new document with the same columns shows up without code.
public struct LocalityStatus: Sendable {
    public struct Document: Sendable {
        public let id: String
        public let titleVi: String
        public let titleEn: String?
        public let seedFile: String
        public let period: ClosedRange<Int>?
    }

    public struct CommuneStatus: Sendable {
        public let commune: Locality
        public let documentID: String
        /// Criteria (main codes) met at the start of the plan.
        public let met: Set<String>
        /// Criteria (main codes) planned or targeted, by year.
        public let planned: [Int: Set<String>]
        /// The highest standard reached at the start of the plan, where the document says.
        public let standard: StandardLevel?
        /// Standard level → target year.
        public let targets: [StandardLevel: Int]
        /// The document gives only per-criterion counts: this commune's status is estimated from them
        /// (`StatusFromCounts`, the document's notes.md), not stated.
        public let estimatedFromCounts: Bool
    }

    public struct CriterionCount: Sendable {
        public let documentID: String
        public let criterion: String
        /// The indicator counted, when the row counts one part of the criterion.
        public let indicatorVi: String?
        public let communesMet: Int?
        public let increase: Int?
        public let ofCommunes: Int?
        public let percentAsWritten: String?
    }

    public struct CapitalLine: Sendable {
        public let documentID: String
        public let program: String?
        public let source: String
        public let sourceAsWritten: String?
        public let year: Int?
        /// What the figure is (a phase plan, one year's implementation…), as the document words it.
        public let basis: String?
        public let amount: Money
        public let unit: MoneyUnit
    }

    public let locality: Locality
    public let path: [Locality]
    /// Merges into this locality, and of this locality into another (the 2025 reorganisation).
    public let mergedFrom: [LocalityMerge]
    public let mergedInto: [LocalityMerge]
    public let documents: [Document]
    public let communes: [CommuneStatus]
    public let criterionCounts: [CriterionCount]
    public let capital: [CapitalLine]
    public let criteriaSet: CriteriaSet?
    /// Criterion or sub-indicator code → the department that evaluates it, as the plans assign them.
    public let responsibleDepartments: [String: String]
    /// Documents with per-criterion counts only whose commune status could not be estimated, with the
    /// reason (`StatusFromCounts.Refusal`); their communes are missing from `communes`.
    public let estimateRefusals: [String]
}

extension DataSet {
    /// Localities whose name is `name` (any level), the larger units first: a district and the commune
    /// that shares its name are both found, the district first.
    public func localities(named name: String) -> [Locality] {
        catalogs.localities.find(name).sorted { ($0.level, $0.id) < ($1.level, $1.id) }
    }

    /// What a name or id a user typed refers to.
    public enum LocalityLookup: Sendable {
        /// The place meant, and other places of another level with the same name (offered by id).
        case found(Locality, others: [Locality])
        /// Several places of the same level share the name: the user must give an id.
        case ambiguous([Locality])
        case notFound
    }

    /// The place `text` names: an id, or a name (compared after NFC normalisation, case ignored). When a
    /// district and a commune share a name the larger unit is meant; several of one level are ambiguous.
    public func lookUp(_ text: String) -> LocalityLookup {
        let matches = catalogs.localities[text].map { [$0] } ?? localities(named: text)
        guard let place = matches.first else { return .notFound }
        if matches.filter({ $0.level == place.level }).count > 1 { return .ambiguous(matches) }
        return .found(place, others: Array(matches.dropFirst()))
    }

    /// The status of `locality` from every document whose scope contains it or lies inside it.
    public func status(of locality: Locality) -> LocalityStatus {
        let registry = catalogs.localities
        let below = Set([locality.id] + registry.descendants(of: locality.id).map(\.id))
        let above = Set(registry.path(to: locality.id).map(\.id))
        // Documents about this locality or a part of it, and documents about a larger area containing it.
        let relevant = documents.filter { below.contains($0.scopeID) || above.contains($0.scopeID) }
        var communes: [LocalityStatus.CommuneStatus] = []
        var counts: [LocalityStatus.CriterionCount] = []
        var capital: [LocalityStatus.CapitalLine] = []
        var departments: [String: String] = [:]
        var refusals: [String] = []
        for document in relevant {
            if let table = document.table("responsibilities"), table.has("criterion"), table.has("department_vi") {
                for row in table.rows { departments[table.value(row, "criterion")!] = table.value(row, "department_vi")! }
            }
            communes += communeStatuses(in: document).filter { below.contains($0.commune.id) }
            do {
                // Only where the document names too few communes to say which meets what.
                if let estimate = try statusFromCounts(of: document) {
                    communes += estimatedStatuses(estimate, document: document).filter { below.contains($0.commune.id) }
                }
            } catch {
                refusals.append("\(document.id): \(error)")
            }
            if below.contains(document.scopeID) {
                counts += criterionCounts(in: document)
                capital += capitalLines(in: document)
            }
        }
        let set = relevant.first.flatMap { catalogs.criteriaSets[$0.criteriaSetID] }
        return LocalityStatus(
            locality: locality, path: registry.path(to: locality.id),
            mergedFrom: registry.merges.filter { $0.newID == locality.id }, mergedInto: registry.merges.filter { $0.oldID == locality.id },
            documents: relevant.map { .init(id: $0.id, titleVi: $0.titleVi, titleEn: $0.titleEn, seedFile: $0.seedFile, period: $0.period) },
            communes: communes, criterionCounts: counts, capital: capital, criteriaSet: set, responsibleDepartments: departments,
            estimateRefusals: refusals)
    }

    /// The estimate as commune statuses: the criteria met at the start, those the plan completes in its
    /// year, the standard of the communes at standard, and the year the others reaching it do.
    private func estimatedStatuses(_ estimate: StatusFromCounts, document: SeedDocument) -> [LocalityStatus.CommuneStatus] {
        guard let year = document.period?.lowerBound else { return [] }
        let all = Set(estimate.counts.criteria.map(\.code))
        return estimate.communes.compactMap { commune in
            commune.locality.map { locality in
                LocalityStatus.CommuneStatus(
                    commune: locality, documentID: document.id, met: commune.metAtStart,
                    planned: commune.completed.isEmpty ? [:] : [year: commune.completed],
                    standard: commune.metAtStart == all ? .commune : nil, targets: commune.reachesStandard ? [.commune: year] : [:],
                    estimatedFromCounts: true)
            }
        }
    }

    private func commune(_ name: String, district: String?, in document: SeedDocument) -> Locality? {
        let registry = catalogs.localities
        let scope = district.flatMap { registry.find($0, under: document.scopeID, level: .district).first?.id } ?? document.scopeID
        return registry.find(name, under: scope, level: .commune).first
    }

    private func communeStatuses(in document: SeedDocument) -> [LocalityStatus.CommuneStatus] {
        var met: [String: Set<String>] = [:]
        var planned: [String: [Int: Set<String>]] = [:]
        var targets: [String: [StandardLevel: Int]] = [:]
        var standards: [String: StandardLevel] = [:]
        var communes: [String: Locality] = [:]
        let documentYear = document.period?.lowerBound

        var order: [String] = []
        // Tables naming criteria first: their order is the one the document's main table uses.
        let tables = document.tables.keys.sorted().compactMap { document.tables[$0] }.filter { $0.has("commune") }
        for table in tables.filter({ $0.has("criterion") }) + tables.filter({ !$0.has("criterion") }) {
            for row in table.rows {
                let name = table.value(row, "commune")!
                guard !name.isEmpty, let commune = commune(name, district: table.value(row, "district"), in: document) else { continue }
                if communes.updateValue(commune, forKey: commune.id) == nil { order.append(commune.id) }
                let setID = table.value(row, "criteria_set").flatMap(\.nilIfEmpty) ?? document.criteriaSetID
                if let code = table.value(row, "criterion"), !code.isEmpty, setID == document.criteriaSetID {
                    let main = String(code.split(separator: ".").first ?? Substring(code))
                    let status = table.value(row, "status") ?? ""
                    if status.hasPrefix("met") {
                        met[commune.id, default: []].insert(main)
                    } else if let year = plannedYear(status: status, row: row, table: table) ?? (status.isEmpty ? documentYear : nil) {
                        planned[commune.id, default: [:]][year, default: []].insert(main)
                    }
                }
                for (column, level) in Self.targetColumns {
                    if let text = table.value(row, column), let year = Int(text) { targets[commune.id, default: [:]][level] = year }
                }
                if let status = table.value(row, "ntm_status"), let level = Self.seedLevels[status] { standards[commune.id] = level }
                for column in table.header where column.hasPrefix("target_level_") {
                    // A target to reach, not a standard to keep (Lộc Bình's "Duy trì" rows repeat the status).
                    if let level = table.value(row, column).flatMap({ Self.seedLevels[$0] }), let year = Int(column.dropFirst("target_level_".count)),
                        level != standards[commune.id]
                    {
                        targets[commune.id, default: [:]][level] = year
                    }
                }
                if let levelText = table.value(row, "level"), let level = Self.seedLevels[levelText],
                    let year = table.value(row, "target_year").flatMap({ Int($0) })
                {
                    targets[commune.id, default: [:]][level] = year
                }
            }
        }
        return order.compactMap { communes[$0] }.map { commune in
            LocalityStatus.CommuneStatus(
                commune: commune, documentID: document.id, met: met[commune.id] ?? [], planned: planned[commune.id] ?? [:],
                standard: standards[commune.id], targets: targets[commune.id] ?? [:], estimatedFromCounts: false)
        }
    }

    /// `planned` with a `target_year` column, or a status such as `target_2024`.
    private func plannedYear(status: String, row: CSVTable.Row, table: CSVTable) -> Int? {
        if status == "planned" { return table.value(row, "target_year").flatMap { Int($0) } }
        if status.hasPrefix("target_") { return Int(status.dropFirst("target_".count)) }
        return nil
    }

    private static let targetColumns: [(String, StandardLevel)] = [
        ("ntm_target_year", .commune), ("ntm_advanced_target_year", .communeAdvanced), ("ntm_model_target_year", .communeModel),
    ]
    private static let seedLevels: [String: StandardLevel] = ["ntm": .commune, "ntm_advanced": .communeAdvanced, "ntm_model": .communeModel]

    private func criterionCounts(in document: SeedDocument) -> [LocalityStatus.CriterionCount] {
        guard let table = document.table("criteria_counts") else { return [] }
        return table.rows.map { row in
            LocalityStatus.CriterionCount(
                documentID: document.id, criterion: table.value(row, "criterion") ?? "",
                indicatorVi: table.value(row, "indicator_vi").flatMap(\.nilIfEmpty),
                communesMet: table.value(row, "communes_met_target").flatMap { Int($0) },
                increase: table.value(row, "increase_2022").flatMap { Int($0) },
                ofCommunes: table.value(row, "total_communes").flatMap { Int($0) },
                percentAsWritten: table.value(row, "percent_as_written").flatMap(\.nilIfEmpty))
        }
    }

    private func capitalLines(in document: SeedDocument) -> [LocalityStatus.CapitalLine] {
        document.tables.keys.sorted().compactMap { document.tables[$0] }.filter { $0.has("amount") && $0.has("source") }.flatMap { table in
            table.rows.compactMap { row -> LocalityStatus.CapitalLine? in
                guard let source = table.value(row, "source"), !source.isEmpty,  // an empty source marks a total
                    let text = table.value(row, "amount"), !text.isEmpty, let amount = try? Numbers.parse(text, .either),
                    let unit = table.value(row, "unit").flatMap(MoneyUnit.init(dataCode:)), let money = try? Money(amount, unit)
                else { return nil }
                return LocalityStatus.CapitalLine(
                    documentID: document.id, program: table.value(row, "program").flatMap(\.nilIfEmpty), source: source,
                    sourceAsWritten: table.value(row, "source_as_written"), year: table.value(row, "year").flatMap { Int($0) },
                    basis: table.value(row, "basis_as_written").flatMap(\.nilIfEmpty) ?? table.value(row, "basis").flatMap(\.nilIfEmpty),
                    amount: money, unit: unit)
            }
        }
    }
}
