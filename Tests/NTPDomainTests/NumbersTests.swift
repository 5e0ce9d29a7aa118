import Foundation
import NTPDomain
import PropertyBased
import Testing

@Suite struct NumbersTests {
    @Test(arguments: [
        ("461.506", Decimal(461506)), ("484,0", Decimal(484)), ("1.234.567,89", Decimal(string: "1234567.89")!),
        ("26,86", Decimal(string: "26.86")!), ("4.760", Decimal(4760)), ("0", Decimal(0)), ("70285", Decimal(70285)),
    ])
    func vietnameseNotation(text: String, value: Decimal) throws {
        #expect(try Numbers.parse(text, .vietnamese) == value)
    }

    @Test(arguments: [("461506", Decimal(461506)), ("484.0", Decimal(484)), ("13.4", Decimal(string: "13.4")!), ("0.506", Decimal(string: "0.506")!)])
    func plainNotation(text: String, value: Decimal) throws {
        #expect(try Numbers.parse(text, .plain) == value)
    }

    @Test func eitherNotationTakesWhatIsUnambiguous() throws {
        #expect(try Numbers.parse("461506", .either) == 461506)
        #expect(try Numbers.parse("484,0", .either) == 484)  // only Vietnamese reads a comma
        #expect(try Numbers.parse("484.0", .either) == 484)  // only plain reads a one-digit group
        #expect(try Numbers.parse("1.234,5", .either) == Decimal(string: "1234.5")!)
        #expect(try Numbers.parse("0.506", .either) == Decimal(string: "0.506")!)  // no grouping starts with 0
    }

    @Test func eitherNotationRejectsAmbiguousNumbers() {
        #expect(throws: NumberError.ambiguous("461.506", vietnamese: 461506, plain: Decimal(string: "461.506")!)) {
            try Numbers.parse("461.506", .either)
        }
    }

    @Test(arguments: ["", "abc", "1.23.4", "12,3,4", ".5", "5.", "1 000", "0.123.456", "12a"])
    func malformedNumbers(text: String) {
        #expect(throws: NumberError.self) { try Numbers.parse(text, .vietnamese) }
        #expect(throws: NumberError.self) { try Numbers.parse(text, .either) }
    }

    @Test func aDotGroupOfOtherThanThreeDigitsIsNotVietnamese() throws {
        #expect(throws: NumberError.self) { try Numbers.parse("1.2345", .vietnamese) }
        #expect(try Numbers.parse("1.2345", .either) == Decimal(string: "1.2345")!)
    }

    @Test func negativeAmountsAreRejected() {
        #expect(throws: NumberError.negative("-5")) { try Numbers.parse("-5", .either) }
    }

    @Test(arguments: [("11,4", 1), ("14,16", 2), ("67,3%", 1), ("37 xã", 0), ("4.760", 0), ("11.4", 1), ("≥15 tiêu chí/xã", 0)])
    func decimalsAsWritten(text: String, decimals: Int) {
        #expect(Numbers.decimals(asWritten: text) == decimals)
    }

    @Test func groupedIntegersReadTheSameInBothWritings() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...999_999_999)) { value throws in
            let plain = String(value)
            var grouped = ""
            for (index, digit) in plain.reversed().enumerated() {
                if index > 0 && index % 3 == 0 { grouped.append(".") }
                grouped.append(digit)
            }
            grouped = String(grouped.reversed())
            #expect(try Numbers.parse(grouped, .vietnamese) == Decimal(value))
            #expect(try Numbers.parse(plain, .either) == Decimal(value))
        }
    }
}

@Suite struct MoneyTests {
    @Test func amountsInUnitsAreExactDong() throws {
        #expect(try Money(Decimal(string: "484.0")!, .trieu).dong == 484_000_000)
        #expect(try Money(4760, .ty).dong == 4_760_000_000_000)
        #expect(try Money(Decimal(string: "26.86")!, .trieu).amount(in: .trieu) == Decimal(string: "26.86")!)
    }

    @Test func fractionsOfADongAreRejected() {
        #expect(throws: MoneyError.self) { try Money(Decimal(string: "0.0000001")!, .trieu) }
    }

    @Test func overflowIsReportedNotWrapped() {
        let large = Money(dong: Int64.max - 1)
        #expect(throws: MoneyError.overflow) { try [large, Money(dong: 2)].total() }
    }
}

@Suite struct NameTests {
    @Test func composedAndDecomposedSpellingsAreTheSameName() {
        let composed = "Quảng Hòa".precomposedStringWithCanonicalMapping
        let decomposed = "Quảng Hòa".decomposedStringWithCanonicalMapping
        #expect(composed.unicodeScalars.count != decomposed.unicodeScalars.count)
        #expect(NameKey(composed) == NameKey(decomposed))
        #expect(NameKey("  quảng   hòa ") == NameKey("Quảng Hòa"))
        #expect(NameKey("Quảng Hưng") != NameKey("Quảng Hòa"))
    }
}

@Suite struct NumberFormatTests {
    @Test(arguments: [
        (Decimal(4770), 0, "4.770"), (Decimal(string: "14.368421")!, 2, "14,37"), (Decimal(461506), 0, "461.506"),
        (Decimal(string: "0.5")!, 1, "0,5"), (Decimal(string: "1234567.891")!, 2, "1.234.567,89"), (Decimal(17), 1, "17,0"),
        (Decimal(string: "17.75")!, 1, "17,8"),
    ])
    func vietnameseFormatting(value: Decimal, decimals: Int, text: String) throws {
        #expect(Numbers.format(value, decimals: decimals) == text)
        // What is written reads back as the rounded value.
        #expect(try Numbers.parse(text, .vietnamese) == Decimal(string: text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "."))!)
    }

    @Test func englishFormatting() {
        #expect(Numbers.format(Decimal(string: "1234.5")!, decimals: 1, grouping: ",", decimalMark: ".") == "1,234.5")
    }
}
