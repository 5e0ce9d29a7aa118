import Foundation

/// Rounding for display that keeps every table's parts adding up exactly to its shown total.
///
/// Largest remainder (Hamilton's method): the total is rounded half up to the display step; each part
/// is rounded down; the steps still missing go one each to the parts with the largest remainders
/// (earlier parts first on ties). Every part moves by less than one step, and the shown parts add up
/// to the shown total.
public enum LargestRemainder {
    /// `parts` shown in `unit` with `decimals` decimals (at most the digits of the unit: 6 for triệu).
    /// Sums are taken in `Decimal`, exact for any parts, so that no amount makes it overflow.
    public static func round(_ parts: [Money], in unit: MoneyUnit, decimals: Int) -> (parts: [Decimal], total: Decimal) {
        let digits = max(0, min(decimals, unit.decimalDigits))
        var step: Int64 = unit.dongPerUnit
        for _ in 0..<digits { step /= 10 }
        let total = parts.reduce(Decimal(0)) { $0 + Decimal($1.dong) }
        let shownTotal = roundHalfUp(total / Decimal(step))
        let split = parts.map { floorDivide($0.dong, step) }
        let units = split.map(\.quotient)
        let missing = count(shownTotal - units.reduce(Decimal(0)) { $0 + Decimal($1) }, atMost: parts.count)
        let order = parts.indices.sorted { split[$0].remainder != split[$1].remainder ? split[$0].remainder > split[$1].remainder : $0 < $1 }
        var shown = units.map { Decimal($0) }
        for index in order.prefix(missing) { shown[index] += 1 }
        let scale = Decimal(sign: .plus, exponent: -digits, significand: 1)
        return (shown.map { $0 * scale }, shownTotal * scale)
    }

    /// Each amount's share of their sum in percent with `decimals` (0 to 6), adding up to exactly 100;
    /// all zero when the sum is zero.
    public static func percentages(_ amounts: [Money], decimals: Int) -> [Decimal] {
        let digits = max(0, min(decimals, 6))
        let scale = Decimal(sign: .plus, exponent: -digits, significand: 1)
        var steps: Int64 = 100
        for _ in 0..<digits { steps *= 10 }
        return divide(steps, weights: amounts.map { Decimal($0.dong) }).map { Decimal($0) * scale }
    }

    /// `total` whole units divided in proportion to `weights` (not negative), adding up to `total`
    /// exactly: each share rounded down, the units still missing one each to the largest remainders
    /// (earlier shares first on ties). All zero when the weights add up to zero.
    public static func divide(_ total: Int64, weights: [Decimal]) -> [Int64] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Decimal(total) * $0 / sum }
        var parts = exact.map { floor($0).wholeInt64 ?? 0 }
        let missing = count(Decimal(total) - parts.reduce(Decimal(0)) { $0 + Decimal($1) }, atMost: parts.count)
        let order = parts.indices.sorted {
            let left = exact[$0] - Decimal(parts[$0]), right = exact[$1] - Decimal(parts[$1])
            return left != right ? left > right : $0 < $1
        }
        for index in order.prefix(missing) { parts[index] += 1 }
        return parts
    }

    /// `value` divided by `step` (positive), rounded toward minus infinity, with the remainder (0 ≤ r <
    /// step); no intermediate product, so no overflow.
    private static func floorDivide(_ value: Int64, _ step: Int64) -> (quotient: Int64, remainder: Int64) {
        var (quotient, remainder) = value.quotientAndRemainder(dividingBy: step)
        if remainder < 0 {
            quotient -= 1
            remainder += step
        }
        return (quotient, remainder)
    }

    private static func floor(_ value: Decimal) -> Decimal {
        let truncated = value.rounded(0, .down)
        return truncated > value ? truncated - 1 : truncated
    }

    private static func roundHalfUp(_ value: Decimal) -> Decimal {
        let lower = floor(value)
        return (value - lower) * 2 >= 1 ? lower + 1 : lower
    }

    /// A count of missing units: a small whole number by construction, kept within 0…`limit`.
    private static func count(_ value: Decimal, atMost limit: Int) -> Int {
        max(0, min(limit, Int(value.wholeInt64 ?? 0)))
    }
}

extension MoneyUnit {
    /// The decimal digits of đồng in one unit: 6 for triệu.
    var decimalDigits: Int {
        var digits = 0, value = dongPerUnit
        while value >= 10 {
            value /= 10
            digits += 1
        }
        return digits
    }
}

extension Money {
    /// The amount in `unit`, rounded half up to `decimals`, in Vietnamese (`1.234,5`) or plain (`1234.5`)
    /// notation.
    public func formatted(in unit: MoneyUnit, decimals: Int, notation: NumberNotation = .vietnamese) -> String {
        notation == .plain
            ? Numbers.format(amount(in: unit), decimals: decimals, grouping: "", decimalMark: ".")
            : Numbers.format(amount(in: unit), decimals: decimals)
    }

    /// Reads an amount written in `unit` and `notation`.
    public init(parsing text: String, unit: MoneyUnit, notation: NumberNotation = .either) throws {
        self = try Money(Numbers.parse(text, notation), unit)
    }
}
