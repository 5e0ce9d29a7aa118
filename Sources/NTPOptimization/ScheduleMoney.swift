import GLPKSwift
import NTPDomain

/// Whether a schedule that grows one criterion at a time can still be financed within the envelopes:
/// the same question `AllocationInstance.finance` answers with its linear program (is any money
/// unfunded?), answered incrementally so that a baseline can ask it for every criterion it considers.
///
/// Without share caps, counterparts and upkeep, financing a fixed schedule is a flow of money: each
/// envelope supplies its amount, passes on what its carry-over rule allows to the next envelope of its
/// chain, and pays the kinds of the criteria met that it may pay, in their build years (`FlowFinancing`,
/// exact, in whole đồng). Otherwise the baseline's linear program is kept loaded in GLPK and re-solved
/// from its last basis after each criterion's done columns are fixed (`LPFinancing`).
protocol ScheduleMoney {
    /// Adds `item` met in year `year` (an index of the horizon) when the money then still finances
    /// everything scheduled; says whether it did.
    mutating func add(_ item: Int, year: Int) throws -> Bool
}

extension AllocationInstance {
    /// The quickest exact check of this instance's financing.
    func scheduleMoney() throws -> any ScheduleMoney {
        let flowable = rules.counterparts.isEmpty && rules.sourceEligibility.allSatisfy { $0.shareCapPercent == nil }
            && items.allSatisfy { $0.maintenancePerYear.dong == 0 }
        return flowable ? FlowFinancing(self) : try LPFinancing(self)
    }
}

/// The financing of a schedule as a maximum flow, kept as criteria are added and removed: an
/// augmenting path moves money from an envelope with money left, possibly through other criteria's
/// payments (each paid instead by another envelope that may pay it) and along the carry-over, to the
/// new criterion. Changes since `mark()` can be undone with `undo(to:)`.
struct FlowFinancing: ScheduleMoney {
    let instance: AllocationInstance
    /// What each envelope holds, đồng.
    private let amount: [Int64]
    /// The envelope after each one in its carry chain, with the most it may pass on (nil: no cap).
    private let next: [(envelope: Int, cap: Int64?)?]
    private let previous: [Int?]
    /// Money taken from each envelope's own amount, and passed on to the next envelope.
    private var drawn: [Int64]
    private var carried: [Int64]
    /// The kinds of criteria's costs scheduled (and once scheduled): what they cost, who may pay them,
    /// what each pays.
    private var demands: [Demand] = []
    /// The demands of each scheduled criterion.
    private var demandsOf: [Int: [Int]] = [:]
    /// Per envelope, the demands it pays something of; and how many of them each other envelope may pay.
    private var paying: [[Int]]
    private var movable: [[Int]]
    private var log: [Change] = []
    /// The envelopes that may pay each kind of each criterion, and the years each covers.
    private var eligible: [ItemKind: [Int]] = [:]

    private struct Demand {
        let cost: Int64
        /// The envelopes that may pay it, and what each pays, in the same order.
        let envelopes: [Int]
        var paid: [Int64]
        var index: [Int: Int]
    }

    private enum Change {
        case drawn(Int, Int64)
        case carried(Int, Int64)
        case paid(demand: Int, slot: Int, Int64)
        case demands(count: Int)
        case scheduled(item: Int, [Int]?)
    }

    init(_ instance: AllocationInstance) {
        self.instance = instance
        let count = instance.envelopes.count
        amount = instance.envelopes.map(\.amount.dong)
        var next = [(envelope: Int, cap: Int64?)?](repeating: nil, count: count)
        var previous = [Int?](repeating: nil, count: count)
        for chain in ModelBuilder.carryChains(instance) {
            for (a, b) in zip(chain, chain.dropFirst()) {
                let envelope = instance.envelopes[a]
                guard let rule = AllocationModel.carryOverRule(instance, source: envelope.source), rule.allowed else { continue }
                next[a] = (b, rule.capPercent.map { Money.share(envelope.amount, percent: $0).dong })
                previous[b] = a
            }
        }
        self.next = next
        self.previous = previous
        drawn = [Int64](repeating: 0, count: count)
        carried = [Int64](repeating: 0, count: count)
        paying = [[Int]](repeating: [], count: count)
        movable = [[Int]](repeating: [Int](repeating: 0, count: count), count: count)
    }

    /// A point to undo to.
    func mark() -> Int { log.count }

    /// Adds the criterion when the money still reaches it; says whether it did. Outside a change begun
    /// since `mark()`, the addition is committed at once.
    mutating func add(_ item: Int, year: Int) -> Bool {
        let start = mark()
        if place(item, year: year) {
            if start == 0 { commit() }
            return true
        }
        undo(to: start)
        return false
    }

    /// Adds the criterion's demands and pushes each through; false (with the changes left for `undo`)
    /// when the money cannot reach one.
    private mutating func place(_ item: Int, year: Int) -> Bool {
        let criterion = instance.items[item]
        let window = max(0, year - criterion.buildYears + 1)...year
        let years = window.map { instance.years[$0] }
        log.append(.scheduled(item: item, demandsOf[item]))
        log.append(.demands(count: demands.count))
        var own: [Int] = []
        for kind in MoneyKind.allCases {
            guard let cost = criterion.cost[kind], cost.dong > 0 else { continue }
            let envelopes = eligibleEnvelopes(item, kind).filter { years.contains(where: instance.envelopes[$0].years.contains) }
            demands.append(Demand(
                cost: cost.dong, envelopes: envelopes, paid: envelopes.map { _ in 0 },
                index: Dictionary(uniqueKeysWithValues: envelopes.enumerated().map { ($1, $0) })))
            own.append(demands.count - 1)
            demandsOf[item] = own
            guard push(into: demands.count - 1) else { return false }
        }
        demandsOf[item] = own
        return true
    }

    /// Takes a scheduled criterion out: its payments are cancelled and the money goes back to where it
    /// came from.
    mutating func remove(_ item: Int) {
        guard let own = demandsOf[item] else { return }
        log.append(.scheduled(item: item, own))
        demandsOf[item] = nil
        for d in own {
            for slot in demands[d].envelopes.indices where demands[d].paid[slot] > 0 {
                let amount = demands[d].paid[slot]
                setPaid(d, slot: slot, 0)
                giveBack(amount, to: demands[d].envelopes[slot])
            }
        }
    }

    /// Envelope e pays `amount` less: it draws less of its own money, and then receives less from the
    /// envelope before it, which in turn draws less.
    private mutating func giveBack(_ amount: Int64, to e: Int) {
        var left = amount
        var e = e
        while left > 0 {
            let own = min(left, drawn[e])
            set(drawn: e, drawn[e] - own)
            left -= own
            guard left > 0, let p = previous[e] else { return }
            set(carried: p, carried[p] - left)
            e = p
        }
    }

    private mutating func eligibleEnvelopes(_ item: Int, _ kind: MoneyKind) -> [Int] {
        let key = ItemKind(item: item, kind: kind)
        if let known = eligible[key] { return known }
        let criterion = instance.items[item]
        let envelopes = instance.envelopes.indices.filter { instance.mayPay(kind, of: criterion, from: instance.envelopes[$0]) }
        eligible[key] = envelopes
        return envelopes
    }

    /// What a scheduled criterion's kinds are paid: envelope and amount (đồng), for each kind.
    func payments(of item: Int) -> [(kind: MoneyKind, envelope: Int, amount: Int64)] {
        guard let own = demandsOf[item] else { return [] }
        let kinds = MoneyKind.allCases.filter { (instance.items[item].cost[$0]?.dong ?? 0) > 0 }
        return zip(kinds, own).flatMap { kind, d in
            zip(demands[d].envelopes, demands[d].paid).filter { $0.1 > 0 }.map { (kind, $0.0, $0.1) }
        }
    }

    /// What each envelope passes on to the next, đồng.
    var carryOver: [Int64] { carried }

    /// Money no criterion uses yet, đồng: a criterion that costs more in all cannot be added.
    var unused: Int64 { zip(amount, drawn).reduce(0) { $0 + $1.0 - $1.1 } }

    /// Pushes demand d's whole cost through augmenting paths; false when the money cannot reach it.
    private mutating func push(into d: Int) -> Bool {
        var left = demands[d].cost
        while left > 0 {
            guard let path = path(to: d) else { return false }
            let moved = augment(path, into: d, limit: left)
            guard moved > 0 else { return false }
            left -= moved
        }
        return true
    }

    /// One step of a path, from the demand back to an envelope with money of its own.
    private enum Step {
        /// The first envelope pays the demand.
        case pays(Int)
        /// Envelope `to`'s payment of `demand` moves to envelope `from`.
        case moves(demand: Int, from: Int, to: Int)
        /// `from` passes more on to `to` (the next in its chain).
        case carries(from: Int, to: Int)
        /// `to` passes less on to `from` (the next in its chain) and keeps it; `from` must find it elsewhere.
        case keeps(from: Int, to: Int)
    }

    /// The shortest path (breadth first over envelopes, in a fixed order) from an envelope with money
    /// left to demand d; nil when there is none.
    private func path(to d: Int) -> [Step]? {
        let count = amount.count
        var reachedBy = [Step?](repeating: nil, count: count)
        var queue: [Int] = []
        for e in demands[d].envelopes where reachedBy[e] == nil {
            reachedBy[e] = .pays(e)
            queue.append(e)
        }
        var head = 0
        while head < queue.count {
            let e = queue[head]
            head += 1
            if drawn[e] < amount[e] { return steps(back: e, reachedBy) }
            if let p = previous[e], reachedBy[p] == nil, next[p].map({ $0.cap.map { carried[p] < $0 } ?? true }) ?? false {
                reachedBy[p] = .carries(from: p, to: e)
                queue.append(p)
            }
            if let n = next[e]?.envelope, reachedBy[n] == nil, carried[e] > 0 {
                reachedBy[n] = .keeps(from: n, to: e)
                queue.append(n)
            }
            for other in 0..<count where reachedBy[other] == nil && movable[e][other] > 0 {
                reachedBy[other] = .moves(demand: -1, from: other, to: e)
                queue.append(other)
            }
        }
        return nil
    }

    /// The steps from envelope `source` to the demand, read back from how each envelope was reached. A
    /// payment that moves is the one of the most money among those `to` pays that `from` may pay.
    private func steps(back source: Int, _ reachedBy: [Step?]) -> [Step] {
        var steps: [Step] = []
        var e = source
        while true {
            var step = reachedBy[e]!
            if case .moves(_, let from, let to) = step {
                let witness = paying[to].filter { demands[$0].index[from] != nil }
                    .max { demands[$0].paid[demands[$0].index[to]!] < demands[$1].paid[demands[$1].index[to]!] }!
                step = .moves(demand: witness, from: from, to: to)
            }
            steps.append(step)
            switch step {
            case .pays: return steps
            case .moves(_, _, let to), .carries(_, let to), .keeps(_, let to): e = to
            }
        }
    }

    /// Moves as much money as the path allows to demand d, at most `limit`; returns the amount.
    private mutating func augment(_ steps: [Step], into d: Int, limit: Int64) -> Int64 {
        let source: Int = switch steps[0] {
        case .pays(let e): e
        case .moves(_, let from, _), .carries(let from, _), .keeps(let from, _): from
        }
        var amount = min(limit, self.amount[source] - drawn[source])
        for step in steps {
            switch step {
            case .pays: break
            case .moves(let demand, _, let to): amount = min(amount, demands[demand].paid[demands[demand].index[to]!])
            case .carries(let from, _): if let cap = next[from]!.cap { amount = min(amount, cap - carried[from]) }
            case .keeps(_, let to): amount = min(amount, carried[to])
            }
        }
        guard amount > 0 else { return 0 }
        set(drawn: source, drawn[source] + amount)
        for step in steps {
            switch step {
            case .pays(let e):
                let slot = demands[d].index[e]!
                setPaid(d, slot: slot, demands[d].paid[slot] + amount)
            case .moves(let demand, let from, let to):
                let gains = demands[demand].index[from]!, loses = demands[demand].index[to]!
                setPaid(demand, slot: gains, demands[demand].paid[gains] + amount)
                setPaid(demand, slot: loses, demands[demand].paid[loses] - amount)
            case .carries(let from, _): set(carried: from, carried[from] + amount)
            case .keeps(_, let to): set(carried: to, carried[to] - amount)
            }
        }
        return amount
    }

    private mutating func set(drawn e: Int, _ value: Int64) {
        log.append(.drawn(e, drawn[e]))
        drawn[e] = value
    }

    private mutating func set(carried e: Int, _ value: Int64) {
        log.append(.carried(e, carried[e]))
        carried[e] = value
    }

    /// Sets what demand d's slot pays, keeping `paying` and `movable` in step.
    private mutating func setPaid(_ d: Int, slot: Int, _ value: Int64, logged: Bool = true) {
        let old = demands[d].paid[slot]
        if logged { log.append(.paid(demand: d, slot: slot, old)) }
        demands[d].paid[slot] = value
        let e = demands[d].envelopes[slot]
        if old == 0 && value > 0 {
            paying[e].append(d)
            for other in demands[d].envelopes where other != e { movable[e][other] += 1 }
        } else if old > 0 && value == 0 {
            paying[e].remove(at: paying[e].firstIndex(of: d)!)
            for other in demands[d].envelopes where other != e { movable[e][other] -= 1 }
        }
    }

    /// Undoes every change since `mark`.
    mutating func undo(to mark: Int) {
        for change in log[mark...].reversed() {
            switch change {
            case .drawn(let e, let value): drawn[e] = value
            case .carried(let e, let value): carried[e] = value
            case .paid(let d, let slot, let value): setPaid(d, slot: slot, value, logged: false)
            case .demands(let count): demands.removeSubrange(count...)
            case .scheduled(let item, let own): demandsOf[item] = own
            }
        }
        log.removeSubrange(mark...)
    }

    /// Forgets the changes so far: they can no longer be undone.
    mutating func commit() { log.removeAll(keepingCapacity: true) }
}

/// The baseline's linear program (`AllocationInstance.finance`) kept loaded in GLPK: every done column
/// fixed at 0 but for the criteria scheduled, re-solved by the dual simplex from the last basis each
/// time a criterion's done columns are fixed at 1 from its year.
struct LPFinancing: ScheduleMoney {
    private let live: LiveProblem
    private let done: [[ColumnHandle]]
    private let unfunded: [ColumnHandle]

    init(_ instance: AllocationInstance) throws {
        var locked: [AllocationInstance.Item: Int?] = [:]
        for item in instance.items { locked[item] = .some(nil) }
        let (lp, model, unfunded) = instance.financingProgram(locked: locked)
        live = try LiveProblem(lp)
        let columns = try live.columns()
        done = instance.items.indices.map { i in model.families.done[item: i].map { columns[$0] } }
        self.unfunded = unfunded.map { columns[$0.column] }
    }

    mutating func add(_ item: Int, year: Int) throws -> Bool {
        let columns = done[item]
        let met = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, Bounds.fixed($0 >= year ? 1 : 0)) })
        let fits = try live.perform { access in
            try access.setColumnBounds(met)
            let solution = try access.solveLP(options: LiveLPOptions(method: .dual))
            guard solution.termination == .optimal else {
                throw UnexpectedSolveOutcome(summary: "financing a fixed schedule: \(solution.termination)")
            }
            // A need of less than a hundredth of a đồng is the simplex method's dust, as in `finance`.
            return unfunded.allSatisfy { AllocationModel.dong(solution.value(of: $0) ?? 0).rounded(0, .up) == 0 }
        }
        if !fits { try live.setColumnBounds(Dictionary(uniqueKeysWithValues: columns.map { ($0, Bounds.fixed(0)) })) }
        return fits
    }
}
