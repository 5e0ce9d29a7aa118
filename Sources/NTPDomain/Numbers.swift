import Foundation

/// How a number is written. Vietnamese documents group thousands with `.` and mark decimals with `,`
/// (`461.506` is 461506, `484,0` is 484.0); plain files use digits and `.` as the decimal mark.
public enum NumberNotation: String, Sendable {
    case vietnamese
    case plain
    /// Either notation, as long as the two readings agree: `461.506` (461506 or 461.506) is ambiguous.
    case either
}

/// Why a text is not a number, as facts: NTPText words it (`NumberError.message`).
public enum NumberError: Error, Equatable, Sendable {
    case malformed(String, NumberNotation)
    case ambiguous(String, vietnamese: Decimal, plain: Decimal)
    case negative(String)
}

public enum Numbers {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses a non-negative number written in `notation`.
    public static func parse(_ text: String, _ notation: NumberNotation) throws(NumberError) -> Decimal {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("-") { throw .negative(text) }
        switch notation {
        case .vietnamese:
            guard let value = vietnamese(trimmed) else { throw .malformed(text, notation) }
            return value
        case .plain:
            guard let value = plain(trimmed) else { throw .malformed(text, notation) }
            return value
        case .either:
            switch (vietnamese(trimmed), plain(trimmed)) {
            case (let v?, let p?) where v != p: throw .ambiguous(text, vietnamese: v, plain: p)
            case (let v?, _): return v
            case (nil, let p?): return p
            case (nil, nil): throw .malformed(text, notation)
            }
        }
    }

    /// `1.234.567,89`: either plain digits, or 1-3 digits (no leading zero) then groups of exactly three;
    /// then optionally `,` and decimals.
    static func vietnamese(_ text: String) -> Decimal? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let groups = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups[0].first != "0", groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return nil
            }
        }
        var number = groups.joined()
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
            number += "." + parts[1]
        }
        return Decimal(string: number, locale: posix)
    }

    /// `1234567.89`.
    static func plain(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let integer = parts.first, !integer.isEmpty, integer.allSatisfy(\.isASCIIDigit) else { return nil }
        if parts.count == 2 { guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil } }
        return Decimal(string: text, locale: posix)
    }

    /// A signed number in plain notation, as a file writes a factor, a ratio or a percentage: `-20`,
    /// `1.05`, `+3`; nil for anything else. Foundation's `Decimal(string:)` reads a prefix (`12abc` is
    /// 12, `.nan` is 0) and this does not.
    public static func signedDecimal(_ text: String) -> Decimal? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard let value = plain(String(body)) else { return nil }
        return negative ? -value : value
    }

    /// Number of decimals as written (`11,4` → 1, `67,3%` → 1, `37` → 0) in either notation.
    public static func decimals(asWritten text: String) -> Int {
        let digits = text.filter { $0.isASCIIDigit || $0 == "," || $0 == "." }
        if let comma = digits.lastIndex(of: ",") { return digits.distance(from: comma, to: digits.endIndex) - 1 }
        // A dot followed by exactly three digits is a thousands group in Vietnamese text.
        if let dot = digits.lastIndex(of: ".") {
            let after = digits.distance(from: dot, to: digits.endIndex) - 1
            return after == 3 ? 0 : after
        }
        return 0
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Numbers {
    /// `value` rounded half away from zero to `decimals`, written with `grouping` between thousands and
    /// `decimalMark` before the decimals: `format(4770, 0)` is "4.770", `format(14.3684, 2)` "14,37".
    public static func format(_ value: Decimal, decimals: Int, grouping: String = ".", decimalMark: String = ",") -> String {
        let rounded = value.rounded(decimals)
        let negative = rounded < 0
        let plain = "\(negative ? -rounded : rounded)"
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction += String(repeating: "0", count: max(0, decimals - fraction.count))
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        let text = groups.joined(separator: grouping) + (decimals > 0 ? decimalMark + fraction : "")
        return negative ? "-" + text : text
    }
}
