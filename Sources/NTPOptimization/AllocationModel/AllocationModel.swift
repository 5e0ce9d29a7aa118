import Foundation
import GLPKSwift
import NTPDomain

/// The allocation MILP of docs/model.md, built family by family through the solver module's bulk API:
/// the variables (`Variables.swift`), the money rows (`MoneyRows.swift`) and the schedule rows
/// (`ScheduleRows.swift`), each family added by one function that states its equation and returns a
/// typed handle on its columns or rows (`Families`).
///
/// Money is in million VND inside the model, converted from exact đồng at this boundary and rounded
/// back to whole đồng by `AllocationResult` without overspending any envelope.
public struct AllocationModel: Sendable {
    public internal(set) var instance: AllocationInstance
    public internal(set) var problem: LinearProblem
    /// Where each family lies in `problem`.
    public let families: Families
    /// The envelopes limited to one commune of the instance: their rows and carry-over are that
    /// commune's own, not coupling rows.
    let communeEnvelopes: Set<Int>
    let names: SolverNames

    public init(_ instance: AllocationInstance) {
        self.init(instance, coupling: true, weights: Self.objectiveWeights(instance))
    }

    /// With `coupling` false, the model of one commune's own rows: no envelope or counterpart rows and
    /// no carry-over (the decomposition prices them), but for the envelopes limited to the commune, which
    /// no other commune draws on. `weights` are the whole instance's.
    init(_ instance: AllocationInstance, coupling: Bool, weights: ObjectiveWeights) {
        var build = ModelBuilder(instance, weights: weights)

        let done = build.addDoneColumns()
        build.fixTargets(done)
        let pay = build.addPayColumns()
        let upkeep = build.addUpkeepColumns()
        let carry = build.addCarryColumns(onlyCommunes: !coupling)
        let standard = build.addStandardColumns()
        let shortfall = build.addShortfallColumns()
        let met = build.addCriterionMetColumns()
        let payments = pay.payments + upkeep.payments

        let staysDone = build.addStaysDoneRows(done)
        let funded = build.addFundedRows(done, pay)
        let noOverpay = build.addNoOverpayRows(pay)
        let spendWindow = build.addSpendWindowRows(done, pay)
        let maintained = build.addMaintainedRows(done, upkeep)
        let envelope = build.addEnvelopeRows(payments, carry, onlyCommunes: !coupling)
        let shareCap = build.addShareCapRows(payments)
        let counterpart = coupling ? build.addCounterpartRows(payments) : CounterpartRows()
        let capacity = build.addCapacityRows(done, met)
        let atStandard = build.addAtStandardRows(done, standard)
        let minProgress = build.addMinProgressRows(done, met, shortfall)
        let criterionMet = build.addCriterionMetRows(done, met)
        let criterionMetAll = build.addCriterionMetAllRows(done, met)

        self.instance = instance
        communeEnvelopes = build.communeEnvelopes
        problem = build.problem
        names = build.names
        families = Families(
            done: done, pay: pay, upkeep: upkeep, carry: carry, standard: standard, shortfall: shortfall, criterionMet: met,
            staysDone: staysDone, funded: funded, noOverpay: noOverpay, spendWindow: spendWindow, maintained: maintained, envelope: envelope,
            shareCap: shareCap, counterpart: counterpart, capacity: capacity, atStandard: atStandard, minProgress: minProgress,
            criterionMetRows: criterionMet, criterionMetAll: criterionMetAll, communeEnvelopes: build.communeEnvelopes)
    }

    static func millions(_ money: Money) -> Double { Double(money.dong) / 1_000_000 }

    /// The carry-over rule of an envelope's source: its own, else the one for every source ("*").
    static func carryOverRule(_ instance: AllocationInstance, source: String) -> CarryOverRule? {
        instance.rules.carryOver.first { $0.source == source } ?? instance.rules.carryOver.first { $0.source == "*" }
    }
}

/// What the family functions share while they add to the problem: the instance, the objective's
/// coefficients, the solver names and the problem so far.
struct ModelBuilder {
    let instance: AllocationInstance
    let weights: ObjectiveWeights
    let names: SolverNames
    var problem: LinearProblem
    /// The items of each commune (by position in `instance.items`).
    let itemsOfCommune: [String: [Int]]
    /// The criteria each commune misses, in order: what capacity and minimum progress count.
    let unitsOfCommune: [String: [AllocationInstance.CriterionUnit]]
    /// The items of each criterion a commune misses: the criterion itself, or its missing indicators.
    let itemsOfUnit: [AllocationInstance.CriterionUnit: [Int]]
    /// The envelopes limited to one commune of the instance (a commune's share of central money): only
    /// that commune draws on them, so their rows and carry-over do not tie communes together.
    let communeEnvelopes: Set<Int>

    init(_ instance: AllocationInstance, weights: ObjectiveWeights) {
        self.instance = instance
        self.weights = weights
        names = SolverNames(instance)
        problem = LinearProblem(name: "allocation", objectiveName: weights.name, sense: weights.minimize ? .minimize : .maximize)
        itemsOfCommune = Dictionary(grouping: instance.items.indices) { instance.items[$0].commune }
        unitsOfCommune = Dictionary(grouping: instance.units, by: \.commune)
        itemsOfUnit = Dictionary(grouping: instance.items.indices) { instance.items[$0].unit }
        let communes = Set(instance.communes)
        communeEnvelopes = Set(instance.envelopes.indices.filter { instance.envelopes[$0].locality.map(communes.contains) ?? false })
    }

    var years: [Int] { instance.years }

    /// Whether envelope e may pay kind m of item i: e ∈ P(i,m) (docs/model.md, "Sets").
    func mayPay(_ kind: MoneyKind, of item: AllocationInstance.Item, from envelope: BudgetEnvelope) -> Bool {
        instance.mayPay(kind, of: item, from: envelope)
    }

    mutating func add(_ row: ModelRow, _ bounds: Bounds, _ terms: [(column: Int, value: Double)]) -> Int {
        problem.addRow(Row(name: names.name(row), bounds: bounds), coefficients: terms)
    }

    /// Envelopes of one program, source and locality that follow each other year after year, in order.
    static func carryChains(_ instance: AllocationInstance) -> [[Int]] {
        struct ProgramSource: Hashable {
            let program: String
            let source: String
            let locality: String?
        }
        let groups = Dictionary(grouping: instance.envelopes.indices) {
            ProgramSource(program: instance.envelopes[$0].program, source: instance.envelopes[$0].source, locality: instance.envelopes[$0].locality)
        }
        var chains: [[Int]] = []
        for indices in groups.values {
            let sorted = indices.sorted { instance.envelopes[$0].years.lowerBound < instance.envelopes[$1].years.lowerBound }
            var chain: [Int] = []
            for e in sorted {
                if let last = chain.last, instance.envelopes[last].years.upperBound + 1 != instance.envelopes[e].years.lowerBound {
                    chains.append(chain)
                    chain = []
                }
                chain.append(e)
            }
            if !chain.isEmpty { chains.append(chain) }
        }
        return chains.sorted { $0[0] < $1[0] }
    }
}
