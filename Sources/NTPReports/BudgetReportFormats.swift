import CSV
import Foundation
import NTPPlanning
import NTPText
import NTPDomain

/// JSON and CSV forms of the budget report: exact amounts in đồng beside the amounts shown in the unit
/// (plain notation, largest-remainder rounded like the table).
extension BudgetReport {
    struct Amount: Encodable {
        let dong: Int64
        let shown: String
    }

    struct EnvelopeRow: Encodable {
        let program, source: String
        let level: String?
        let years: String
        let envelope, carried_in, used, balance, carried_out, lapsed: Amount
    }

    struct UseRow: Encodable {
        let locality, program, source: String
        let year: Int
        let amount: Amount
    }

    struct ShareRow: Encodable {
        let source: String
        let amount: Amount
        let percent: String
    }

    struct CounterpartRow: Encodable {
        let program, years, of: String
        let central, local: Amount
        let local_to_central_percent: String?
        let required_percent: String?
    }

    struct ViolationRow: Encodable {
        let kind: String
        let breach: Bool
        let amount: Amount
        let message: String
    }

    struct Document: Encodable {
        let scenario: String
        let unit: String
        let decimals: Int
        let envelopes: [EnvelopeRow]
        let uses: [UseRow]
        let shares: [ShareRow]
        let total_sources, total_uses: Amount
        let counterparts: [CounterpartRow]
        let violations: [ViolationRow]
    }

    /// Amounts of one column, shown by largest remainder in plain notation.
    private func amounts(_ column: [Money]) -> [Amount] {
        let rounded = LargestRemainder.round(column, in: unit, decimals: decimals)
        return zip(column, rounded.parts).map { Amount(dong: $0.dong, shown: plain($1)) }
    }

    private func plain(_ value: Decimal) -> String { Numbers.format(value, decimals: decimals, grouping: "", decimalMark: ".") }
    private func one(_ money: Money) -> Amount { Amount(dong: money.dong, shown: money.formatted(in: unit, decimals: decimals, notation: .plain)) }

    var document: Document {
        let rows = ledger.rows
        let columns = [rows.map(\.envelope), rows.map(\.carriedIn), rows.map(\.used), rows.map(\.balance), rows.map(\.carriedOut), rows.map(\.lapsed)].map(amounts)
        let envelopes = rows.indices.map { index in
            EnvelopeRow(
                program: rows[index].program, source: rows[index].source, level: rows[index].level?.rawValue, years: years(rows[index].years),
                envelope: columns[0][index], carried_in: columns[1][index], used: columns[2][index], balance: columns[3][index],
                carried_out: columns[4][index], lapsed: columns[5][index])
        }
        let useAmounts = amounts(ledger.uses.map(\.amount))
        let uses = ledger.uses.indices.map { index in
            let use = ledger.uses[index]
            return UseRow(locality: use.locality, program: use.program, source: use.source, year: use.year, amount: useAmounts[index])
        }
        let bySource = ledger.sourcesBySource
        let shareAmounts = amounts(bySource.map(\.amount))
        let percents = LargestRemainder.percentages(bySource.map(\.amount), decimals: 1)
        let shares = bySource.indices.map {
            ShareRow(source: bySource[$0].source, amount: shareAmounts[$0], percent: Numbers.format(percents[$0], decimals: 1, grouping: "", decimalMark: "."))
        }
        let counterparts = ledger.counterparts.map { counterpart in
            CounterpartRow(
                program: counterpart.program, years: years(counterpart.years), of: counterpart.ofUses ? "uses" : "envelopes",
                central: one(counterpart.central), local: one(counterpart.local),
                local_to_central_percent: counterpart.ratio.map { Numbers.format($0 * 100, decimals: 1, grouping: "", decimalMark: ".") },
                required_percent: counterpart.required.map { Numbers.format($0.ratio * 100, decimals: 1, grouping: "", decimalMark: ".") })
        }
        let violations = ledger.violations.map {
            ViolationRow(kind: $0.kind, breach: $0.isBreach, amount: one($0.amount), message: describe($0))
        }
        return Document(
            scenario: scenario.name, unit: unit.rawValue, decimals: decimals, envelopes: envelopes, uses: uses, shares: shares,
            total_sources: one(ledger.totalSources), total_uses: one(ledger.totalUses), counterparts: counterparts, violations: violations)
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// One table in long form: `table,program,source,level,years,locality,year,measure,amount_dong,amount,unit,note`.
    public func csv() throws -> String {
        let document = self.document
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: ["table", "program", "source", "level", "years", "locality", "year", "measure", "amount_dong", "amount", "unit", "note"])
        func row(_ table: String, program: String = "", source: String = "", level: String = "", years: String = "", locality: String = "",
                 year: String = "", measure: String, amount: Amount?, note: String = "") throws {
            try writer.write(row: [table, program, source, level, years, locality, year, measure, amount.map { "\($0.dong)" } ?? "", amount?.shown ?? "", unit.rawValue, note])
        }
        for envelope in document.envelopes {
            let measures = [("envelope", envelope.envelope), ("carried_in", envelope.carried_in), ("used", envelope.used), ("balance", envelope.balance),
                            ("carried_out", envelope.carried_out), ("lapsed", envelope.lapsed)]
            for (measure, amount) in measures {
                try row("envelopes", program: envelope.program, source: envelope.source, level: envelope.level ?? "", years: envelope.years, measure: measure, amount: amount)
            }
        }
        for use in document.uses {
            try row("uses", program: use.program, source: use.source, locality: use.locality, year: "\(use.year)", measure: "amount", amount: use.amount)
        }
        for share in document.shares {
            try row("shares", source: share.source, measure: "amount", amount: share.amount, note: "\(share.percent)%")
        }
        try row("totals", measure: "sources", amount: document.total_sources)
        try row("totals", measure: "uses", amount: document.total_uses)
        for counterpart in document.counterparts {
            try row("counterparts", program: counterpart.program, years: counterpart.years, measure: "central_\(counterpart.of)", amount: counterpart.central)
            try row("counterparts", program: counterpart.program, years: counterpart.years, measure: "local_\(counterpart.of)", amount: counterpart.local,
                    note: counterpart.local_to_central_percent.map { "\($0)%" } ?? "")
        }
        for violation in document.violations {
            try row("violations", measure: violation.kind, amount: violation.amount, note: violation.message)
        }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension RuleViolation {
    /// A stable name for machine-readable output.
    var kind: String {
        switch self {
        case .overspent: "overspent"
        case .noEnvelope: "no_envelope"
        case .counterpartShortfall: "counterpart_shortfall"
        case .ineligibleSource: "ineligible_source"
        case .shareCapExceeded: "share_cap_exceeded"
        case .programNotEligible: "program_not_eligible"
        case .unverifiable: "unverifiable"
        case .amountsBeyondRange: "amounts_beyond_range"
        }
    }
}
