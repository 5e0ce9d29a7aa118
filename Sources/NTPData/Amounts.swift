import Foundation
import NTPDomain
import NTPText

/// An amount a file states, read in its unit and checked against `Limits.largestAmount`, so that a
/// wrong unit (tỷ for đồng) is caught and a thousand such amounts still add up within `Money`.
func inputMoney(_ text: String, unit: MoneyUnit) throws -> Money {
    let money = try Money(parsing: text, unit: unit)
    guard money.dong.magnitude <= Limits.largestAmount.dong.magnitude else { throw AmountBeyondLimit(text: text, unit: unit) }
    return money
}

/// An amount beyond `Limits.largestAmount`.
struct AmountBeyondLimit: Error, CustomStringConvertible {
    let text: String
    let unit: MoneyUnit

    var message: Message {
        "\(quoted(text)) \(unit.nameVi) is beyond the largest amount a file may state "
            + "(\(Limits.largestAmount.formatted(in: .ty, decimals: 0)) tỷ đồng, docs/limits.md); check the unit"
    }

    var description: String { message.text(.en) }
}

/// A number a file writes in plain notation (`-20`, `1.05`), within `limit`; nil with the message of
/// what is wrong. Foundation's lenient reading (`12abc` as 12, `.nan` as 0) is not used.
func limitedDecimal(_ text: String, _ limit: Limit<Decimal>) -> Result<Decimal, RefusedValue> {
    guard let value = Numbers.signedDecimal(text) else {
        return .failure(RefusedValue("\(quoted(text)) is not a number written in digits (such as 1.05 or -20); it must be \(limit.bounds.message)"))
    }
    if let problem = limit.problem(value, written: quoted(text)) { return .failure(RefusedValue(problem.message)) }
    return .success(value)
}

/// A whole number a file writes, within `limit`.
func limitedInt(_ text: String, _ limit: Limit<Int>) -> Result<Int, RefusedValue> {
    guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
        return .failure(RefusedValue("\(quoted(text)) must be a whole number \(limit.bounds.message)"))
    }
    if let problem = limit.problem(value, written: quoted(text)) { return .failure(RefusedValue(problem.message)) }
    return .success(value)
}

/// A number (`60`, `0.005`) within `limit`; NaN and infinity are refused by the range.
func limitedDouble(_ text: String, _ limit: Limit<Double>) -> Result<Double, RefusedValue> {
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
        return .failure(RefusedValue("\(quoted(text)) must be a number \(limit.bounds.message)"))
    }
    if let problem = limit.problem(value, written: quoted(text)) { return .failure(RefusedValue(problem.message)) }
    return .success(value)
}

/// Why a value a file writes is refused: not a number, or "must be between … and …, not …".
struct RefusedValue: Error, CustomStringConvertible {
    let message: Message
    init(_ message: Message) { self.message = message }
    var description: String { message.description }
}
