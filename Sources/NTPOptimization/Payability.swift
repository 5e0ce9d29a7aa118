import NTPDomain

extension AllocationInstance {
    /// Whether `envelope` may pay kind `kind` of `item`: its source fits the kind and the criterion, and
    /// its program may pay in the commune (docs/model.md, "Sets": e ∈ P(i,m)).
    public func mayPay(_ kind: MoneyKind, of item: Item, from envelope: BudgetEnvelope) -> Bool {
        eligibility.canPay(kind, criterion: item.criterion, from: envelope.source)
            && eligibility.programMayPay(envelope.program, from: envelope.source, in: item.commune, localities: localities)
    }

    /// The kinds of `item`'s cost that no envelope open within the horizon may pay: whatever the
    /// money, the item cannot be met.
    public func unpayableKinds(of item: Item) -> [MoneyKind] {
        let open = envelopes.filter { envelope in years.contains { envelope.years.contains($0) } }
        return MoneyKind.allCases.filter { kind in
            (item.cost[kind]?.dong ?? 0) > 0 && !open.contains { mayPay(kind, of: item, from: $0) }
        }
    }

    /// The items that can never be met with the scenario's envelopes, with the kinds that cannot be paid.
    public var unpayableItems: [(item: Item, kinds: [MoneyKind])] {
        items.compactMap { item in
            let kinds = unpayableKinds(of: item)
            return kinds.isEmpty ? nil : (item, kinds)
        }
    }
}
