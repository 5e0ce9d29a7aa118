import Foundation
import NTPData
import NTPDomain
import NTPText

/// The status a scenario starts from, for the communes of one locality (`ntp show LOCALITY --scenario
/// FILE`): per commune its group and how many criteria it meets, misses and needs assessed again
/// (cần đánh giá lại); for a single commune, each criterion (or indicator) with its status.
public struct ScenarioStatusReport {
    let costs: CostScenario
    let locality: Locality
    let catalogs: Catalogs
    let lang: Language

    public init(costs: CostScenario, locality: Locality, catalogs: Catalogs, lang: Language) {
        self.costs = costs
        self.locality = locality
        self.catalogs = catalogs
        self.lang = lang
    }

    /// The scenario's communes at or below the locality.
    var communes: [CostScenario.Commune] {
        costs.communes.filter { commune in catalogs.localities.path(to: commune.locality.id).contains { $0.id == locality.id } }
    }

    public var text: String {
        let set = costs.criteriaSet
        var out = lang("Scenario: ") + costs.name + " (" + lang("criteria set ") + set.id + ")\n"
        let communes = self.communes
        guard !communes.isEmpty else { return out + lang("None of the scenario's communes is here.\n") }
        var table = TextTable([
            (lang("Commune"), .left), (lang("Group"), .right), (lang("Met"), .right),
            (lang("Missing"), .right), (lang("Needs assessment"), .right),
        ])
        var totals = (met: 0, missing: 0, assess: 0)
        for commune in communes {
            let assess = criteria(commune.needsAssessment).count
            let missing = criteria(commune.missing).subtracting(criteria(commune.needsAssessment)).count
            totals = (totals.met + commune.met.count, totals.missing + missing, totals.assess + assess)
            table.add([commune.locality.name, commune.group.map { String($0.rawValue) } ?? "?", "\(commune.met.count)", "\(missing)", "\(assess)"])
        }
        table.addRule()
        table.add([lang("Total (\(communes.count) communes)"), "", "\(totals.met)", "\(totals.missing)", "\(totals.assess)"])
        out += table.text
        if let policy = costs.needsAssessmentPolicy, totals.assess > 0 {
            out += (policy == .exclude
                ? lang("Needs assessment: left out of the plan until assessed")
                : lang("Needs assessment: presumed missing and planned"))
                + " (status.needs_assessment: \(policy.rawValue))\n"
        }
        if communes.count == 1, let commune = communes.first { out += "\n" + criteriaTable(commune) }
        return out
    }

    /// The criteria `codes` (criteria or indicators) belong to.
    private func criteria(_ codes: [String]) -> Set<String> { Set(codes.compactMap { costs.criteriaSet.criterion(for: $0)?.code }) }

    /// One commune's criteria, indicator by indicator where the set plans them so.
    private func criteriaTable(_ commune: CostScenario.Commune) -> String {
        let set = costs.criteriaSet
        var table = TextTable([(lang("Criterion"), .left), (lang("Status"), .left)])
        for criterion in set.criteria {
            let name = lang == .vi ? criterion.nameVi : criterion.nameEn
            let codes = set.plannedCodes(of: criterion)
            if codes == [criterion.code] {
                table.add(["\(criterion.code). \(name)", state(criterion.code, of: commune)])
                continue
            }
            table.add(["\(criterion.code). \(name)", commune.met.contains(criterion.code) ? lang("met") : ""])
            for code in codes {
                let indicator = set.indicator(code).map { lang == .vi ? $0.nameVi : $0.nameEn ?? $0.nameVi } ?? ""
                table.add(["   \(code) \(indicator)", state(code, of: commune)])
            }
        }
        return table.text
    }

    private func state(_ code: String, of commune: CostScenario.Commune) -> String {
        if commune.needsAssessment.contains(code) {
            return costs.needsAssessmentPolicy == .exclude
                ? lang("needs assessment (left out of the plan)")
                : lang("needs assessment (presumed missing)")
        }
        if let year = commune.plannedYear[code] { return lang("planned \(year)") }
        if commune.missing.contains(code) { return lang("not met") }
        return lang("met")
    }
}
