import Foundation
import GLPKSwift
import NTPDomain

/// Cost calibration: the factor (one overall, or one per criterion group) by which the cost norms must
/// be scaled so that an official plan is exactly affordable within its budget envelopes and rules.
///
/// The linear program (docs/calibration.md, term by term):
///
///     maximise   s                                             (overall)
///                t, then Σ_g s_g with t fixed at its optimum   (by group)
///     subject to Σ_e pay[i,k,e] = s_g(i) · c[i,k]      for every planned item i and kind k   (fund)
///                Σ_{i,k} pay[i,k,e] ≤ A[e]             for every envelope e                   (capacity)
///                s_g ≥ t                               for every group g                       (by group)
///                pay ≥ 0, s ≥ 0
///
/// `pay[i,k,e]` exists only when envelope e may pay for kind k of item i: its source fits the kind and
/// the criterion (`Eligibility`), its program may pay in the commune, and its years meet the years in
/// which the item's money is spent (the build years up to the target year). Money is in million VND at
/// this boundary (converted from exact đồng, and back by rounding half up).
public struct Calibration: Sendable {
    /// A criterion of a commune that the official plan completes in `year`.
    public struct Item: Sendable {
        public let locality: String
        public let criterion: String
        public let group: String?
        public let year: Int
        public let buildYears: Int
        /// The item's cost by kind at factor 1.
        public let cost: [MoneyKind: Money]

        public init(locality: String, criterion: String, group: String?, year: Int, buildYears: Int, cost: [MoneyKind: Money]) {
            self.locality = locality
            self.criterion = criterion
            self.group = group
            self.year = year
            self.buildYears = buildYears
            self.cost = cost
        }

        var spendingYears: ClosedRange<Int> { (year - buildYears + 1)...year }
    }

    public enum Mode: String, Sendable, CaseIterable {
        case overall
        case byGroup = "by-group"
    }

    public enum Outcome: Sendable {
        /// Factors found; `binding` are the envelopes whose money is all used at them.
        case calibrated(factors: [String: Decimal], binding: [Int])
        /// Only a factor of 0 fits: some part of the plan has no money that may pay for it.
        case unaffordable(unfunded: [(item: Item, kind: MoneyKind)])
        /// Nothing limits the factor: the plan costs nothing, or no envelope is ever drawn on.
        case unbounded
    }

    public let items: [Item]
    public let envelopes: [BudgetEnvelope]
    public let eligibility: Eligibility
    public let localities: LocalityRegistry
    public let mode: Mode

    public init(items: [Item], envelopes: [BudgetEnvelope], eligibility: Eligibility, localities: LocalityRegistry, mode: Mode) {
        self.items = items
        self.envelopes = envelopes
        self.eligibility = eligibility
        self.localities = localities
        self.mode = mode
    }

    /// The groups that get a factor: every group with a planned item ("*" in overall mode).
    var groups: [String] {
        mode == .overall ? ["*"] : Array(Set(items.map { $0.group ?? "*" })).sorted()
    }

    /// Whether envelope `e` may pay for kind `kind` of `item`.
    func mayPay(_ envelope: BudgetEnvelope, _ item: Item, _ kind: MoneyKind) -> Bool {
        envelope.years.overlaps(item.spendingYears)
            && eligibility.canPay(kind, criterion: item.criterion, from: envelope.source)
            && eligibility.programMayPay(envelope.program, from: envelope.source, in: item.locality, localities: localities)
    }

    public func solve() throws -> Outcome {
        let unfunded = items.flatMap { item in
            item.cost.filter { $0.value.dong > 0 }.keys.sorted { $0.rawValue < $1.rawValue }
                .filter { kind in !envelopes.contains { mayPay($0, item, kind) } }.map { (item, $0) }
        }
        if !unfunded.isEmpty { return .unaffordable(unfunded: unfunded) }

        var problem = LinearProblem(name: "calibration", sense: .maximize)
        let groups = self.groups
        let scale = Dictionary(uniqueKeysWithValues: groups.enumerated().map { index, group in
            (group, problem.addColumn(Column(name: "scale_\(index)", objective: mode == .overall ? 1 : 0)))
        })
        let floor = mode == .byGroup ? problem.addColumn(Column(name: "common_factor", objective: 1)) : nil
        var capacity: [Int: [(column: Int, value: Double)]] = [:]
        for (itemIndex, item) in items.enumerated() {
            for kind in MoneyKind.allCases {
                guard let cost = item.cost[kind], cost.dong > 0 else { continue }
                var terms: [(column: Int, value: Double)] = [(scale[mode == .overall ? "*" : item.group ?? "*"]!, -Self.millions(cost))]
                for (envelopeIndex, envelope) in envelopes.enumerated() where mayPay(envelope, item, kind) {
                    let pay = problem.addColumn(Column(name: "pay_\(itemIndex)_\(kind.rawValue)_\(envelopeIndex)"))
                    terms.append((pay, 1))
                    capacity[envelopeIndex, default: []].append((pay, 1))
                }
                problem.addRow(Row(name: "fund_\(itemIndex)_\(kind.rawValue)", bounds: .fixed(0)), coefficients: terms)
            }
        }
        var capacityRows: [Int: Int] = [:]
        for (envelopeIndex, terms) in capacity.sorted(by: { $0.key < $1.key }) {
            capacityRows[envelopeIndex] = problem.addRow(
                Row(name: "capacity_\(envelopeIndex)", bounds: .atMost(Self.millions(envelopes[envelopeIndex].amount))), coefficients: terms)
        }
        if let floor {
            for group in groups {
                problem.addRow(Row(name: "at_least_common_\(group == "*" ? "all" : group)", bounds: .atLeast(0)), coefficients: [(scale[group]!, 1), (floor, -1)])
            }
        }

        var solution = try GLPK.solveLP(problem, options: LPOptions(method: .dualThenPrimal, presolve: false))
        if solution.termination == .unbounded { return .unbounded }
        try solution.requireOptimal()
        if let floor, let common = solution.objectiveValue {
            // Stage 2: keep the common factor, and let each group rise as far as the money eligible to it allows.
            var second = problem
            second.columns[floor].bounds = .atLeast(common * (1 - 1e-9))
            second.columns[floor].objective = 0
            for group in groups { second.columns[scale[group]!].objective = 1 }
            let refined = try GLPK.solveLP(second, options: LPOptions(method: .dualThenPrimal, presolve: false))
            if refined.termination == .optimal { solution = refined; problem = second }
        }
        let factors = Dictionary(uniqueKeysWithValues: groups.map { ($0, Self.rounded(solution.columnValues[scale[$0]!])) })
        if factors.values.allSatisfy({ $0 == 0 }) { return .unaffordable(unfunded: []) }
        let duals = solution.rowDuals ?? []
        let binding = capacityRows.filter { envelopeIndex, row in
            duals.indices.contains(row) && abs(duals[row]) > 1e-9 || solution.rowActivities[row] >= Self.millions(envelopes[envelopeIndex].amount) * (1 - 1e-9)
        }.keys.sorted()
        return .calibrated(factors: factors, binding: binding)
    }

    /// Money in million VND, the unit of the linear program.
    static func millions(_ money: Money) -> Double { Double(money.dong) / 1_000_000 }

    /// A factor to four decimals, the precision reported and written.
    static func rounded(_ value: Double) -> Decimal { Decimal(value).rounded(4) }
}
