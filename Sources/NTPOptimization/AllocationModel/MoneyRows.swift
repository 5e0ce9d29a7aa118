import Foundation
import GLPKSwift
import NTPDomain

// The rows of docs/model.md, "Constraints", that hold money: what each item is paid, and what each
// envelope, source and program may pay. C[i,m] is in million VND.

extension ModelBuilder {
    /// funded[i,m,t]: Σ_{e, τ≤t} pay[i,m,e,τ] − C[i,m]·done[i,t] ≥ 0, for every kind m item i costs and
    /// every year t: an item is met only when that kind of its cost has been paid by then.
    mutating func addFundedRows(_ done: DoneColumns, _ pay: PayColumns) -> FundedRows {
        var rows = FundedRows()
        for (i, item) in instance.items.enumerated() {
            for kind in MoneyKind.allCases {
                guard let cost = item.cost[kind], cost.dong > 0 else { continue }
                let own = pay[item: i, kind: kind]
                for t in years.indices {
                    let key = ItemKindYear(item: i, kind: kind, year: t)
                    let terms = own.filter { $0.year <= t }.map { ($0.column, 1.0) } + [(done[item: i, year: t], -AllocationModel.millions(cost))]
                    rows.add(key, at: add(.funded(key), .atLeast(0), terms))
                }
            }
        }
        return rows
    }

    /// no_overpay[i,m]: Σ_{e,τ} pay[i,m,e,τ] ≤ C[i,m], for every kind m item i costs.
    mutating func addNoOverpayRows(_ pay: PayColumns) -> NoOverpayRows {
        var rows = NoOverpayRows()
        for (i, item) in instance.items.enumerated() {
            for kind in MoneyKind.allCases {
                guard let cost = item.cost[kind], cost.dong > 0 else { continue }
                let key = ItemKind(item: i, kind: kind)
                rows.add(key, at: add(.noOverpay(key), .atMost(AllocationModel.millions(cost)), pay[item: i, kind: kind].map { ($0.column, 1) }))
            }
        }
        return rows
    }

    /// spend_window[i,m,τ]: Σ_e pay[i,m,e,τ] − C[i,m]·done[i, min(τ+b_i−1, last)] ≤ 0, for every year τ in
    /// which some envelope may pay kind m of item i: money is spent only in the b_i build years up to
    /// completion, and never for an item left unfinished within the horizon.
    mutating func addSpendWindowRows(_ done: DoneColumns, _ pay: PayColumns) -> SpendWindowRows {
        var rows = SpendWindowRows()
        for (i, item) in instance.items.enumerated() {
            for kind in MoneyKind.allCases {
                guard let cost = item.cost[kind], cost.dong > 0 else { continue }
                let own = pay[item: i, kind: kind]
                for t in years.indices {
                    let inYear = own.filter { $0.year == t }
                    guard !inYear.isEmpty else { continue }
                    let completion = min(t + item.buildYears - 1, years.count - 1)
                    let key = ItemKindYear(item: i, kind: kind, year: t)
                    let terms = inYear.map { ($0.column, 1.0) } + [(done[item: i, year: completion], -AllocationModel.millions(cost))]
                    rows.add(key, at: add(.spendWindow(key), .atMost(0), terms))
                }
            }
        }
        return rows
    }

    /// maintained[i,t]: Σ_e upkeep[i,e,t] − M_i·done[i,t−1] = 0, for every item with upkeep M_i > 0 and
    /// every year t after the first: a criterion met by the end of the year before is kept up with
    /// recurrent money this year, and no upkeep is paid for one not yet met.
    mutating func addMaintainedRows(_ done: DoneColumns, _ upkeep: UpkeepColumns) -> MaintainedRows {
        var rows = MaintainedRows()
        for (i, item) in instance.items.enumerated() where item.maintenancePerYear.dong > 0 {
            for t in years.indices.dropFirst() {
                let key = ItemYear(item: i, year: t)
                let terms = [(done[item: i, year: t - 1], -AllocationModel.millions(item.maintenancePerYear))] + upkeep[item: i, year: t].map { ($0.column, 1.0) }
                rows.add(key, at: add(.maintained(key), .fixed(0), terms))
            }
        }
        return rows
    }

    /// envelope[e]: Σ pay[·,·,e,·] + Σ upkeep[·,e,·] + carry[e] − carry[prev(e)] ≤ A_e, for every envelope
    /// with a term (with `onlyCommunes`, every envelope limited to a commune). No margin is kept: a budget
    /// can be used to the last đồng.
    mutating func addEnvelopeRows(_ payments: [Payment], _ carry: CarryColumns, onlyCommunes: Bool = false) -> EnvelopeRows {
        let byEnvelope = Dictionary(grouping: payments, by: \.envelope)
        var rows = EnvelopeRows()
        for (e, envelope) in instance.envelopes.enumerated() where !onlyCommunes || communeEnvelopes.contains(e) {
            var terms: [(column: Int, value: Double)] = (byEnvelope[e] ?? []).map { ($0.column, 1) }
            if let out = carry[envelope: e] { terms.append((out, 1)) }
            if let incoming = carry.incoming(to: e) { terms.append((incoming, -1)) }
            guard !terms.isEmpty else { continue }
            rows.add(e, at: add(.envelope(e), .atMost(AllocationModel.millions(envelope.amount)), terms))
        }
        return rows
    }

    /// share_cap[i,r]: Σ_{pay of i from r's source} − s_r/100 · Σ pay[i,·,·,·] ≤ 0, for every
    /// source-eligibility rule r with a share cap s_r and every item some of whose money may come from
    /// r's source (or a source below it); upkeep counts as the ledger counts every line.
    mutating func addShareCapRows(_ payments: [Payment]) -> ShareCapRows {
        let instance = self.instance
        let lineage = { (e: Int) in instance.eligibility.lineage(of: instance.envelopes[e].source) }
        let byItem = Dictionary(grouping: payments, by: \.item)
        var rows = ShareCapRows()
        for (r, rule) in instance.rules.sourceEligibility.enumerated() {
            guard let cap = rule.shareCapPercent else { continue }
            let share = NSDecimalNumber(decimal: cap / 100).doubleValue
            for i in instance.items.indices {
                let own = byItem[i] ?? []
                guard own.contains(where: { lineage($0.envelope).contains(rule.source) }) else { continue }
                let key = ItemRule(item: i, rule: r)
                let terms = own.map { ($0.column, (lineage($0.envelope).contains(rule.source) ? 1 : 0) - share) }
                rows.add(key, at: add(.shareCap(key), .atMost(0), terms))
            }
        }
        return rows
    }

    /// counterpart[p,t]: Σ_{local pay of p in t} − ρ_p · Σ_{central pay of p in t} ≥ 0, for every
    /// counterpart rule (program p, ratio ρ_p) and every year with a term.
    mutating func addCounterpartRows(_ payments: [Payment]) -> CounterpartRows {
        var rows = CounterpartRows()
        for (r, rule) in instance.rules.counterparts.enumerated() {
            let ratio = NSDecimalNumber(decimal: rule.ratio).doubleValue
            for t in years.indices {
                let terms: [(column: Int, value: Double)] = payments.compactMap { payment in
                    let envelope = instance.envelopes[payment.envelope]
                    guard envelope.program == rule.program, payment.year == t else { return nil }
                    switch instance.eligibility.origin(of: envelope.source) {
                    case .localBudget?: return (payment.column, 1)
                    case .centralBudget?: return (payment.column, -ratio)
                    default: return nil
                    }
                }
                guard !terms.isEmpty else { continue }
                let key = RuleYear(rule: r, year: t)
                rows.add(key, at: add(.counterpart(key), .atLeast(0), terms))
            }
        }
        return rows
    }
}
