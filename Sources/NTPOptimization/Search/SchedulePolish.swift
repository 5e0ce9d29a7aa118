import GLPKSwift
import NTPDomain

/// A local search on a whole plan, criterion by criterion, for provinces whose money is a flow (no
/// share caps, counterparts or upkeep: `FlowFinancing` decides exactly, in đồng, whether a schedule can
/// be paid) and whose objective lies on the done columns alone (criteria-years without standard bonus or
/// minimum progress). Its moves, each kept only when the money and every commune's capacity still hold:
///
/// - a criterion not met is met, as early as it can be;
/// - a criterion met is met earlier;
/// - a criterion met is dropped and criteria not met take its money (best first), when they earn more.
///
/// Each move is tried in a fixed order, so the same plan always polishes the same way.
struct SchedulePolish {
    let split: CommuneSplit
    private var money: FlowFinancing
    /// The year each criterion is met in (an index of the horizon), nil when it is not.
    private var year: [Int?]
    /// Criteria met in each commune's years.
    private var taken: [[Int]]
    /// The years each criterion may be met in (its done columns' bounds allow), and whether it may be
    /// left unmet.
    private let allowed: [[Int]]
    private let optional: [Bool]
    /// What meeting each criterion in each year earns: Σ_{t' ≥ t} c(done[i,t']).
    private let value: [[Double]]
    private let commune: [Int]
    /// Each criterion's whole cost, đồng.
    private let cost: [Int64]
    private let capacity: [Int?]
    /// The criteria not met, best first.
    private let order: [Int]
    private(set) var total: Double
    /// Criteria not met that may take a dropped criterion's money, best first.
    static let refills = 400

    /// Whether the polish applies: every commune priced by sight, envelopes the only coupling rows, no
    /// objective on money.
    static func applies(to split: CommuneSplit) -> Bool {
        let families = split.model.families
        return split.separable.allSatisfy { $0 } && families.counterpart.isEmpty && families.upkeep.payments.isEmpty
            && families.pay.payments.allSatisfy { split.model.problem.columns[$0.column].objective == 0 }
    }

    /// The polish of `incumbent`; nil when its schedule does not fit the flow (a bug elsewhere).
    init?(_ split: CommuneSplit, _ incumbent: Incumbent) {
        self.split = split
        let model = split.model, problem = model.problem, instance = model.instance
        let years = instance.years.count
        let communeIndex = Dictionary(uniqueKeysWithValues: split.communes.enumerated().map { ($1, $0) })
        commune = instance.items.map { communeIndex[$0.commune]! }
        capacity = split.capacity
        var allowed: [[Int]] = [], optional: [Bool] = [], value: [[Double]] = []
        var year = [Int?](repeating: nil, count: instance.items.count)
        var values = [Double](repeating: 0, count: problem.columns.count)
        for plan in incumbent.plans { for (column, v) in zip(plan.columns, plan.values) { values[Int(column)] = v } }
        for i in instance.items.indices {
            let done = model.families.done[item: i]
            optional.append(done.allSatisfy { (problem.columns[$0].bounds.lower ?? 0) <= 0 })
            allowed.append((0..<years).filter { t in
                done.indices.allSatisfy { problem.columns[done[$0]].bounds.contains($0 >= t ? 1 : 0, tolerance: 1e-9) }
            })
            value.append((0..<years).map { t in done[t...].reduce(0.0) { $0 + problem.columns[$1].objective } })
            year[i] = done.firstIndex { values[$0] > 0.5 }
        }
        self.allowed = allowed
        self.optional = optional
        self.value = value
        self.year = year
        money = FlowFinancing(instance)
        taken = [[Int]](repeating: [Int](repeating: 0, count: years), count: split.communes.count)
        total = 0
        for i in instance.items.indices.sorted(by: { (year[$0] ?? years, $0) < (year[$1] ?? years, $1) }) {
            guard let t = year[i] else { continue }
            guard money.add(i, year: t) else { return nil }
            taken[commune[i]][t] += 1
            total += value[i][t]
        }
        money.commit()
        let cost = instance.items.map { $0.cost.values.reduce(0) { $0 + $1.dong } }
        self.cost = cost
        order = instance.items.indices.sorted { a, b in
            let va = value[a].max() ?? 0, vb = value[b].max() ?? 0
            return (-va, cost[a], a) < (-vb, cost[b], b)
        }
    }

    private func fits(_ i: Int, _ t: Int) -> Bool {
        capacity[commune[i]].map { taken[commune[i]][t] < $0 } ?? true
    }

    /// Meets criterion i in its earliest year that fits; says whether it did.
    private mutating func meet(_ i: Int, from earliest: Int = 0, before latest: Int? = nil) -> Bool {
        // Quick refusal: it costs more than all the money left.
        guard cost[i] <= money.unused else { return false }
        for t in allowed[i] where t >= earliest && t < (latest ?? Int.max) && fits(i, t) {
            if money.add(i, year: t) {
                year[i] = t
                taken[commune[i]][t] += 1
                total += value[i][t]
                return true
            }
        }
        return false
    }

    private mutating func drop(_ i: Int) {
        guard let t = year[i] else { return }
        money.remove(i)
        year[i] = nil
        taken[commune[i]][t] -= 1
        total -= value[i][t]
    }

    /// Polishes until a pass improves nothing, `end` or the caller cancels (`isCancelled`); says whether
    /// anything improved.
    mutating func improve(until end: ContinuousClock.Instant, isCancelled: (() -> Bool)? = nil) -> Bool {
        let going = { ContinuousClock.now < end && !(isCancelled?() ?? false) }
        let start = total
        var improving = true
        while improving, going() {
            improving = false
            // Meet what fits.
            for i in order where year[i] == nil && going() {
                if meet(i) { improving = true }
            }
            // Meet earlier.
            for i in year.indices where (year[i] ?? 0) > 0 {
                guard going() else { break }
                let was = year[i]!, mark = money.mark(), before = total
                drop(i)
                if meet(i, before: was), total > before + 1e-9 {
                    improving = true
                } else {
                    money.undo(to: mark)
                    restore(i, was, before)
                }
            }
            money.commit()
            // Drop one, meet others in its money.
            let met = year.indices.filter { year[$0] != nil && optional[$0] }.sorted { (value[$0][year[$0]!], $0) < (value[$1][year[$1]!], $1) }
            for j in met {
                guard going() else { break }
                guard let was = year[j] else { continue }
                let mark = money.mark(), before = total
                var changed: [(Int, Int?)] = [(j, was)]
                drop(j)
                var tried = 0
                for i in order where year[i] == nil && tried < Self.refills {
                    tried += 1
                    // The dropped criterion may come back, later.
                    if meet(i, from: i == j ? was + 1 : 0) { changed.append((i, nil)) }
                }
                if total > before + 1e-9 {
                    improving = true
                    money.commit()
                } else {
                    money.undo(to: mark)
                    for (i, old) in changed.reversed() { restore(i, old, nil) }
                    total = before
                }
            }
            money.commit()
        }
        return total > start + 1e-9
    }

    /// How far a noisy kick's refill order strays from value per đồng, in turn by the kick's number: a
    /// chain of such kicks ends on other plans than one refilling best value first, which is what the
    /// small provinces' extra chains are for (`Decomposition.Run.kickChains`).
    static let refillNoise: [Double] = [0.3, 0.6, 1.0, 2.0]

    /// `candidates` in the order a kick refills them: by value per đồng (`worth` / `cost`), each
    /// weighed by 1 + `noise`·u with u drawn from `random` in [0, 1); equal keys keep their order.
    static func refillOrder(_ candidates: [Int], worth: (Int) -> Double, cost: (Int) -> Int64, noise: Double, _ random: inout SplitMix64) -> [Int] {
        let keyed = candidates.map { i in (key: worth(i) / Double(max(1, cost(i))) * (1 + noise * random.unit()), i: i) }
        return keyed.enumerated().sorted { ($0.element.key, -$0.offset) > ($1.element.key, -$1.offset) }.map(\.element.i)
    }

    /// Iterated local search: `count` kicks (or fewer, at `end` or when the caller cancels), numbered
    /// from `first` + 1. At each kick, a few criteria met are dropped, the criteria not met take the
    /// money as it fits (best value first, or `noisy`, in a noisy order of value per đồng: `refillOrder`),
    /// and the plan is met earlier where it can; kept when better, undone otherwise. What is dropped and
    /// the noise are drawn by a generator seeded with the kick's number, so the sequence is the same on
    /// every run. Says whether anything improved.
    mutating func kick(
        _ count: Int, numberedFrom first: UInt64, noisy: Bool = false, until end: ContinuousClock.Instant, isCancelled: (() -> Bool)? = nil
    ) -> Bool {
        let start = total
        var kick = first
        while kick < first + UInt64(count), ContinuousClock.now < end, !(isCancelled?() ?? false) {
            kick += 1
            var random = SplitMix64(seed: kick)
            let met = year.indices.filter { year[$0] != nil && optional[$0] }
            guard !met.isEmpty else { break }
            let saved = (year, taken, total), mark = money.mark()
            for _ in 0..<min(met.count, 2 + Int(kick % 4)) {
                let j = met[Int(random.next() % UInt64(met.count))]
                drop(j)
            }
            if noisy {
                let noise = Self.refillNoise[Int(kick % UInt64(Self.refillNoise.count))]
                let unmet = order.filter { year[$0] == nil }
                for i in Self.refillOrder(unmet, worth: { value[$0].max() ?? 0 }, cost: { cost[$0] }, noise: noise, &random) { _ = meet(i) }
            } else {
                for i in order where year[i] == nil { _ = meet(i) }
            }
            for i in year.indices where (year[i] ?? 0) > 0 {
                let was = year[i]!, inner = money.mark(), before = total
                drop(i)
                if !meet(i, before: was) {
                    money.undo(to: inner)
                    restore(i, was, before)
                }
            }
            if total > saved.2 + 1e-9 {
                money.commit()
            } else {
                money.undo(to: mark)
                (year, taken, total) = saved
            }
        }
        return total > start + 1e-9
    }

    /// Puts criterion i back at `old` in the bookkeeping after the money was undone.
    private mutating func restore(_ i: Int, _ old: Int?, _ total: Double?) {
        if let t = year[i] { taken[commune[i]][t] -= 1 }
        year[i] = old
        if let t = old { taken[commune[i]][t] += 1 }
        if let total { self.total = total }
    }

    /// The polished plan of every commune: done from its year on, each kind paid from the envelopes the
    /// flow pays it from, in the latest of its build years the envelope covers.
    func plans() -> [CommunePlan] {
        let model = split.model, instance = model.instance
        var values = [[(column: Int, value: Double)]](repeating: [], count: split.communes.count)
        for (i, item) in instance.items.enumerated() {
            guard let t = year[i] else { continue }
            for column in model.families.done[item: i][t...] { values[commune[i]].append((column, 1)) }
            let window = max(0, t - item.buildYears + 1)...t
            for payment in money.payments(of: i) {
                let columns = model.families.pay[item: i, kind: payment.kind].filter { $0.envelope == payment.envelope && window.contains($0.year) }
                guard let column = columns.max(by: { $0.year < $1.year }) else { continue }
                values[commune[i]].append((column.column, Double(payment.amount) / 1_000_000))
            }
        }
        return split.communes.indices.map { CommunePlan(commune: $0, values: values[$0], split: split) }
    }
}
