import GLPKSwift
import NTPDomain
import NTPPlanning
import NTPText

extension Language {
    /// What made a plan, in words.
    public func name(of method: PlanMethod) -> String {
        switch method {
        case .optimizer: self("optimizer (ntp plan)")
        case .official: self("baseline: official schedule")
        case .formula: self("baseline: allocation formula")
        case .greedy: self("baseline: cheapest first")
        }
    }
}

extension Language {
    /// A kind of money, as a finance officer calls it.
    public func name(of kind: MoneyKind) -> String {
        switch kind {
        case .construction: self("construction (development investment)")
        case .recurrent: self("recurrent money")
        case .credit: self("credit")
        case .communityEnterprise: self("community and enterprise money")
        }
    }

    /// A budget level, as the budget law names it.
    public func name(of level: GovernmentLevel) -> String {
        switch level {
        case .central: self("central")
        case .province: self("province")
        case .district: self("district")
        case .commune: self("commune")
        }
    }

    /// A budget level stored by its code (`central`) in a plan's report, in words; another text as it is.
    func levelName(_ code: String) -> String { GovernmentLevel(rawValue: code).map { name(of: $0) } ?? code }

    /// Why a search stopped, stored by its code (`gapLimit`) in a plan file, in words; another text as it is.
    public func termination(_ code: String) -> String { TerminationReason(rawValue: code).map { name(of: $0) } ?? code }

    /// Why a search stopped, in words.
    public func name(of termination: TerminationReason) -> String {
        switch termination {
        case .optimal: self("optimal")
        case .infeasible: self("infeasible")
        case .unbounded: self("unbounded")
        case .infeasibleOrUnbounded: self("infeasible or unbounded")
        case .gapLimit: self("stopped with the gap proven (the one asked for, or the decomposition's end)")
        case .timeLimit: self("time limit reached")
        case .iterationLimit: self("iteration limit reached")
        }
    }
}
