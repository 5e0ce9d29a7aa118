import Foundation

/// An exact amount of money in whole đồng. Plans state money in million (triệu) or billion (tỷ) VND;
/// every such figure is a whole number of đồng, so an integer holds it exactly, and arithmetic that
/// would overflow is reported instead of wrapping.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let dong: Int64

    public init(dong: Int64) {
        self.dong = dong
    }

    public static let zero = Money(dong: 0)

    /// `amount` in `unit`, which must come to a whole number of đồng within range.
    public init(_ amount: Decimal, _ unit: MoneyUnit) throws(MoneyError) {
        let dong = amount * Decimal(unit.dongPerUnit)
        let rounded = dong.rounded()
        guard rounded == dong else { throw .fractionOfDong(amount: amount, unit: unit) }
        guard let dong = rounded.wholeInt64 else { throw .outOfRange(amount: amount, unit: unit) }
        self.dong = dong
    }

    /// The amount expressed in `unit`, exactly.
    public func amount(in unit: MoneyUnit) -> Decimal {
        Decimal(dong) / Decimal(unit.dongPerUnit)
    }

    public func adding(_ other: Money) throws(MoneyError) -> Money {
        let (sum, overflow) = dong.addingReportingOverflow(other.dong)
        if overflow { throw .overflow }
        return Money(dong: sum)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        let (difference, overflow) = dong.subtractingReportingOverflow(other.dong)
        if overflow { throw .overflow }
        return Money(dong: difference)
    }

    /// `self × factor`, rounded half up to the đồng; throws when the product is beyond `Money`'s range.
    public func times(_ factor: Decimal) throws(MoneyError) -> Money {
        guard let product = (Decimal(dong) * factor).rounded().wholeInt64 else { throw .overflow }
        return Money(dong: product)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.dong < rhs.dong }

    public var description: String { "\(dong) đ" }
}

extension Sequence where Element == Money {
    /// The exact total; throws rather than wrapping around.
    public func total() throws(MoneyError) -> Money {
        var sum = Money.zero
        for money in self { sum = try sum.adding(money) }
        return sum
    }
}

/// The units plans state money in.
public enum MoneyUnit: String, Sendable, CaseIterable {
    case dong
    case nghin
    case trieu
    case ty

    public var dongPerUnit: Int64 {
        switch self {
        case .dong: 1
        case .nghin: 1_000
        case .trieu: 1_000_000
        case .ty: 1_000_000_000
        }
    }

    /// "triệu đồng", "tỷ đồng", …
    public var nameVi: String {
        switch self {
        case .dong: "đồng"
        case .nghin: "nghìn đồng"
        case .trieu: "triệu đồng"
        case .ty: "tỷ đồng"
        }
    }

    public var nameEn: String {
        switch self {
        case .dong: "VND"
        case .nghin: "thousand VND"
        case .trieu: "million VND"
        case .ty: "billion VND"
        }
    }
}

/// Why an amount cannot be money, as facts: NTPText words it (`MoneyError.message`).
public enum MoneyError: Error, Equatable, Sendable {
    case fractionOfDong(amount: Decimal, unit: MoneyUnit)
    case outOfRange(amount: Decimal, unit: MoneyUnit)
    case overflow
}

/// Written as its whole number of đồng.
extension Money: Codable {
    public init(from decoder: Decoder) throws {
        dong = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dong)
    }
}
