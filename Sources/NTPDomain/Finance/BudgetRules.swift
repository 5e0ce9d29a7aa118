import Foundation

/// The rules a plan's money must follow. Each rule carries its basis: a legal reference, or
/// "assumption: …" with the reason, so that a finance officer can see why it applies and override it.
public struct BudgetRules: Hashable, Sendable, Codable {
    public var carryOver: [CarryOverRule]
    public var counterparts: [CounterpartRule]
    public var sourceEligibility: [SourceEligibility]
    public var programEligibility: [ProgramEligibility]

    public init(
        carryOver: [CarryOverRule] = [], counterparts: [CounterpartRule] = [], sourceEligibility: [SourceEligibility] = [],
        programEligibility: [ProgramEligibility] = []
    ) {
        self.carryOver = carryOver
        self.counterparts = counterparts
        self.sourceEligibility = sourceEligibility
        self.programEligibility = programEligibility
    }
}

/// Whether money of a source left unspent at the end of an envelope's years moves to the next envelope
/// of the same program and source, and how much of it at most.
public struct CarryOverRule: Hashable, Sendable, Codable {
    /// A source code, or "*" for every source without its own rule.
    public var source: String
    public var allowed: Bool
    /// At most this percentage of the envelope carries over; nil for no cap.
    public var capPercent: Decimal?
    public var basis: Provenance

    public init(source: String, allowed: Bool, capPercent: Decimal? = nil, basis: Provenance) {
        self.source = source
        self.allowed = allowed
        self.capPercent = capPercent
        self.basis = basis
    }
}

/// Local counterpart: local-budget money ≥ `ratio` × central-budget money, per program and year.
public struct CounterpartRule: Hashable, Sendable, Codable {
    public var program: String
    public var ratio: Decimal
    public var basis: Provenance

    public init(program: String, ratio: Decimal, basis: Provenance) {
        self.program = program
        self.ratio = ratio
        self.basis = basis
    }
}

/// Which criteria a source may pay for, and at most which share of a criterion's money it may be.
public struct SourceEligibility: Hashable, Sendable, Codable {
    /// A source code; the rule also covers the source's children in the source tree.
    public var source: String
    /// Criterion codes (main codes: "2", not "2.1"); nil for every criterion.
    public var criteria: Set<String>?
    /// At most this percentage of the money a commune's criterion receives; nil for no cap.
    public var shareCapPercent: Decimal?
    public var basis: Provenance

    /// Whether the source may pay for `criterion` (a sub-indicator code counts as its criterion).
    public func allows(criterion: String) -> Bool {
        criteria.map { $0.contains(criterion.split(separator: ".").first.map(String.init) ?? criterion) } ?? true
    }

    public init(source: String, criteria: Set<String>?, shareCapPercent: Decimal? = nil, basis: Provenance) {
        self.source = source
        self.criteria = criteria
        self.shareCapPercent = shareCapPercent
        self.basis = basis
    }
}

/// Where a program's money may go.
public struct ProgramEligibility: Hashable, Sendable, Codable {
    public enum Condition: Hashable, Sendable, Codable {
        /// Communes of the given ethnic-minority zones.
        case ethnicZone(Set<EthnicZone>)
        /// Especially difficult communes.
        case especiallyDifficult
        /// Only these localities (and what lies below them).
        case only(Set<String>)
        /// Anywhere but these localities (and what lies below them).
        case excluding(Set<String>)
    }

    public var program: String
    /// The sources the rule restricts (with their children); nil for all.
    public var sources: Set<String>?
    public var condition: Condition
    public var basis: Provenance

    public init(program: String, sources: Set<String>?, condition: Condition, basis: Provenance) {
        self.program = program
        self.sources = sources
        self.condition = condition
        self.basis = basis
    }
}
