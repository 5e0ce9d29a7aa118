import ArgumentParser
import Foundation
import NTPData
import NTPDomain
import NTPOptimization

/// `ntp explain`: why a commune's criteria land in the years a plan gives them.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a plan: why each missing criterion of a commune is met in its year, or not at all.",
        discussion: """
            Rebuilds the model from the settings the plan file records (scenario, data, options), then, for \
            each criterion: its cost and the criteria-years it earns per billion VND, the envelopes that may \
            pay it with what the plan spends of them and the marginal value of their money (criteria-years \
            per extra billion, docs/model.md "Marginal value of money"), capacity and targets.
            """
    )

    @Argument(help: "The plan file (ntp plan --out).")
    var plan: String

    @Argument(help: "The commune: its locality id or its name.")
    var commune: String

    @Argument(help: "One criterion code (default: every criterion the commune misses).")
    var criterion: String?

    @Option(help: "Language of the report: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let document = try PlanDocument.read(from: plan)
        let setup = try PlanSetup(document.settings)
        let instance = setup.instance
        let key = NameKey(commune)
        guard let match = setup.costs.communes.first(where: { $0.locality.id == commune || NameKey($0.locality.name) == key }) else {
            throw ValidationError("\(commune) is not a commune of \(document.settings.scenario) (give its locality id or name; see ntp show)")
        }
        var items = instance.items.filter { $0.commune == match.locality.id }
        if let criterion {
            items = items.filter { $0.criterion == criterion }
            guard !items.isEmpty else { throw ValidationError("\(match.locality.name) does not miss criterion \(criterion)") }
        }
        var completion: [AllocationInstance.Item: Int] = [:]
        for done in document.completions {
            if let item = instance.items.first(where: { $0.commune == done.commune && $0.criterion == done.criterion }) { completion[item] = done.year }
        }
        let allocation = AllocationPlan(name: plan, lines: document.lines.map {
            AllocationLine(locality: $0.locality, criterion: $0.criterion, program: $0.program, source: $0.source, year: $0.year, amount: Money(dong: $0.amount_dong))
        })
        let model = AllocationModel(instance)
        let marginal = try model.marginalValues(completion: completion, timeLimit: .seconds(120)) ?? [:]
        print(lang.pick("Xã \(match.locality.name) (\(match.locality.id)), kế hoạch \(plan)", "Commune \(match.locality.name) (\(match.locality.id)), plan \(plan)"))
        for item in items {
            print("")
            print(ExplanationText(explanation: model.explain(item, completion: completion, plan: allocation, marginal: marginal), criteria: setup.costs.criteriaSet, lang: lang).text)
        }
    }
}

/// An explanation in words.
struct ExplanationText {
    let explanation: Explanation
    let criteria: CriteriaSet
    let lang: Language

    var text: String {
        let x = explanation
        let name = criteria.criteria.first { $0.code == x.item.criterion }.map { lang == .vi ? $0.nameVi : $0.nameEn } ?? ""
        let cost = lang.format(x.cost.amount(in: .trieu), decimals: 0) + lang.pick(" triệu đồng", " million VND")
        let rate = lang.format(Decimal(x.criteriaYearsPerBillion), decimals: 2)
        var out = lang.pick("Tiêu chí \(x.item.criterion) (\(name)): ", "Criterion \(x.item.criterion) (\(name)): ")
        if let year = x.year {
            out += lang.pick("đạt năm \(year), ", "met in \(year), ") + lang.pick("chi phí \(cost), được \(x.criteriaYears) tiêu chí-năm (\(rate) mỗi tỷ).", "costs \(cost), earns \(x.criteriaYears) criteria-years (\(rate) per billion).")
        } else {
            out += lang.pick("chưa đạt trong kỳ kế hoạch. ", "not met within the horizon. ")
                + lang.pick("Chi phí \(cost); đạt ngay năm đầu được \(x.criteriaYears) tiêu chí-năm (\(rate) mỗi tỷ).", "It costs \(cost); met in the first year it would earn \(x.criteriaYears) criteria-years (\(rate) per billion).")
        }
        if !x.unpayable.isEmpty {
            out += "\n  " + lang.pick("Không nguồn nào được chi phần: ", "No envelope may pay its part: ") + x.unpayable.map(\.rawValue).joined(separator: ", ")
                + lang.pick(" — không thể đạt dù có thêm tiền ở các nguồn hiện có.", " — it cannot be met whatever the money in the scenario's envelopes.")
        }
        for envelope in x.envelopes {
            let e = envelope.envelope
            let spent = lang.format(envelope.spent.amount(in: .trieu), decimals: 0) + "/" + lang.format(e.amount.amount(in: .trieu), decimals: 0)
            let value = lang.format(Decimal(envelope.valuePerBillion), decimals: 2)
            out += "\n  " + "\(e.program), \(e.source), \(e.years.lowerBound)-\(e.years.upperBound): "
                + lang.pick("đã chi \(spent) triệu; giá trị biên \(value) tiêu chí-năm mỗi tỷ thêm", "spent \(spent) million; marginal value \(value) criteria-years per extra billion")
            if envelope.valuePerBillion > 1e-9 {
                out += x.criteriaYearsPerBillion < envelope.valuePerBillion
                    ? lang.pick(" (nguồn này đang bị giới hạn và tiền của nó mang lại nhiều hơn ở nơi khác)", " (this budget binds, and its money buys more elsewhere)")
                    : lang.pick(" (nguồn này đang bị giới hạn)", " (this budget binds)")
            }
        }
        if !x.capacityFullYears.isEmpty {
            out += "\n  " + lang.pick("Xã đã dùng hết năng lực thực hiện trong các năm: ", "The commune is at its capacity in: ") + x.capacityFullYears.map(String.init).joined(separator: ", ")
        }
        for target in x.targets {
            out += "\n  " + lang.pick("Mục tiêu bắt buộc: đạt trước hết năm \(target.year.map(String.init) ?? "cuối kỳ")", "Mandatory target: met by the end of \(target.year.map(String.init) ?? "the horizon")")
        }
        return out
    }
}
