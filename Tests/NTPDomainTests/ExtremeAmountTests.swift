import Foundation
import NTPDomain
import PropertyBased
import Testing

/// No amount can make the money arithmetic trap: sums, rounding, the ledger and the cost model either
/// give the exact answer (recomputed here in `Decimal`, which holds any sum of `Int64`s exactly) or say
/// that the amounts are beyond what they count. Amounts are drawn small, large, near ±2⁶³ and around
/// the limits.
@Suite struct ExtremeAmountTests {
    typealias W = LedgerWorld

    /// Amounts of every size, negative ones included.
    static let anyAmount = Gen.oneOf(
        Gen.int64(in: -1_000_000...1_000_000), Gen.int64(), Gen.int64(in: (Int64.max - 1_000_000)...Int64.max),
        Gen.int64(in: Int64.min...(Int64.min + 1_000_000)), Gen.int64(in: 0...Ledger.largestTotal.dong))

    /// Amounts that are never negative, as the loaders admit.
    static let nonNegativeAmount = Gen.oneOf(
        Gen.int64(in: 0...1_000_000), Gen.int64(in: 0...Int64.max), Gen.int64(in: (Int64.max - 1_000_000)...Int64.max),
        Gen.int64(in: 0...Limits.largestAmount.dong))

    static func decimals(_ texts: [String]) -> [Decimal] { texts.compactMap { Decimal(string: $0) } }

    static func exact(_ amounts: [Money]) -> Decimal { amounts.reduce(Decimal(0)) { $0 + Decimal($1.dong) } }

    @Test func moneyArithmeticThrowsExactlyWhenTheResultIsBeyondRange() async {
        await propertyCheck(count: 500, input: Self.anyAmount, Self.anyAmount) { a, b in
            let sum = Decimal(a) + Decimal(b), difference = Decimal(a) - Decimal(b)
            let inRange = { (value: Decimal) in value >= Decimal(Int64.min) && value <= Decimal(Int64.max) }
            #expect((try? Money(dong: a).adding(Money(dong: b)))?.dong.description == (inRange(sum) ? "\(sum)" : nil))
            #expect((try? Money(dong: a).subtracting(Money(dong: b)))?.dong.description == (inRange(difference) ? "\(difference)" : nil))
            #expect((try? [Money(dong: a), Money(dong: b)].total())?.dong.description == (inRange(sum) ? "\(sum)" : nil))
        }
    }

    @Test func timesRoundsHalfUpOrThrowsBeyondRange() async {
        let factors = Self.decimals(["0.001", "0.5", "1.2", "2", "100", "1000000000", "-3"])
        await propertyCheck(count: 500, input: Self.anyAmount, Gen.int(in: 0...(factors.count - 1))) { (dong: Int64, index: Int) in
            let factor = factors[index]
            let product = (Decimal(dong) * factor).rounded()
            let fits = product >= Decimal(Int64.min) && product <= Decimal(Int64.max)
            #expect((try? Money(dong: dong).times(factor))?.dong.description == (fits ? "\(product)" : nil))
        }
    }

    @Test func largestRemainderKeepsEveryTotalForAnyAmounts() async {
        await propertyCheck(count: 400, input: Self.anyAmount.array(of: 1...12), Gen.int(in: 0...3), Gen.int(in: 0...7)) { values, unitIndex, decimals in
            let unit = MoneyUnit.allCases[unitIndex]
            let parts = values.map { Money(dong: $0) }
            let shown = LargestRemainder.round(parts, in: unit, decimals: decimals)
            #expect(shown.parts.reduce(0, +) == shown.total)
            let digits = min(decimals, [0, 3, 6, 9][unitIndex])
            let step = Decimal(sign: .plus, exponent: -digits, significand: 1)
            #expect(abs(shown.total - Self.exact(parts) / Decimal(unit.dongPerUnit)) <= step / 2)
            for (part, value) in zip(parts, shown.parts) { #expect(abs(value - Decimal(part.dong) / Decimal(unit.dongPerUnit)) < step) }
        }
    }

    @Test func divisionAddsUpForAnyTotalAndWeights() async {
        await propertyCheck(count: 400, input: Self.nonNegativeAmount, Self.nonNegativeAmount.array(of: 1...8)) { total, weights in
            let parts = LargestRemainder.divide(total, weights: weights.map { Decimal($0) })
            let sum = weights.reduce(Decimal(0)) { $0 + Decimal($1) }
            #expect(parts.reduce(Decimal(0)) { $0 + Decimal($1) } == (sum > 0 ? Decimal(total) : 0))
            if sum > 0 {
                for (part, weight) in zip(parts, weights) { #expect(abs(Decimal(part) - Decimal(total) * Decimal(weight) / sum) < 1 + Decimal(string: "1e-9")!) }
            }
        }
    }

    @Test func percentagesAddUpToAHundredForAnyAmounts() async {
        await propertyCheck(count: 300, input: Self.nonNegativeAmount.array(of: 1...10), Gen.int(in: -2...9)) { values, decimals in
            let percents = LargestRemainder.percentages(values.map { Money(dong: $0) }, decimals: decimals)
            #expect(percents.reduce(0, +) == (values.allSatisfy { $0 == 0 } ? 0 : 100))
        }
    }

    static let programs = ["NTM", "DTTS"]
    static let sourceCodes = ["central", "central_investment", "local", "credit"]
    static let places = ["p/d/a", "p/d/b"]

    /// The ledger of any amounts: it counts them exactly, or, when they add up beyond `largestTotal`,
    /// holds nothing but the one violation that says so, with the exact total.
    @Test func theLedgerCountsExactlyOrSaysItCannot() async {
        let envelopes = zip(Gen.int(in: 0...1), Gen.int(in: 0...3), Gen.int(in: 2022...2024), Self.anyAmount).array(of: 0...5)
        let lines = zip(Gen.int(in: 0...1), Gen.int(in: 0...1), Gen.int(in: 0...3), Gen.int(in: 2022...2024), Self.anyAmount).array(of: 0...8)
        await propertyCheck(count: 400, input: envelopes, lines) { envelopeSpecs, lineSpecs in
            var seen: Set<String> = []
            let envelopes = envelopeSpecs.compactMap { program, source, year, dong -> BudgetEnvelope? in
                guard seen.insert("\(program)\(source)\(year)").inserted else { return nil }
                return BudgetEnvelope(program: Self.programs[program], source: Self.sourceCodes[source], years: year...year, amount: Money(dong: dong), provenance: Provenance("random"))
            }
            let lines = lineSpecs.map { place, program, source, year, dong in
                AllocationLine(locality: Self.places[place], criterion: "2", program: Self.programs[program], source: Self.sourceCodes[source], year: year, amount: Money(dong: dong))
            }
            let rules = BudgetRules(
                carryOver: [CarryOverRule(source: "*", allowed: true, capPercent: 50, basis: Provenance("random"))],
                counterparts: [CounterpartRule(program: "NTM", ratio: 10, basis: Provenance("random"))],
                sourceEligibility: [SourceEligibility(source: "central", criteria: nil, shareCapPercent: 70, basis: Provenance("random"))])
            let ledger = W.ledger(envelopes, lines, rules)
            let magnitude = (envelopes.map(\.amount) + lines.map(\.amount)).reduce(Decimal(0)) { $0 + abs(Decimal($1.dong)) }
            if magnitude > Decimal(Ledger.largestTotal.dong) {
                #expect(ledger.violations == [.amountsBeyondRange(total: magnitude)])
                #expect(ledger.rows.isEmpty && ledger.uses.isEmpty && ledger.totalUses == .zero)
                #expect(throws: MoneyError.overflow) { try Ledger.checkRange(envelopes: envelopes, lines: lines) }
            } else {
                #expect(Decimal(ledger.totalUses.dong) == Self.exact(lines.map(\.amount)))
                #expect(Decimal(ledger.totalSources.dong) == Self.exact(envelopes.map(\.amount)))
                for row in ledger.rows {
                    #expect(Decimal(row.balance.dong) == Decimal(row.envelope.dong) + Decimal(row.carriedIn.dong) - Decimal(row.used.dong))
                }
                #expect(!ledger.violations.contains { if case .amountsBeyondRange = $0 { true } else { false } })
            }
        }
    }

    /// Factors, as a crafted scenario could give them, on norms of any size: the cost is the product of
    /// the norm's parts and the factors (each step rounded to the đồng), or, beyond range, refused; the
    /// unchecked `cost` is nil exactly then.
    @Test func theCostModelComputesOrRefusesForAnyFactors() async {
        let factors = Self.decimals(["0.001", "1", "1.2", "10", "100", "1000000000", "1000000000000"])
        let pick = Gen.int(in: 0...(factors.count - 1))
        await propertyCheck(count: 400, input: Self.nonNegativeAmount, pick, pick, Gen.bool()) { (dong: Int64, first: Int, second: Int, applies: Bool) in
            let scale = factors[first], factor = factors[second]
            let norm = CostNorm(
                criterion: "2", low: Money(dong: dong), base: Money(dong: dong), high: Money(dong: dong),
                split: [.construction: 70, .recurrent: 30], buildYears: 1, basis: ["random"])
            let multiplier = CostMultiplier(id: "m", attribute: "a", comparison: .equal, value: "y", factor: factor, constructionOnly: true, basis: "random")
            let model = CostModel(norms: [norm], multipliers: [multiplier], scale: ["*": scale])
            let attribute: (String) -> String? = { _ in applies ? "y" : "n" }
            let construction = Decimal(dong) * 70 / 100 * scale * (applies ? factor : 1)
            let exact = construction + Decimal(dong) * 30 / 100 * scale
            do {
                let cost = try #require(try model.checkedCost(of: "2", group: nil, in: "x", attribute: attribute))
                // The split to the đồng moves each part by less than a đồng, and each step rounds it by at
                // most half a đồng; the later factors multiply what the earlier steps moved.
                let applied = applies ? factor : 1
                #expect(abs(Decimal(cost.amount.dong) - exact) <= (scale + 1) * (applied + 1) + 2)
                #expect(cost.byKind.values.reduce(Decimal(0)) { $0 + Decimal($1.dong) } == Decimal(cost.amount.dong))
                #expect(model.cost(of: "2", group: nil, in: "x", attribute: attribute) == cost)
            } catch let error as CostError {
                // Beyond range at some step: the cost itself, or the calibrated part before a factor below 1.
                let calibrated = Decimal(dong) * 70 / 100 * scale
                #expect(max(exact, calibrated) > Decimal(Int64.max) / 2, "\(error)")
                #expect(model.cost(of: "2", group: nil, in: "x", attribute: attribute) == nil)
            } catch {
                Issue.record(error)
            }
        }
    }

    @Test func onlyPlainSignedNumbersAreRead() {
        for text in [".nan", ".inf", "nan", "inf", "1e3", "1e308", "12abc", "", "-", "+", "1.", ".5", "--1", "1,5", "0x10", "٣"] {
            #expect(Numbers.signedDecimal(text) == nil, "\(text)")
        }
        #expect(Numbers.signedDecimal("-20") == -20)
        #expect(Numbers.signedDecimal("+3") == 3)
        #expect(Numbers.signedDecimal(" 1.05 ") == Decimal(string: "1.05"))
        #expect(Numbers.signedDecimal("1000000000000000000000000") == Decimal(string: "1000000000000000000000000"))
    }

    @Test func aDecimalIsAWholeInt64OnlyWhenItIsOne() {
        #expect(Decimal(Int64.max).wholeInt64 == Int64.max)
        #expect(Decimal(Int64.min).wholeInt64 == Int64.min)
        #expect((Decimal(Int64.max) + 1).wholeInt64 == nil)
        #expect((Decimal(Int64.min) - 1).wholeInt64 == nil)
        #expect(Decimal(string: "1.5")!.wholeInt64 == nil)
        #expect(Decimal.nan.wholeInt64 == nil)
        #expect(Decimal(string: "1e30")!.wholeInt64 == nil)
    }

    @Test func aLimitNamesItsBoundsAndTheValueAsWritten() {
        let seconds = LimitBounds(lower: "0.001", upper: "86400", unit: .seconds)
        #expect(Limits.timeLimitSeconds.problem(1e20) == LimitProblem(value: "1e+20", bounds: seconds, reason: Limits.timeLimitSeconds.reason))
        #expect(Limits.timeLimitSeconds.problem(.nan)?.value == "nan")
        #expect(Limits.timeLimitSeconds.problem(60) == nil)
        let percent = Limits.percentChange.problem(Decimal(string: "1e200") ?? 1001, written: "“1e200”")
        #expect(percent?.value == "“1e200”")
        #expect(percent?.bounds == LimitBounds(lower: "-100", upper: "1000", unit: .percent))
        #expect(Limits.capacity.problem(0)?.bounds == LimitBounds(lower: "1", upper: "100", unit: .none))
    }
}
