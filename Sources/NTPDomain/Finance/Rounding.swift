import Foundation

/// Rounding for display that keeps every table's parts adding up exactly to its shown total.
///
/// Largest remainder (Hamilton's method): the total is rounded half up to the display step; each part
/// is rounded down; the steps still missing go one each to the parts with the largest remainders
/// (earlier parts first on ties). Every part moves by less than one step, and the shown parts add up
/// to the shown total.
public enum LargestRemainder {
    /// `parts` shown in `unit` with `decimals` decimals (at most the digits of the unit: 6 for triệu).
    public static func round(_ parts: [Money], in unit: MoneyUnit, decimals: Int) -> (parts: [Decimal], total: Decimal) {
        let digits = max(0, min(decimals, Int(log10(Double(unit.dongPerUnit)))))
        var step: Int64 = unit.dongPerUnit
        for _ in 0..<digits { step /= 10 }
        let total = parts.reduce(0) { $0 + $1.dong }
        let shownTotal = roundHalfUp(total, step)
        var units = parts.map { floorDivide($0.dong, step) }
        let remainders = parts.map { $0.dong - floorDivide($0.dong, step) * step }
        let missing = Int(shownTotal - units.reduce(0, +))
        let order = parts.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(max(0, missing)) { units[index] += 1 }
        let scale = Decimal(sign: .plus, exponent: -digits, significand: 1)
        return (units.map { Decimal($0) * scale }, Decimal(shownTotal) * scale)
    }

    /// Each amount's share of their sum in percent with `decimals`, adding up to exactly 100; all zero
    /// when the sum is zero.
    public static func percentages(_ amounts: [Money], decimals: Int) -> [Decimal] {
        let scale = Decimal(sign: .plus, exponent: -decimals, significand: 1)
        let steps = Int64(100) * Int64(pow(10, Double(decimals)))
        return divide(steps, weights: amounts.map { Decimal($0.dong) }).map { Decimal($0) * scale }
    }

    /// `total` whole units divided in proportion to `weights` (not negative), adding up to `total`
    /// exactly: each share rounded down, the units still missing one each to the largest remainders
    /// (earlier shares first on ties). All zero when the weights add up to zero.
    public static func divide(_ total: Int64, weights: [Decimal]) -> [Int64] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Decimal(total) * $0 / sum }
        var parts = exact.map { $0.rounded(0, .down).int64Value }
        let missing = Int(total - parts.reduce(0, +))
        let order = parts.indices.sorted {
            let left = exact[$0] - Decimal(parts[$0]), right = exact[$1] - Decimal(parts[$1])
            return left != right ? left > right : $0 < $1
        }
        for index in order.prefix(max(0, missing)) { parts[index] += 1 }
        return parts
    }

    private static func floorDivide(_ value: Int64, _ step: Int64) -> Int64 {
        let quotient = value / step
        return value % step < 0 ? quotient - 1 : quotient
    }

    private static func roundHalfUp(_ value: Int64, _ step: Int64) -> Int64 {
        let lower = floorDivide(value, step)
        let remainder = value - lower * step
        return remainder * 2 >= step ? lower + 1 : lower
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
