import Foundation

/// A range that a value from outside (a scenario key, a data column, an option, a form field) must lie
/// in to mean something, with the reason for its bounds. docs/limits.md lists every limit.
public struct Limit<Value: Comparable & Sendable>: Sendable {
    public let range: ClosedRange<Value>
    /// What the value counts, shown after the bounds ("seconds").
    public let unit: LimitUnit
    /// Why the bounds are where they are, for docs/limits.md.
    public let reason: String

    public init(_ range: ClosedRange<Value>, unit: LimitUnit = .none, reason: String) {
        self.range = range
        self.unit = unit
        self.reason = reason
    }

    /// Whether `value` is in range (a NaN never is).
    public func admits(_ value: Value) -> Bool { range.contains(value) }

    /// What is wrong with `value` (the value, the bounds, their unit and reason), or nil when it is in
    /// range. `written` is the value as the user wrote it. The layer that shows it words it
    /// (`LimitProblem.message` in NTPText).
    public func problem(_ value: Value, written: String? = nil) -> LimitProblem? {
        admits(value) ? nil : LimitProblem(value: written ?? Self.text(value), bounds: bounds, reason: reason)
    }

    /// The bounds as a message states them ("between 0.001 and 86400 seconds").
    public var bounds: LimitBounds {
        LimitBounds(lower: Self.text(range.lowerBound), upper: Self.text(range.upperBound), unit: unit)
    }

    /// A bound as a person writes it: 86400, not 86400.0.
    static func text(_ value: Value) -> String {
        if let number = value as? Double, number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(value)"
    }
}

/// What a limited value counts.
public enum LimitUnit: String, Sendable, Hashable {
    case none, years, seconds, percent
}

/// The bounds of a limit as written in options and files (`0.001`, `86400`), with their unit.
public struct LimitBounds: Sendable, Hashable {
    public let lower: String
    public let upper: String
    public let unit: LimitUnit

    public init(lower: String, upper: String, unit: LimitUnit) {
        self.lower = lower
        self.upper = upper
        self.unit = unit
    }
}

/// A value outside its limit: the value as written, the bounds it must lie within and why they are
/// there.
public struct LimitProblem: Error, Sendable, Hashable {
    public let value: String
    public let bounds: LimitBounds
    public let reason: String

    public init(value: String, bounds: LimitBounds, reason: String) {
        self.value = value
        self.bounds = bounds
        self.reason = reason
    }
}

/// The ranges values from outside must lie in, and why. A value outside is refused naming the limit
/// (never clamped, never left out); checks live with the readers of each value (NTPData for files,
/// NTPPlanning for settings), and the command line states the same limits in its checks.
public enum Limits {
    /// Any year a file or an option gives.
    public static let year = Limit(
        2000...2100, reason: "the New Rural Development programs began in 2010; a century leaves room for every plan, and a typo such as 20222 is caught")
    /// The longest phase a catalog may declare, in years; a horizon lies within its scenario's phase.
    public static let phaseYears = Limit(
        1...15, unit: .years,
        reason: "phases run 5 years (2021-2025) or 10 (NQ 257/2025/QH15: 2026-2035); the model grows with every year planned")
    /// `--time-limit`, `solver.time_limit`.
    public static let timeLimitSeconds = Limit(
        0.001...86_400, unit: .seconds,
        reason: "a millisecond is the smallest wait GLPK measures; a day is far beyond the longest planning run measured (BENCHMARKS.md) and within GLPK's own limit (about 24 days)")
    /// `--gap`, `solver.gap`: relative gap at which the search stops.
    public static let gap = Limit(0.0...1.0, reason: "a relative gap: 0 proves the optimum, 1 (100 %) accepts any plan")
    /// `envelope_changes[].percent`.
    public static let percentChange = Limit<Decimal>(
        -100...1000, unit: .percent, reason: "-100 % takes all the money away; +1000 % makes it eleven times, beyond any scenario a department tests")
    /// `costs.scale` and calibration factors.
    public static let costScale = Limit<Decimal>(
        Decimal(string: "0.001")!...100, reason: "a factor on every norm: a calibration lands near 1; below 0,001 or above 100 the norms, not the factor, are wrong")
    /// A cost multiplier's `factor`.
    public static let costMultiplier = Limit<Decimal>(
        Decimal(string: "0.01")!...10, reason: "terrain or remoteness changes a cost by a few times at most")
    /// A counterpart rule's `ratio` (local money ≥ ratio × central money).
    public static let counterpartRatio = Limit<Decimal>(0...10, reason: "counterpart ratios are fractions of central money; ten times is beyond any rule")
    /// `baseline.coefficients`.
    public static let allocationCoefficient = Limit<Decimal>(
        Decimal(string: "0.001")!...1000, reason: "the 2026-2030 coefficients run from 1 to 50; the formula only uses their ratios")
    /// `--capacity`, `policy.capacity`: criteria a commune completes in a year at most.
    public static let capacity = Limit(1...100, reason: "a criteria set has at most a few dozen criteria (QĐ 51: 47 indicators)")
    /// `--min-progress`, `policy.minimum_progress`.
    public static let minimumProgress = Limit(1...100, reason: "as capacity: criteria a commune completes in a year")
    /// `--standard-bonus`, `policy.standard_bonus`: criteria-years per year at standard.
    public static let standardBonus = Limit(0...1000, reason: "a weight on criteria-years; beyond 1000 it swamps every other term and the solver's tolerances")
    /// `--priority` and `policy.priority` weights.
    public static let priorityWeight = Limit(1...1000, reason: "a weight on criteria-years, as the standard bonus")
    /// `ntp sweep --scale` points.
    public static let sweepScale = Limit<Decimal>(0...10, reason: "from no money to ten times the scenario's")
    /// Points a sweep solves at most.
    public static let sweepPoints = 1000
    /// The largest single amount a file may state: 10¹⁶ đồng (10 triệu tỷ), about ten times the
    /// money of the whole national program 2026-2030 (about 1,044 triệu tỷ), so that a wrong unit is
    /// caught and a thousand amounts still add up within `Money`'s range.
    public static let largestAmount = Money(dong: 10_000_000_000_000_000)
}
