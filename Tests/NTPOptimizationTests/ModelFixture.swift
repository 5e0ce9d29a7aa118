import GLPKSwift
import NTPDomain
import NTPOptimization
import NTPTestSupport

/// One commune, two criteria, two years, built so that every family of the model has columns or rows:
///
/// - criterion 5 (works): 30 million of construction and 10 of recurrent money, built over 2 years;
/// - criterion 16 (culture): 4 million of recurrent money, 1 year, 1 million a year of upkeep once met;
/// - envelopes: 0 central 2023 (50 million), 1 central 2024 (50), 2 local 2023-2024 (20);
/// - central money may pay only criterion 5, and at most 80 % of what it receives; unspent money carries
///   on, capped at 50 % of the envelope; local money at least 0,1 × central money, per year;
/// - capacity 1 a year, minimum progress 1 a year, a standard bonus of 2.
///
/// The tests state each family's columns and rows by hand from docs/model.md and compare them with what
/// the family's handle points to.
enum ModelFixture {
    typealias Item = AllocationInstance.Item

    static let commune = "cao-bang/quang-hoa/be-van-dan"
    static let works = Item(
        commune: commune, criterion: "5", cost: [.construction: TestMoney.million(30), .recurrent: TestMoney.million(10)], buildYears: 2)
    static let culture = Item(
        commune: commune, criterion: "16", cost: [.recurrent: TestMoney.million(4)], buildYears: 1, maintenancePerYear: TestMoney.million(1))
    static let years = [2023, 2024]

    static let envelopes = [
        TestMoney.envelope("central", 2023, 50),
        TestMoney.envelope("central", 2024, 50),
        BudgetEnvelope(program: "NTM", source: "local", years: 2023...2024, amount: TestMoney.million(20), provenance: Provenance("test")),
    ]
    static let rules = BudgetRules(
        carryOver: [CarryOverRule(source: "*", allowed: true, capPercent: 50, basis: Provenance("test"))],
        counterparts: [CounterpartRule(program: "NTM", ratio: 0.1, basis: Provenance("test"))],
        sourceEligibility: [SourceEligibility(source: "central", criteria: ["5"], shareCapPercent: 80, basis: Provenance("test"))])

    static let policy = AllocationInstance.Policy(capacityPerCommuneYear: 1, minimumProgress: 1, standardBonus: 2)

    static func instance(
        items: [Item] = [works, culture], rules: BudgetRules = rules, policy: AllocationInstance.Policy = policy,
        objective: AllocationInstance.Objective = .criteriaYears,
        locked: [Item: Int?] = [:], frozenThrough: Int? = nil, targets: [AllocationInstance.Target] = []
    ) -> AllocationInstance {
        AllocationInstance(
            items: items, years: years, envelopes: envelopes, rules: rules,
            sources: [TestMoney.source("central", .centralBudget, level: .central), TestMoney.source("local", .localBudget)],
            localities: TestMoney.noLocalities, policy: policy, objective: objective, locked: locked, frozenThrough: frozenThrough, targets: targets)
    }

    static let model = AllocationModel(instance())

    /// The pay column of (item, kind, envelope, year index).
    static func pay(_ item: Int, _ kind: MoneyKind, _ envelope: Int, _ year: Int, in model: AllocationModel = model) -> Int? {
        model.families.pay[item: item, kind: kind].first { $0.envelope == envelope && $0.year == year }?.column
    }

    static func done(_ item: Int, _ year: Int) -> Int { model.families.done[item: item, year: year] }
}

/// A row of a problem as its bounds and its coefficient by column.
struct RowTerms: Equatable, CustomStringConvertible {
    let bounds: Bounds
    let terms: [Int: Double]

    init(_ bounds: Bounds, _ terms: [Int: Double]) {
        self.bounds = bounds
        self.terms = terms
    }

    init(_ problem: LinearProblem, row: Int) {
        bounds = problem.rows[row].bounds
        var terms: [Int: Double] = [:]
        for entry in problem.entries where entry.row == row { terms[entry.column, default: 0] += entry.value }
        self.terms = terms
    }

    /// Equal bounds, the same columns, and coefficients within 10⁻¹² (1 − 0,8 is not 0,2 in binary).
    func matches(_ other: RowTerms) -> Bool {
        bounds == other.bounds && terms.keys.sorted() == other.terms.keys.sorted()
            && terms.allSatisfy { abs($0.value - other.terms[$0.key]!) < 1e-12 }
    }

    var description: String { "\(bounds) \(terms.sorted { $0.key < $1.key })" }
}
