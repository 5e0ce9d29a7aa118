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

    /// The whole number this value holds (round it first).
    public var int64Value: Int64 { NSDecimalNumber(decimal: self).int64Value }
}
