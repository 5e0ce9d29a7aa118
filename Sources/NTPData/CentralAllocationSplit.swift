import Foundation
import NTPDomain
import NTPText

/// A scenario's `central_allocation`: central money split over the scenario's communes by the
/// 2026-2030 coefficients (`CentralAllocation.split`), each share an envelope limited to its commune; or
/// (`over: area`) the scenario's part of a national amount by the same coefficients, as one envelope.
enum CentralAllocationSplit {
    /// The name a scenario gives the coefficients' catalog (`catalogs/allocation-coefficients-2026-2030.yaml`).
    static let catalogName = "allocation-coefficients-2026-2030"

    /// The communes' envelopes of every entry, in entry order and commune-id order within an entry. Every
    /// commune whose coefficient the classification cannot set is an error naming it and what is not
    /// known (once, not per entry).
    static func envelopes(
        _ records: [BudgetScenarioFile.CentralAllocationRecord], phase: Phase, unit: MoneyUnit, costs: CostScenario, catalogs: Catalogs,
        scenario: ResolvedScenario, diagnostics: inout Diagnostics
    ) -> [BudgetEnvelope] {
        func error(_ key: String, _ message: Message) { diagnostics.add(scenario.diagnostic(key, message)) }
        guard let coefficients = catalogs.centralCoefficients else {
            error("central_allocation", "the data folder has no \(CoefficientsLoader.file)")
            return []
        }
        let classes = costs.communes.map { commune in
            costs.classifications[commune.locality.id]
                ?? CommuneClassification(commune: commune.locality.id, provenance: Provenance("not in \(ClassificationLoader.file)"))
        }
        // The coefficients do not depend on the entry: set them once, and report each unknown once.
        var weights: [String: Int] = [:]
        var unknown = false
        for commune in classes {
            switch coefficients.coefficient(of: commune) {
            case .success(let value): weights[commune.commune] = value
            case .failure(let problem):
                unknown = true
                error("central_allocation", "\(problem.message) (\(ClassificationLoader.file), or the scenario's classification.file as a stated assumption)")
            }
        }
        guard !unknown else { return [] }
        let sum = weights.values.reduce(0, +)

        var envelopes: [BudgetEnvelope] = []
        for (index, record) in records.enumerated() {
            let key = "central_allocation[\(index)]"
            let before = diagnostics.errors.count
            if !phase.programCodes.contains(record.program) { error("\(key).program", "\(quoted(record.program)) is not a program of the phase \(phase.id)") }
            if catalogs.source(record.source) == nil { error("\(key).source", "unknown capital source \(quoted(record.source))") }
            let level = record.level.flatMap(GovernmentLevel.init(rawValue:))
            if record.level != nil && level == nil { error("\(key).level", "\(quoted(record.level!)) must be central, province, district or commune") }
            if record.coefficients != catalogName {
                error("\(key).coefficients", "\(quoted(record.coefficients)) is not a coefficients catalog; expected \(catalogName)")
            }
            if record.provenance.trimmingCharacters(in: .whitespaces).isEmpty { error("\(key).provenance", "is empty: say where the amount comes from") }
            let years = BudgetScenario.parseYears(record.years.text)
            if years.map({ !(phase.years.contains($0.lowerBound) && phase.years.contains($0.upperBound)) }) ?? true {
                error("\(key).years", "\(quoted(record.years.text)) must be a year or a span such as 2026-2030 within the phase \(phase.id)")
            }
            var amount = Money.zero
            do { amount = try Money(parsing: record.amount.text, unit: unit) } catch let problem { error("\(key).amount", amountProblem(problem)) }
            var total: Decimal?
            if let text = record.coefficient_total?.text {
                total = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
                if total.map({ $0 < Decimal(sum) }) ?? true {
                    error("\(key).coefficient_total", "\(quoted(text)) must be a number of at least \(sum), the coefficients of the scenario's communes")
                }
            }
            let toArea = record.over == "area"
            if let over = record.over, over != "area" && over != "communes" { error("\(key).over", "\(quoted(over)) must be communes or area") }
            if toArea && total == nil { error("\(key).over", "area needs coefficient_total: the scenario's part of the amount is its communes' coefficients out of it") }
            guard diagnostics.errors.count == before, let years else { continue }
            let part = total.map { CentralAllocation.part(of: amount, coefficients: sum, outOf: $0) } ?? amount
            if toArea {
                envelopes.append(
                    BudgetEnvelope(
                        program: record.program, source: record.source, level: level, years: years, amount: part,
                        provenance: Provenance("\(record.provenance) [the scenario's part \(part.dong) đồng = \(amount.dong) × \(sum) / \(total!), its communes' 2026-2030 coefficients out of the total]")))
                continue
            }
            let shares: [CoefficientShare]
            do { shares = try CentralAllocation.split(part, over: classes, coefficients: coefficients) } catch let problem {
                error(key, problem.message)
                continue
            }
            let share = total.map { "the scenario's part \(part.dong) đồng = \(amount.dong) × \(sum) / \($0); " } ?? ""
            for commune in shares {
                envelopes.append(
                    BudgetEnvelope(
                        program: record.program, source: record.source, level: level, years: years, amount: commune.amount,
                        locality: commune.commune,
                        provenance: Provenance(
                            "\(record.provenance) [\(share)split by the 2026-2030 coefficients (\(ClassificationLoader.file) and the scenario's classification): \(commune.commune) \(commune.coefficient) of \(sum)]")))
            }
        }
        return envelopes
    }
}
