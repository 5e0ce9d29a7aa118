import NTPDomain

// NTPDomain states a limit's problem as facts (`LimitProblem`); every layer that shows one shows
// these messages.

extension LimitUnit {
    /// What the value counts, after the bounds; nil when it counts nothing named.
    var message: Message? {
        switch self {
        case .none: nil
        case .years: "years"
        case .seconds: "seconds"
        case .percent: .verbatim("%")
        }
    }
}

extension LimitBounds {
    /// "between 0.001 and 86400 seconds".
    public var message: Message {
        if let unit = unit.message { "between \(lower) and \(upper) \(unit)" } else { "between \(lower) and \(upper)" }
    }
}

extension LimitProblem {
    /// "must be between 0.001 and 86400 seconds, not 1e+20".
    public var message: Message { "must be \(bounds.message), not \(value)" }
}

extension PhaseYearsProblem {
    /// "must lie within the phase 2021-2025", "the year 2030 is outside the phase 2021-2025".
    public var message: Message {
        switch self {
        case .horizonOutside(let phase): "must lie within \(phase.named)"
        case .yearOutside(let year, let phase): "the year \(year) is outside \(phase.named)"
        }
    }
}

extension Phase {
    /// "the phase 2021-2025", or "the phase ID (2026-2035)" when the id is not its years.
    var named: Message {
        let span = "\(years.lowerBound)-\(years.upperBound)"
        return id == span ? "the phase \(span)" : "the phase \(id) (\(span))"
    }
}
