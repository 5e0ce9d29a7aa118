import Foundation
import NTPDomain
import PropertyBased
import Testing

/// A small world for crafted allocations: one district with two communes, the catalog's source tree.
enum LedgerWorld {
    static let sources: [CapitalSource] = {
        func source(_ code: String, _ parent: String?, _ origin: CapitalSource.Origin, _ spending: CapitalSource.Spending = .any) -> CapitalSource {
            CapitalSource(code: code, nameVi: code, nameEn: code, parent: parent, origin: origin, level: nil, spending: spending, provenance: Provenance("test"))
        }
        return [
            source("central", nil, .centralBudget), source("central_investment", "central", .centralBudget, .investment),
            source("central_recurrent", "central", .centralBudget, .recurrent), source("local", nil, .localBudget),
            source("credit", nil, .credit), source("community", nil, .community), source("integrated", nil, .integrated),
        ]
    }()

    static let localities = LocalityRegistry(
        localities: [
            Locality(id: "p", level: .province, unitType: "tỉnh", name: "P", parentID: nil, provenance: Provenance("test")),
            Locality(id: "p/d", level: .district, unitType: "huyện", name: "D", parentID: "p", provenance: Provenance("test")),
            Locality(id: "p/d/a", level: .commune, unitType: "xã", name: "A", parentID: "p/d", ethnicZone: .III, provenance: Provenance("test")),
            Locality(id: "p/d/b", level: .commune, unitType: "xã", name: "B", parentID: "p/d", provenance: Provenance("test")),
        ], merges: [])

    static func million(_ amount: Int64) -> Money { Money(dong: amount * 1_000_000) }

    static func envelope(_ program: String, _ source: String, _ years: ClosedRange<Int>, _ millions: Int64, from: String? = nil) -> BudgetEnvelope {
        BudgetEnvelope(program: program, source: source, years: years, amount: million(millions), integratedFrom: from, provenance: Provenance("test"))
    }

    static func line(_ locality: String, _ criterion: String?, _ program: String, _ source: String, _ year: Int, _ millions: Int64) -> AllocationLine {
        AllocationLine(locality: locality, criterion: criterion, program: program, source: source, year: year, amount: million(millions))
    }

    static func ledger(_ envelopes: [BudgetEnvelope], _ lines: [AllocationLine], _ rules: BudgetRules = BudgetRules()) -> Ledger {
        Ledger(envelopes: envelopes, plan: AllocationPlan(name: "test", lines: lines), rules: rules, sources: sources, localities: localities)
    }
}

@Suite struct LedgerRuleTests {
    typealias W = LedgerWorld
    let basis = Provenance("test rule")

    @Test func overspendingAnEnvelope() throws {
        let ledger = W.ledger([W.envelope("NTM", "central_investment", 2024...2024, 100)], [W.line("p/d/a", "2", "NTM", "central_investment", 2024, 130)])
        #expect(ledger.violations == [.overspent(program: "NTM", source: "central_investment", years: 2024...2024, available: W.million(100), used: W.million(130))])
        #expect(ledger.violations[0].amount == W.million(30))
        #expect(ledger.rows[0].balance == W.million(-30))
    }

    @Test func carryOverMovesUnspentMoneyWithinItsCap() throws {
        let envelopes = [W.envelope("NTM", "local", 2024...2024, 100), W.envelope("NTM", "local", 2025...2025, 100)]
        let lines = [W.line("p/d/a", "2", "NTM", "local", 2024, 40), W.line("p/d/a", "2", "NTM", "local", 2025, 140)]
        let capped = BudgetRules(carryOver: [CarryOverRule(source: "*", allowed: true, capPercent: 30, basis: basis)])
        let ledger = W.ledger(envelopes, lines, capped)
        // 60 left in 2024; at most 30 % of 100 carries over, so 2025 has 130 for 140 of uses.
        #expect(ledger.rows.map(\.carriedOut) == [W.million(30), .zero])
        #expect(ledger.rows.map(\.lapsed) == [W.million(30), .zero])
        #expect(ledger.rows[1].carriedIn == W.million(30))
        #expect(ledger.violations == [.overspent(program: "NTM", source: "local", years: 2025...2025, available: W.million(130), used: W.million(140))])
        // Without a cap the same plan is within budget; with carry-over forbidden it overspends by 40.
        let open = W.ledger(envelopes, lines, BudgetRules(carryOver: [CarryOverRule(source: "*", allowed: true, basis: basis)]))
        #expect(open.violations.isEmpty)
        let closed = W.ledger(envelopes, lines, BudgetRules(carryOver: [CarryOverRule(source: "local", allowed: false, basis: basis)]))
        #expect(closed.violations.map(\.amount) == [W.million(40)])
    }

    @Test func spendingWithoutAnEnvelope() {
        let line = W.line("p/d/a", "2", "GNBV", "central", 2024, 10)
        let ledger = W.ledger([W.envelope("NTM", "central", 2024...2024, 100)], [line])
        #expect(ledger.violations == [.noEnvelope(line)])
    }

    /// An envelope limited to commune A pays A's criteria, never B's (a use naming it from B has no
    /// envelope, however much is left); each commune's envelopes carry over in a chain of their own,
    /// apart from the area's.
    @Test func aCommunesOwnEnvelopePaysOnlyThere() {
        func own(_ commune: String, _ year: Int, _ millions: Int64) -> BudgetEnvelope {
            var envelope = W.envelope("NTM", "central", year...year, millions)
            envelope.locality = commune
            return envelope
        }
        func line(_ commune: String, _ drawsOn: String?, _ year: Int, _ millions: Int64) -> AllocationLine {
            var line = W.line(commune, "2", "NTM", "central", year, millions)
            line.envelopeLocality = drawsOn
            return line
        }
        let envelopes = [own("p/d/a", 2024, 50), own("p/d/a", 2025, 50), own("p/d/b", 2024, 30), W.envelope("NTM", "central", 2024...2024, 100)]
        let rules = BudgetRules(carryOver: [CarryOverRule(source: "*", allowed: true, basis: basis)])
        let fine = W.ledger(envelopes, [line("p/d/a", "p/d/a", 2024, 20), line("p/d/a", "p/d/a", 2025, 80), line("p/d/b", nil, 2024, 100), line("p/d/b", "p/d/b", 2024, 30)], rules)
        #expect(fine.violations.isEmpty, "\(fine.violations)")
        // A's 2024 money left (30) carries to A's 2025 envelope only.
        #expect(fine.rows.map(\.carriedIn) == [.zero, W.million(30), .zero, .zero])
        #expect(fine.rows.map(\.locality) == ["p/d/a", "p/d/a", "p/d/b", nil])
        let stolen = line("p/d/b", "p/d/a", 2024, 10)
        #expect(W.ledger(envelopes, [stolen], rules).violations == [.noEnvelope(stolen)])
        let unknown = line("p/d/a", "p/d/c", 2024, 10)
        #expect(W.ledger(envelopes, [unknown], rules).violations == [.noEnvelope(unknown)])
        // The commune's own envelope covers the commune only, the area's everyone.
        #expect(envelopes[0].covers("p/d/a", in: W.localities) && !envelopes[0].covers("p/d/b", in: W.localities) && envelopes[3].covers("p/d/b", in: W.localities))
    }

    @Test func aChildSourceDrawsOnItsParentsEnvelope() {
        let ledger = W.ledger([W.envelope("DTTS", "central", 2021...2025, 100)], [W.line("p/d/a", "2", "DTTS", "central_investment", 2022, 60), W.line("p/d/a", "9", "DTTS", "central_recurrent", 2023, 30)])
        #expect(ledger.violations.isEmpty)
        #expect(ledger.rows[0].used == W.million(90))
    }

    @Test func localCounterpartShortfall() {
        let rules = BudgetRules(counterparts: [CounterpartRule(program: "NTM", ratio: Decimal(string: "0.2")!, basis: basis)])
        let envelopes = [W.envelope("NTM", "central", 2024...2024, 100), W.envelope("NTM", "local", 2024...2024, 50)]
        let ledger = W.ledger(envelopes, [W.line("p/d/a", "2", "NTM", "central", 2024, 100), W.line("p/d/a", "2", "NTM", "local", 2024, 15)], rules)
        // Envelopes: 50 ≥ 20 % of 100. Uses: 15 < 20, short by 5.
        #expect(ledger.violations.count == 1)
        guard case .counterpartShortfall(let program, let years, let central, let local, _, let shortfall) = ledger.violations.first else {
            Issue.record("expected a counterpart shortfall, got \(ledger.violations)")
            return
        }
        #expect(program == "NTM" && years == 2024...2024 && central == W.million(100) && local == W.million(15) && shortfall == W.million(5))
    }

    @Test func aSourcePayingForACriterionItMayNot() {
        let rule = SourceEligibility(source: "central_investment", criteria: ["2", "5"], basis: basis)
        let wrong = W.line("p/d/a", "16.1", "NTM", "central_investment", 2024, 10)
        let ledger = W.ledger([W.envelope("NTM", "central", 2024...2024, 100)], [W.line("p/d/a", "2", "NTM", "central_investment", 2024, 50), wrong], BudgetRules(sourceEligibility: [rule]))
        #expect(ledger.violations == [.ineligibleSource(wrong, rule: rule)])
    }

    @Test func aSourceAboveItsShareOfACriterion() {
        let rule = SourceEligibility(source: "credit", criteria: nil, shareCapPercent: 50, basis: basis)
        let envelopes = [W.envelope("NTM", "credit", 2024...2024, 100), W.envelope("NTM", "local", 2024...2024, 100)]
        let lines = [W.line("p/d/a", "9", "NTM", "credit", 2024, 70), W.line("p/d/a", "9", "NTM", "local", 2024, 30)]
        let ledger = W.ledger(envelopes, lines, BudgetRules(sourceEligibility: [rule]))
        #expect(ledger.violations == [.shareCapExceeded(locality: "p/d/a", criterion: "9", source: "credit", share: 70, excess: W.million(20), rule: rule)])
    }

    @Test func programMoneyOutsideItsArea() {
        let zones = ProgramEligibility(program: "DTTS", sources: nil, condition: .ethnicZone([.II, .III]), basis: basis)
        let excluded = ProgramEligibility(program: "NTM", sources: ["central"], condition: .excluding(["p/d/b"]), basis: basis)
        let envelopes = [W.envelope("DTTS", "central", 2024...2024, 100), W.envelope("NTM", "central", 2024...2024, 100), W.envelope("NTM", "local", 2024...2024, 100)]
        let inZone = W.line("p/d/a", "2", "DTTS", "central", 2024, 10)
        let unknownZone = W.line("p/d/b", "2", "DTTS", "central", 2024, 10)
        let excludedCentral = W.line("p/d/b", "2", "NTM", "central_investment", 2024, 10)
        let localIsFine = W.line("p/d/b", "2", "NTM", "local", 2024, 10)
        let ledger = W.ledger(envelopes, [inZone, unknownZone, excludedCentral, localIsFine], BudgetRules(programEligibility: [zones, excluded]))
        // Commune B has no zone in the data: that cannot be checked, which is not a breach.
        #expect(ledger.violations == [.unverifiable(unknownZone, rule: zones), .programNotEligible(excludedCentral, rule: excluded)])
        #expect(ledger.violations.map(\.isBreach) == [false, true])
    }

    @Test func integratedCapitalIsCountedOnce() {
        let envelopes = [
            W.envelope("GNBV", "central", 2024...2024, 100), W.envelope("NTM", "central", 2024...2024, 200),
            W.envelope("NTM", "integrated", 2024...2024, 40, from: "GNBV"), W.envelope("NTM", "integrated", 2024...2024, 25, from: "other-project"),
        ]
        let ledger = W.ledger(envelopes, [])
        // The 40 integrated from GNBV is GNBV's money, already among the sources; the 25 from elsewhere is new.
        #expect(ledger.totalSources == W.million(325))
        #expect(ledger.sourcesBySource.map(\.amount) == [W.million(300), W.million(25)])
    }
}

@Suite struct LedgerPropertyTests {
    typealias W = LedgerWorld

    /// Random envelopes and allocation lines over two programs, three sources and three years.
    static let lines = zip(Gen.int(in: 0...3), Gen.int(in: 0...1), Gen.int(in: 0...2), Gen.int(in: 2023...2025), Gen.int(in: 0...5_000_000_000_000))
        .array(of: 0...30)
    static let envelopes = zip(Gen.int(in: 0...1), Gen.int(in: 0...2), Gen.int(in: 2023...2025), Gen.int(in: 0...9_000_000_000_000))
        .array(of: 0...8)

    static let programs = ["NTM", "DTTS"]
    static let sourceCodes = ["central_investment", "local", "credit"]
    static let places = ["p/d/a", "p/d/b", "p/d", "p"]

    @Test func moneyIsConserved() async {
        await propertyCheck(count: 300, input: Self.envelopes, Self.lines) { envelopeSpecs, lineSpecs in
            var seen: Set<String> = []
            let envelopes = envelopeSpecs.compactMap { program, source, year, dong -> BudgetEnvelope? in
                guard seen.insert("\(program)\(source)\(year)").inserted else { return nil }
                return BudgetEnvelope(program: Self.programs[program], source: Self.sourceCodes[source], years: year...year, amount: Money(dong: Int64(dong)), provenance: Provenance("random"))
            }
            let lines = lineSpecs.map { place, program, source, year, dong in
                AllocationLine(locality: Self.places[place], criterion: "2", program: Self.programs[program], source: Self.sourceCodes[source], year: year, amount: Money(dong: Int64(dong)))
            }
            let ledger = W.ledger(envelopes, lines, BudgetRules(carryOver: [CarryOverRule(source: "*", allowed: true, capPercent: 50, basis: Provenance("random"))]))
            let drawn: Int64 = ledger.rows.reduce(0) { $0 + $1.used.dong }
            let unmatched: Int64 = ledger.violations.reduce(0) { total, violation in
                if case .noEnvelope(let line) = violation { return total + line.amount.dong }
                return total
            }
            // Every đồng of the plan is drawn from an envelope or reported as having none.
            let planned: Int64 = lines.reduce(0) { $0 + $1.amount.dong }
            let used: Int64 = ledger.uses.reduce(0) { $0 + $1.amount.dong }
            #expect(drawn + unmatched == planned)
            #expect(ledger.totalUses.dong == used)
            for row in ledger.rows {
                #expect(row.balance.dong == row.envelope.dong + row.carriedIn.dong - row.used.dong)
                #expect(row.carriedOut.dong + row.lapsed.dong == max(0, row.balance.dong))
                #expect(row.carriedOut.dong <= row.envelope.dong / 2)
            }
            // What an envelope passes on is what the next one of its program and source receives.
            let carriedIn: Int64 = ledger.rows.reduce(0) { $0 + $1.carriedIn.dong }
            let carriedOut: Int64 = ledger.rows.reduce(0) { $0 + $1.carriedOut.dong }
            #expect(carriedIn <= carriedOut)
            // An overspend is reported exactly when a balance is negative, for the amount below zero.
            let overspent: Int64 = ledger.violations.reduce(0) { total, violation in
                if case .overspent = violation { return total + violation.amount.dong }
                return total
            }
            let negative: Int64 = ledger.rows.reduce(0) { $0 + max(0, -$1.balance.dong) }
            #expect(overspent == negative)
        }
    }

    @Test func roundingKeepsEveryTotalExact() async {
        let amounts = Gen.int(in: -2_000_000_000_000...9_000_000_000_000).array(of: 1...12)
        await propertyCheck(count: 400, input: amounts, Gen.int(in: 0...2), Gen.int(in: 0...3)) { values, unitIndex, decimals in
            let unit = [MoneyUnit.trieu, .ty, .nghin][unitIndex]
            let parts = values.map { Money(dong: Int64($0)) }
            let total: Int64 = parts.reduce(0) { $0 + $1.dong }
            let shown = LargestRemainder.round(parts, in: unit, decimals: decimals)
            #expect(shown.parts.reduce(0, +) == shown.total)
            let step = Decimal(sign: .plus, exponent: -min(decimals, unit == .nghin ? 3 : decimals), significand: 1)
            let exactTotal = Decimal(total) / Decimal(unit.dongPerUnit)
            #expect(abs(shown.total - exactTotal) <= step / 2)
            for (part, value) in zip(parts, shown.parts) { #expect(abs(value - part.amount(in: unit)) < step) }
        }
    }

    @Test func sharesAddUpToAHundred() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...5_000_000_000).array(of: 1...10)) { values in
            let percents = LargestRemainder.percentages(values.map { Money(dong: Int64($0)) }, decimals: 1)
            let total = values.reduce(0, +)
            #expect(percents.reduce(0, +) == (total == 0 ? 0 : 100))
            if total > 0 {
                for (value, percent) in zip(values, percents) {
                    #expect(abs(percent - Decimal(value) * 100 / Decimal(total)) < Decimal(string: "0.1")!)
                }
            }
        }
    }

    @Test func formattingThenParsingGivesTheSameAmount() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...9_000_000_000_000_000), Gen.int(in: 0...3)) { dong, unitIndex throws in
            let unit = [MoneyUnit.dong, .nghin, .trieu, .ty][unitIndex]
            let money = Money(dong: Int64(dong))
            let digits = [0, 3, 6, 9][unitIndex]
            for notation in [NumberNotation.vietnamese, .plain] {
                let text = money.formatted(in: unit, decimals: digits, notation: notation)
                #expect(try Money(parsing: text, unit: unit, notation: notation) == money, "\(text)")
            }
        }
    }
}
