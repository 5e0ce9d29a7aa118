/// Which money may pay for what: a kind of cost needs a source of the right origin and spending, and
/// the source must be eligible for the criterion under the budget rules.
public struct Eligibility: Sendable {
    private let tree: SourceTree
    private let rules: BudgetRules

    public init(sources: [CapitalSource], rules: BudgetRules) {
        tree = SourceTree(sources)
        self.rules = rules
    }

    /// Whether money of `source` may pay for the `kind` part of criterion `criterion`.
    ///
    /// Construction takes budget or integrated money whose spending is investment (or not restricted);
    /// recurrent takes budget or integrated money whose spending is recurrent (or not restricted); credit
    /// takes credit; community and enterprise contributions take community or enterprise money.
    public func canPay(_ kind: MoneyKind, criterion: String, from source: String) -> Bool {
        guard let origin = tree.origin(of: source), let spending = tree.spending(of: source) else { return false }
        let budget: Set<CapitalSource.Origin> = [.stateBudget, .centralBudget, .localBudget, .integrated, .other]
        let kindFits: Bool = switch kind {
        case .construction: budget.contains(origin) && spending != .recurrent
        case .recurrent: budget.contains(origin) && spending != .investment
        case .credit: origin == .credit
        case .communityEnterprise: origin == .community || origin == .enterprise
        }
        guard kindFits else { return false }
        return sourceRule(for: source).map { $0.allows(criterion: criterion) } ?? true
    }

    /// The eligibility rule of `source`, or of its nearest ancestor that has one.
    public func sourceRule(for source: String) -> SourceEligibility? {
        tree.lineage(of: source).lazy.compactMap { code in rules.sourceEligibility.first { $0.source == code } }.first
    }

    /// The program rules that restrict `program`'s money from `source`.
    public func programRules(_ program: String, from source: String) -> [ProgramEligibility] {
        let lineage = tree.lineage(of: source)
        return rules.programEligibility.filter { rule in
            rule.program == program && (rule.sources.map { restricted in lineage.contains(where: restricted.contains) } ?? true)
        }
    }

    /// `source`, its parent, its parent's parent…
    public func lineage(of source: String) -> [String] { tree.lineage(of: source) }

    public func origin(of source: String) -> CapitalSource.Origin? { tree.origin(of: source) }

    /// Whether `program`'s money from `source` may go to `locality`: false only when a rule says no for
    /// certain (a locality the data cannot place is let through, as the ledger reports it).
    public func programMayPay(_ program: String, from source: String, in locality: String, localities: LocalityRegistry) -> Bool {
        !programRules(program, from: source).contains { $0.qualifies(locality, in: localities) == false }
    }
}
