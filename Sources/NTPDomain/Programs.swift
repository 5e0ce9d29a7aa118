/// A programme phase: its years and the National Target Programs that run in it. Programs are data:
/// 2021-2025 has three, 2026-2035 one merged program.
public struct Phase: Hashable, Sendable, Codable {
    public var id: String
    public var years: ClosedRange<Int>
    public var programCodes: [String]
    public var provenance: Provenance

    public init(id: String, years: ClosedRange<Int>, programCodes: [String], provenance: Provenance) {
        self.id = id
        self.years = years
        self.programCodes = programCodes
        self.provenance = provenance
    }

    /// Why `horizon` cannot be planned in this phase (it must lie within the phase's years, which
    /// also bounds its length: docs/limits.md), or nil.
    public func horizonProblem(_ horizon: ClosedRange<Int>) -> PhaseYearsProblem? {
        years.contains(horizon.lowerBound) && years.contains(horizon.upperBound) ? nil : .horizonOutside(self)
    }

    /// Why a target year cannot be asked for in this phase, or nil.
    public func targetYearProblem(_ year: Int) -> PhaseYearsProblem? {
        years.contains(year) ? nil : .yearOutside(year, self)
    }
}

/// Years that do not lie within their phase; the layer that shows it words it (NTPText).
public enum PhaseYearsProblem: Error, Sendable, Hashable {
    /// A horizon must lie within the phase.
    case horizonOutside(Phase)
    /// A target year is outside the phase.
    case yearOutside(Int, Phase)
}

/// A National Target Program (chương trình mục tiêu quốc gia).
public struct Program: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    public var nameEn: String
    public var phaseID: String
    public var decision: LegalReference
    /// Programs of an earlier phase this one continues (the merged 2026-2035 program replaces three).
    public var continues: [String]
    public var provenance: Provenance

    public init(
        code: String, nameVi: String, nameEn: String, phaseID: String, decision: LegalReference, continues: [String],
        provenance: Provenance
    ) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.phaseID = phaseID
        self.decision = decision
        self.continues = continues
        self.provenance = provenance
    }
}

/// Where money comes from (nguồn vốn). Sources form a tree: `central` splits into development
/// investment and recurrent, `local` into province, district and commune budgets; both belong to
/// the state budget.
public struct CapitalSource: Hashable, Sendable, Codable {
    public enum Origin: String, Sendable, CaseIterable, Codable {
        /// Central and local budget together, where a plan does not split them.
        case stateBudget = "state_budget"
        case centralBudget = "central_budget"
        case localBudget = "local_budget"
        case integrated
        case credit
        case enterprise
        case community
        case other
    }

    /// What the money may be spent on.
    public enum Spending: String, Sendable, CaseIterable, Codable {
        /// Construction (vốn đầu tư phát triển).
        case investment
        /// Support, training, models, planning (vốn sự nghiệp).
        case recurrent
        case any
    }

    public var code: String
    public var nameVi: String
    public var nameEn: String
    public var parent: String?
    public var origin: Origin
    /// The level of government whose budget it is, for budget money.
    public var level: GovernmentLevel?
    public var spending: Spending
    public var provenance: Provenance

    public init(
        code: String, nameVi: String, nameEn: String, parent: String?, origin: Origin, level: GovernmentLevel?,
        spending: Spending, provenance: Provenance
    ) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.parent = parent
        self.origin = origin
        self.level = level
        self.spending = spending
        self.provenance = provenance
    }
}

public enum GovernmentLevel: String, Sendable, CaseIterable, Codable {
    case central, province, district, commune
}
