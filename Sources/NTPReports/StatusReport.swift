import Foundation
import NTPData
import NTPDomain
import NTPText

/// The terminal report of a `LocalityStatus`.
public struct StatusReport {
    let status: LocalityStatus
    let catalogs: Catalogs
    let lang: Language

    public init(status: LocalityStatus, catalogs: Catalogs, lang: Language) {
        self.status = status
        self.catalogs = catalogs
        self.lang = lang
    }

    public var text: String {
        var out = title + "\n"
        let name = { (id: String) in catalogs.localities[id].map { "\($0.unitType) \($0.name)" } ?? id }
        if let first = status.mergedFrom.first {
            out += lang("Formed on \(first.effectiveDate) from: ")
                + status.mergedFrom.map { name($0.oldID) }.joined(separator: ", ") + " (\(first.decision); "
                + lang("only the units in the data are named") + ")\n"
        }
        for merge in status.mergedInto {
            out += lang("Merged on \(merge.effectiveDate) into: ")
                + "\(name(merge.newID)) (\(merge.decision)), id \(merge.newID)\n"
        }
        for document in status.documents {
            out += lang("Source: ") + (lang == .vi ? document.titleVi : document.titleEn ?? document.titleVi)
                + " (Data/seeds/\(document.id), \(document.seedFile))\n"
        }
        if status.documents.isEmpty { out += lang("No plan covers this place yet.\n") }
        for document in status.documents {
            let communes = status.communes.filter { $0.documentID == document.id }
            if !communes.isEmpty { out += "\n" + communeTable(communes, document: document) }
            if communes.contains(where: \.estimatedFromCounts) {
                out += lang("Note: the commune status here is estimated from the per-criterion counts the document states (communes named \"Giả định …\" are placeholders), not stated commune by commune; the procedure: Data/seeds/\(document.id)/notes.md.\n")
            }
            if status.locality.level == .commune, let commune = communes.first { out += "\n" + criteriaTable(commune) }
        }
        if !status.criterionCounts.isEmpty { out += "\n" + countTable() }
        if !status.capital.isEmpty { out += "\n" + capitalTable() }
        return out
    }

    private var title: String {
        let path = status.path.map { "\($0.unitType) \($0.name)" }
        return path.reversed().joined(separator: ", ")
    }

    private func communeTable(_ communes: [LocalityStatus.CommuneStatus], document: LocalityStatus.Document) -> String {
        let years = Set(communes.flatMap(\.planned.keys)).sorted()
        let levels = StandardLevel.allCases.filter { level in communes.contains { $0.targets[level] != nil } }
        let hasStatus = communes.contains { !$0.met.isEmpty }
        let hasStandard = communes.contains { $0.standard != nil }
        let districts = communes.map { district(of: $0.commune) }
        let hasDistrict = Set(districts).count > 1
        let hasDifficult = communes.contains { $0.commune.especiallyDifficult == true }
        var columns: [(String, TextTable.Alignment)] = [(lang("Commune"), .left)]
        if hasDistrict { columns.insert((lang("District"), .left), at: 0) }
        if hasDifficult { columns.append((lang("Esp. difficult"), .left)) }
        if hasStandard { columns.append((lang("Standard reached"), .left)) }
        if hasStatus { columns.append((lang("Met"), .right)) }
        columns += years.map { (lang("Plan \($0)"), .right) }
        if hasStatus && !years.isEmpty { columns.append((lang("After plan"), .right)) }
        columns += levels.map { level in (lang("\(lang.levelName(level)) level"), .right) }
        var table = TextTable(columns)
        for (commune, district) in zip(communes, districts) {
            var cells = [commune.commune.name]
            if hasDistrict { cells.insert(district, at: 0) }
            if hasDifficult { cells.append(commune.commune.especiallyDifficult == true ? "x" : "") }
            if hasStandard { cells.append(commune.standard.map(lang.levelName) ?? "") }
            if hasStatus { cells.append("\(commune.met.count)") }
            cells += years.map { commune.planned[$0].map { "\($0.count)" } ?? "" }
            if hasStatus && !years.isEmpty { cells.append("\(commune.met.count + commune.planned.values.map(\.count).reduce(0, +))") }
            cells += levels.map { commune.targets[$0].map(String.init) ?? "" }
            table.add(cells)
        }
        table.addRule()
        var total = [lang("Total (\(communes.count) communes)")]
        if hasDistrict { total.insert("", at: 0) }
        if hasDifficult { total.append("\(communes.filter { $0.commune.especiallyDifficult == true }.count)") }
        if hasStandard { total.append("\(communes.filter { $0.standard != nil }.count)") }
        let met = communes.map(\.met.count).reduce(0, +)
        if hasStatus { total.append("\(met)") }
        let plannedByYear = years.map { year in communes.map { $0.planned[year]?.count ?? 0 }.reduce(0, +) }
        total += plannedByYear.map(String.init)
        if hasStatus && !years.isEmpty { total.append("\(met + plannedByYear.reduce(0, +))") }
        total += levels.map { level in "\(communes.filter { $0.targets[level] != nil }.count)" }
        table.add(total)
        var out = table.text
        if hasStatus {
            let count = Decimal(communes.count)
            var line = lang("Average criteria per commune: ") + lang.format(Decimal(met) / count, decimals: 2)
            var running = met
            for (year, planned) in zip(years, plannedByYear) {
                running += planned
                line += lang(" → \(lang.format(Decimal(running) / count, decimals: 2)) (\(year))")
            }
            out += line + "\n"
        }
        return out
    }

    private func district(of commune: Locality) -> String {
        catalogs.localities.path(to: commune.id).first { $0.level == .district }?.name ?? ""
    }

    /// One commune's criteria, one by one.
    private func criteriaTable(_ commune: LocalityStatus.CommuneStatus) -> String {
        guard let set = status.criteriaSet, !commune.met.isEmpty || !commune.planned.isEmpty else { return "" }
        let departments = status.responsibleDepartments
        var columns: [(String, TextTable.Alignment)] = [(lang("Criterion"), .left), (lang("Status"), .left)]
        if !departments.isEmpty { columns.append((lang("Responsible (per the plan)"), .left)) }
        var table = TextTable(columns)
        for criterion in set.criteria {
            let year = commune.planned.first { $0.value.contains(criterion.code) }?.key
            let state = commune.met.contains(criterion.code)
                ? lang("met") : year.map { lang("planned \($0)") } ?? lang("not met")
            var cells = ["\(criterion.code). \(lang == .vi ? criterion.nameVi : criterion.nameEn)", state]
            if !departments.isEmpty {
                // A criterion split across departments is assigned by sub-indicator.
                let bySubIndicator = Set(departments.filter { $0.key.hasPrefix(criterion.code + ".") }.values).sorted()
                cells.append(departments[criterion.code] ?? bySubIndicator.joined(separator: "; "))
            }
            table.add(cells)
        }
        return table.text
    }

    private func countTable() -> String {
        var table = TextTable([
            (lang("Criterion"), .left), (lang("Increase"), .right),
            (lang("Communes met"), .right), (lang("Share"), .right),
        ])
        for count in status.criterionCounts {
            let name = status.criteriaSet?.criterion(for: count.criterion).map { lang == .vi ? $0.nameVi : $0.nameEn } ?? ""
            let met = count.communesMet.map { "\($0)" + (count.ofCommunes.map { "/\($0)" } ?? "") } ?? ""
            let label = count.indicatorVi.map { "\(count.criterion) – \($0)" } ?? "\(count.criterion) \(name)"
            table.add([label, count.increase.map(String.init) ?? "", met, count.percentAsWritten ?? ""])
        }
        return lang("Criteria in the plan\n") + table.text
    }

    private func capitalTable() -> String {
        let unit = status.capital.first?.unit ?? .trieu
        var table = TextTable([
            (lang("Program"), .left), (lang("Source"), .left),
            (lang("Year"), .left), (lang("Basis"), .left),
            (lang("Amount") + " (\(lang == .vi ? unit.nameVi : unit.nameEn))", .right),
        ])
        for line in status.capital {
            let source = catalogs.source(line.source).map { lang == .vi ? $0.nameVi : $0.nameEn } ?? line.source
            table.add([
                line.program ?? "", source, line.year.map(String.init) ?? lang("whole phase"), line.basis ?? "",
                lang.format(line.amount.amount(in: unit), decimals: line.amount.amount(in: unit) == line.amount.amount(in: unit).rounded() ? 0 : 1),
            ])
        }
        return lang("Capital (as the document states it)\n") + table.text
    }
}
