import Foundation

extension Decimal {
    /// This value rounded to `decimals` decimals: `.plain` rounds half away from zero, `.down` toward
    /// zero, `.up` away from zero (`.down` and `.up` are floor and ceiling for the non-negative amounts
    /// the product rounds).
    public func rounded(_ decimals: Int = 0, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, decimals, mode)
        return result
    }

    /// The whole number this value holds (round it first); it must lie within `Int64`'s range, which
    /// callers ensure by validation (outside it the result is meaningless). `wholeInt64` checks.
    public var int64Value: Int64 { NSDecimalNumber(decimal: self).int64Value }

    /// The value as an `Int64` when it is a whole number within range; nil when it is not (a NaN, a
    /// fraction, or beyond ±9,2 × 10¹⁸).
    public var wholeInt64: Int64? {
        guard !isNaN, self == rounded(0, .down), self >= Decimal(Int64.min), self <= Decimal(Int64.max) else { return nil }
        return NSDecimalNumber(decimal: self).int64Value
    }
}
