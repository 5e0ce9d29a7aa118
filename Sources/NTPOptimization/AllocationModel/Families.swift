import NTPDomain

// The typed handles of the model's families: where each family of docs/model.md lies in the problem.
//
// Every key counts items by their position in `instance.items`, envelopes by their position in
// `instance.envelopes`, rules by their position in their list of `instance.rules`, and years by their
// position in `instance.years` (0 is the first year of the horizon).

/// An item in a year.
public struct ItemYear: Hashable, Sendable {
    public let item: Int
    public let year: Int

    public init(item: Int, year: Int) {
        self.item = item
        self.year = year
    }
}

/// A kind of money of an item.
public struct ItemKind: Hashable, Sendable {
    public let item: Int
    public let kind: MoneyKind

    public init(item: Int, kind: MoneyKind) {
        self.item = item
        self.kind = kind
    }
}

/// A kind of money of an item in a year.
public struct ItemKindYear: Hashable, Sendable {
    public let item: Int
    public let kind: MoneyKind
    public let year: Int

    public init(item: Int, kind: MoneyKind, year: Int) {
        self.item = item
        self.kind = kind
        self.year = year
    }

    public var itemKind: ItemKind { ItemKind(item: item, kind: kind) }
}

/// A budget rule applied to an item: `rule` is its position in `instance.rules.sourceEligibility`.
public struct ItemRule: Hashable, Sendable {
    public let item: Int
    public let rule: Int

    public init(item: Int, rule: Int) {
        self.item = item
        self.rule = rule
    }
}

/// A rule in a year: `rule` is its position in `instance.rules.counterparts`.
public struct RuleYear: Hashable, Sendable {
    public let rule: Int
    public let year: Int

    public init(rule: Int, year: Int) {
        self.rule = rule
        self.year = year
    }
}

/// A criterion a commune misses, in a year: the key of the families of criteria planned by indicator.
public struct CriterionYear: Hashable, Sendable {
    public let unit: AllocationInstance.CriterionUnit
    public let year: Int

    public init(unit: AllocationInstance.CriterionUnit, year: Int) {
        self.unit = unit
        self.year = year
    }
}

/// A commune (its locality id) in a year.
public struct CommuneYear: Hashable, Sendable {
    public let commune: String
    public let year: Int

    public init(commune: String, year: Int) {
        self.commune = commune
        self.year = year
    }
}

/// The rows or the columns of one family, by key, in the order they were added to the problem.
public struct Family<Key: Hashable & Sendable>: Sendable {
    public private(set) var keys: [Key] = []
    /// The row or column of each key, in the same order.
    public private(set) var positions: [Int] = []
    private var index: [Key: Int] = [:]

    public init() {}

    /// The row or column of `key`, nil when the family has none for it.
    public subscript(key: Key) -> Int? { index[key].map { positions[$0] } }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }
    /// Each key with its row or column, in order.
    public var entries: [(key: Key, position: Int)] { zip(keys, positions).map { ($0, $1) } }

    /// The key of a row or column of the family, nil when it is not one.
    public func key(at position: Int) -> Key? { positions.firstIndex(of: position).map { keys[$0] } }

    mutating func add(_ key: Key, at position: Int) {
        precondition(index[key] == nil, "the model builder added \(key) twice")
        index[key] = keys.count
        keys.append(key)
        positions.append(position)
    }
}

extension Family where Key == ItemKindYear {
    /// The rows of one kind of money of an item, by year, in order.
    func positions(of itemKind: ItemKind) -> [Int] {
        entries.filter { $0.key.itemKind == itemKind }.map(\.position)
    }

    /// The kinds of money of items that have rows, in the order they were added.
    var itemKinds: [ItemKind] {
        var seen = Set<ItemKind>()
        return keys.map(\.itemKind).filter { seen.insert($0).inserted }
    }
}

/// done[i,t]: the binary columns "item i is met by the end of year t", for every item and year.
public struct DoneColumns: Sendable {
    let columns: [[Int]]

    /// The columns of an item, by year.
    public subscript(item item: Int) -> [Int] { columns[item] }
    public subscript(item item: Int, year year: Int) -> Int { columns[item][year] }
    /// Every done column.
    public var all: [Int] { columns.flatMap { $0 } }
}

/// A money column: part of an item's cost, pay[i,m,e,t], or a year's upkeep of it, upkeep[i,e,t].
public struct Payment: Hashable, Sendable {
    public let item: Int
    /// The kind of money; upkeep is always recurrent money.
    public let kind: MoneyKind
    public let envelope: Int
    public let year: Int
    public let column: Int
    /// Upkeep of an item met in an earlier year (`upkeep[i,e,t]`), not its cost.
    public let isUpkeep: Bool

    /// What the payment pays towards.
    var due: Due { isUpkeep ? .upkeep(ItemYear(item: item, year: year)) : .cost(ItemKind(item: item, kind: kind)) }
}

/// What a met item must be paid exactly: one kind of its cost, or its upkeep in one year.
enum Due: Hashable {
    case cost(ItemKind)
    case upkeep(ItemYear)
}

/// pay[i,m,e,t]: the money columns of items' costs.
public struct PayColumns: Sendable {
    public let payments: [Payment]
    private let byItemKind: [ItemKind: [Payment]]

    init(_ payments: [Payment]) {
        self.payments = payments
        byItemKind = Dictionary(grouping: payments) { ItemKind(item: $0.item, kind: $0.kind) }
    }

    /// The columns that may pay kind `kind` of item `item`, in every envelope and year.
    public subscript(item item: Int, kind kind: MoneyKind) -> [Payment] { byItemKind[ItemKind(item: item, kind: kind)] ?? [] }
}

/// upkeep[i,e,t]: the money columns of met items' upkeep.
public struct UpkeepColumns: Sendable {
    public let payments: [Payment]
    private let byItemYear: [ItemYear: [Payment]]

    init(_ payments: [Payment]) {
        self.payments = payments
        byItemYear = Dictionary(grouping: payments) { ItemYear(item: $0.item, year: $0.year) }
    }

    /// The columns that may pay the upkeep of item `item` in year `year`.
    public subscript(item item: Int, year year: Int) -> [Payment] { byItemYear[ItemYear(item: item, year: year)] ?? [] }
}

/// carry[e]: the money envelope e passes to the next envelope of its chain.
public struct CarryColumns: Sendable {
    /// The carry column of each envelope that may pass money on.
    public let out: Family<Int>
    /// The envelope before each envelope in its chain.
    let predecessor: [Int: Int]

    static let none = CarryColumns(out: Family(), predecessor: [:])

    /// The column of what envelope `envelope` passes on, nil when it passes nothing.
    public subscript(envelope envelope: Int) -> Int? { out[envelope] }
    /// The column of what the envelope before `envelope` in its chain passes to it, nil when none.
    public func incoming(to envelope: Int) -> Int? { predecessor[envelope].flatMap { out[$0] } }
}

/// standard[c,t]: commune c at full standard by the end of year t.
public typealias StandardColumns = Family<CommuneYear>
/// short[c,t]: the criteria commune c falls short of minimum progress by the end of year t.
public typealias ShortfallColumns = Family<CommuneYear>

public typealias StaysDoneRows = Family<ItemYear>
public typealias FundedRows = Family<ItemKindYear>
public typealias NoOverpayRows = Family<ItemKind>
public typealias SpendWindowRows = Family<ItemKindYear>
public typealias MaintainedRows = Family<ItemYear>
/// envelope(e), by envelope.
public typealias EnvelopeRows = Family<Int>
public typealias ShareCapRows = Family<ItemRule>
public typealias CounterpartRows = Family<RuleYear>
public typealias CapacityRows = Family<CommuneYear>
/// at_standard rows, one per item of a commune and year with a standard column.
public typealias AtStandardRows = Family<ItemYear>
public typealias MinProgressRows = Family<CommuneYear>
/// met[c,k,t]: the columns "criterion k of commune c is met by the end of year t", for every criterion
/// planned by indicator (docs/model.md, "Indicators").
public typealias CriterionMetColumns = Family<CriterionYear>
/// criterion_met rows, one per indicator item and year: met[c,k,t] − done[i,t] ≤ 0.
public typealias CriterionMetRows = Family<ItemYear>
/// criterion_met_all rows, one per criterion planned by indicator and year: met[c,k,t] − Σ done[i,t] ≥ 1 − n.
public typealias CriterionMetAllRows = Family<CriterionYear>

/// A row that ties communes together: the decomposition prices these.
public enum CouplingKey: Hashable, Sendable {
    case envelope(Int)
    case counterpart(RuleYear)
}

/// The row families of docs/model.md, by their name in the solver.
public enum RowFamily: String, CaseIterable, Sendable {
    case staysDone = "stays_done"
    case funded
    case noOverpay = "no_overpay"
    case spendWindow = "spend_window"
    case maintained
    case envelope
    case shareCap = "share_cap"
    case counterpart
    case capacity
    case atStandard = "at_standard"
    case minProgress = "min_progress"
    case criterionMet = "criterion_met"
    case criterionMetAll = "criterion_met_all"

    /// What the row says, as docs/model.md's table of constraints says it.
    public var meaning: String {
        switch self {
        case .staysDone: "a met criterion stays met"
        case .funded: "funded by the year it is met"
        case .noOverpay: "never paid more than it costs"
        case .spendWindow: "money spent only in the build years before completion"
        case .maintained: "maintenance of met criteria"
        case .envelope: "envelope with carry-over"
        case .shareCap: "share cap"
        case .counterpart: "local counterpart"
        case .capacity: "implementation capacity"
        case .atStandard: "at standard only when every criterion is met"
        case .minProgress: "minimum progress"
        case .criterionMet: "a criterion is met only when each of its indicators is"
        case .criterionMetAll: "a criterion is met once all of its indicators are"
        }
    }
}

/// One row of the model, by family and key.
public enum ModelRow: Hashable, Sendable {
    case staysDone(ItemYear)
    case funded(ItemKindYear)
    case noOverpay(ItemKind)
    case spendWindow(ItemKindYear)
    case maintained(ItemYear)
    case envelope(Int)
    case shareCap(ItemRule)
    case counterpart(RuleYear)
    case capacity(CommuneYear)
    case atStandard(ItemYear)
    case minProgress(CommuneYear)
    case criterionMet(ItemYear)
    case criterionMetAll(CriterionYear)

    public var family: RowFamily {
        switch self {
        case .staysDone: .staysDone
        case .funded: .funded
        case .noOverpay: .noOverpay
        case .spendWindow: .spendWindow
        case .maintained: .maintained
        case .envelope: .envelope
        case .shareCap: .shareCap
        case .counterpart: .counterpart
        case .capacity: .capacity
        case .atStandard: .atStandard
        case .minProgress: .minProgress
        case .criterionMet: .criterionMet
        case .criterionMetAll: .criterionMetAll
        }
    }
}

/// One column of the model, by family and key (for its name).
enum ModelColumn {
    case done(ItemYear)
    case pay(item: Int, kind: MoneyKind, envelope: Int, year: Int)
    case upkeep(item: Int, envelope: Int, year: Int)
    case carry(envelope: Int)
    case standard(CommuneYear)
    case shortfall(CommuneYear)
    case met(CriterionYear)
}

extension AllocationModel {
    /// Every variable and row family of the model (docs/model.md), each a typed handle on its columns or
    /// rows in `problem`.
    public struct Families: Sendable {
        public let done: DoneColumns
        public let pay: PayColumns
        public let upkeep: UpkeepColumns
        public let carry: CarryColumns
        public let standard: StandardColumns
        public let shortfall: ShortfallColumns
        public let criterionMet: CriterionMetColumns

        public let staysDone: StaysDoneRows
        public let funded: FundedRows
        public let noOverpay: NoOverpayRows
        public let spendWindow: SpendWindowRows
        public let maintained: MaintainedRows
        public let envelope: EnvelopeRows
        public let shareCap: ShareCapRows
        public let counterpart: CounterpartRows
        public let capacity: CapacityRows
        public let atStandard: AtStandardRows
        public let minProgress: MinProgressRows
        public let criterionMetRows: CriterionMetRows
        public let criterionMetAll: CriterionMetAllRows

        /// Every money column: the pay columns, then the upkeep columns.
        public let payments: [Payment]
        /// The rows that tie communes together: the envelopes but those limited to one commune, then the
        /// counterparts (none in a commune's own model).
        public let coupling: Family<CouplingKey>

        init(
            done: DoneColumns, pay: PayColumns, upkeep: UpkeepColumns, carry: CarryColumns, standard: StandardColumns,
            shortfall: ShortfallColumns, criterionMet: CriterionMetColumns, staysDone: StaysDoneRows, funded: FundedRows, noOverpay: NoOverpayRows,
            spendWindow: SpendWindowRows, maintained: MaintainedRows, envelope: EnvelopeRows, shareCap: ShareCapRows,
            counterpart: CounterpartRows, capacity: CapacityRows, atStandard: AtStandardRows, minProgress: MinProgressRows,
            criterionMetRows: CriterionMetRows, criterionMetAll: CriterionMetAllRows, communeEnvelopes: Set<Int>
        ) {
            self.criterionMet = criterionMet
            self.criterionMetRows = criterionMetRows
            self.criterionMetAll = criterionMetAll
            self.done = done
            self.pay = pay
            self.upkeep = upkeep
            self.carry = carry
            self.standard = standard
            self.shortfall = shortfall
            self.staysDone = staysDone
            self.funded = funded
            self.noOverpay = noOverpay
            self.spendWindow = spendWindow
            self.maintained = maintained
            self.envelope = envelope
            self.shareCap = shareCap
            self.counterpart = counterpart
            self.capacity = capacity
            self.atStandard = atStandard
            self.minProgress = minProgress
            payments = pay.payments + upkeep.payments
            var coupling = Family<CouplingKey>()
            for (e, row) in envelope.entries where !communeEnvelopes.contains(e) { coupling.add(.envelope(e), at: row) }
            for (key, row) in counterpart.entries { coupling.add(.counterpart(key), at: row) }
            self.coupling = coupling
        }

        /// The rows of one family.
        public func rows(of family: RowFamily) -> [Int] {
            switch family {
            case .staysDone: staysDone.positions
            case .funded: funded.positions
            case .noOverpay: noOverpay.positions
            case .spendWindow: spendWindow.positions
            case .maintained: maintained.positions
            case .envelope: envelope.positions
            case .shareCap: shareCap.positions
            case .counterpart: counterpart.positions
            case .capacity: capacity.positions
            case .atStandard: atStandard.positions
            case .minProgress: minProgress.positions
            case .criterionMet: criterionMetRows.positions
            case .criterionMetAll: criterionMetAll.positions
            }
        }

        /// The family and key of a row of the problem.
        public func row(at position: Int) -> ModelRow? {
            for family in RowFamily.allCases {
                let row: ModelRow? = switch family {
                case .staysDone: staysDone.key(at: position).map(ModelRow.staysDone)
                case .funded: funded.key(at: position).map(ModelRow.funded)
                case .noOverpay: noOverpay.key(at: position).map(ModelRow.noOverpay)
                case .spendWindow: spendWindow.key(at: position).map(ModelRow.spendWindow)
                case .maintained: maintained.key(at: position).map(ModelRow.maintained)
                case .envelope: envelope.key(at: position).map(ModelRow.envelope)
                case .shareCap: shareCap.key(at: position).map(ModelRow.shareCap)
                case .counterpart: counterpart.key(at: position).map(ModelRow.counterpart)
                case .capacity: capacity.key(at: position).map(ModelRow.capacity)
                case .atStandard: atStandard.key(at: position).map(ModelRow.atStandard)
                case .minProgress: minProgress.key(at: position).map(ModelRow.minProgress)
                case .criterionMet: criterionMetRows.key(at: position).map(ModelRow.criterionMet)
                case .criterionMetAll: criterionMetAll.key(at: position).map(ModelRow.criterionMetAll)
                }
                if let row { return row }
            }
            return nil
        }
    }
}
