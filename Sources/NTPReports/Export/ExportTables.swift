import Foundation
import NTPPlanning
import NTPText
import NTPDomain

/// The report as data tables with stable column names, money in exact đồng: the CSV export writes
/// one file per table and the JSON export one array of objects per table, with the same names, so the
/// two always agree. Every column is described in docs/export-formats.md; a change of a name or a
/// meaning is a new `version`.
struct ExportTables {
    static let version = 1

    enum Field: Equatable {
        case text(String)
        case integer(Int64)
        case decimal(Double)
        /// `true`/`false` in CSV, a boolean in JSON.
        case flag(Bool)
        case null

        static func int(_ value: Int) -> Field { .integer(Int64(value)) }
        static func money(_ value: Money) -> Field { .integer(value.dong) }
        static func optional(_ value: Int?) -> Field { value.map { .integer(Int64($0)) } ?? .null }
    }

    struct Table {
        let name: String
        let columns: [String]
        var rows: [[Field]] = []

        init(_ name: String, _ columns: [String]) {
            self.name = name
            self.columns = columns
        }

        mutating func add(_ row: [Field]) {
            precondition(row.count == columns.count, "\(name): a row of \(row.count) fields for \(columns.count) columns")
            rows.append(row)
        }
    }

    let tables: [Table]

    /// Every table an export can have, the comparison's included.
    static let allNames = ["summary", "years", "schedule", "communes", "funding", "sources_uses", "unfunded",
                           "comparison_summary", "comparison_years", "comparison_spend", "comparison_criteria"]

    init(report: ExportReport, lang: Language) {
        var tables = [Self.summary("summary", report.facts, generatedBy: report.generatedBy, lang: lang)]

        var years = Table("years", ["year", "criteria_met", "criteria_met_by_end", "communes_reaching_standard", "communes_at_standard",
                                    "allocated_dong", "available_dong", "not_allocated_dong"])
        for year in report.years {
            years.add([.int(year.year), .int(year.criteriaMet), .int(year.criteriaMetByEnd), .int(year.communesReachingStandard),
                       .int(year.communesAtStandard), .money(year.spent), .money(year.available), .money(year.unspent)])
        }
        tables.append(years)

        var schedule = Table("schedule", ["commune_id", "commune", "criterion_id", "criterion", "status", "year", "needs_assessment"])
        for row in report.communes {
            for criterion in report.criteria {
                let status = row.status[criterion.id] ?? .notPlanned
                schedule.add([.text(row.commune.id), .text(row.commune.name(lang)), .text(criterion.id), .text(criterion.name(lang)),
                              .text(Self.statusName(status)), .optional(Self.year(status)), .flag(row.needsAssessment.contains(criterion.id))])
            }
        }
        tables.append(schedule)

        var communes = Table("communes", ["commune_id", "commune", "criteria_met_before", "criteria_met_at_end", "already_at_standard", "standard_year"])
        for row in report.communes {
            communes.add([.text(row.commune.id), .text(row.commune.name(lang)), .int(row.metBefore), .int(row.metAtEnd),
                          .flag(row.alreadyAtStandard), .optional(row.standardYear)])
        }
        tables.append(communes)

        var funding = Table("funding", ["commune_id", "commune", "criterion_id", "criterion", "program", "source_id", "source", "year", "amount_dong"])
        for line in report.funding {
            funding.add([.text(line.commune.id), .text(line.commune.name(lang)), line.criterion.map { .text($0.id) } ?? .null,
                         line.criterion.map { .text($0.name(lang)) } ?? .null, .text(line.program.id), .text(line.source.id),
                         .text(line.source.name(lang)), .int(line.year), .money(line.amount)])
        }
        tables.append(funding)

        var envelopes = Table("sources_uses", ["program", "source_id", "source", "level", "first_year", "last_year", "envelope_dong", "carried_in_dong",
                                               "allocated_dong", "balance_dong", "carried_out_dong", "lapsed_dong", "integrated_from", "counted_elsewhere", "locality_id"])
        for row in report.envelopes {
            envelopes.add([.text(row.program.id), .text(row.source.id), .text(row.source.name(lang)), row.level.map { .text($0) } ?? .null,
                           .int(row.firstYear), .int(row.lastYear), .money(row.envelope), .money(row.carriedIn), .money(row.used), .money(row.balance),
                           .money(row.carriedOut), .money(row.lapsed), row.integratedFrom.map { .text($0) } ?? .null,
                           .flag(row.countedElsewhere), row.locality.map { .text($0.id) } ?? .null])
        }
        tables.append(envelopes)

        var unfunded = Table("unfunded", ["commune_id", "commune", "criterion_id", "criterion", "kind", "year", "amount_dong"])
        for line in report.unfunded {
            unfunded.add([.text(line.commune.id), .text(line.commune.name(lang)), .text(line.criterion.id), .text(line.criterion.name(lang)),
                          .text(line.kind), .int(line.year), .money(line.amount)])
        }
        tables.append(unfunded)

        if let comparison = report.comparison {
            tables.append(Self.summary("comparison_summary", comparison.otherFacts, generatedBy: nil, lang: lang))
            var pairs = Table("comparison_years", ["year", "criteria_met", "other_criteria_met", "communes_at_standard", "other_communes_at_standard",
                                                   "allocated_dong", "other_allocated_dong"])
            for pair in comparison.years {
                pairs.add([.int(pair.year), .optional(pair.plan?.criteriaMet), .optional(pair.other?.criteriaMet),
                           .optional(pair.plan?.communesAtStandard), .optional(pair.other?.communesAtStandard),
                           pair.plan.map { .money($0.spent) } ?? .null, pair.other.map { .money($0.spent) } ?? .null])
            }
            tables.append(pairs)
            var spend = Table("comparison_spend", ["source_id", "source", "year", "allocated_dong", "other_allocated_dong", "difference_dong"])
            for pair in comparison.spend {
                spend.add([.text(pair.source.id), .text(pair.source.name(lang)), .int(pair.year), .money(pair.plan), .money(pair.other),
                           .integer(pair.other.dong - pair.plan.dong)])
            }
            tables.append(spend)
            var moves = Table("comparison_criteria", ["commune_id", "commune", "criterion_id", "criterion", "status", "year", "other_status", "other_year"])
            for move in comparison.moves {
                moves.add([.text(move.commune.id), .text(move.commune.name(lang)), .text(move.criterion.id), .text(move.criterion.name(lang)),
                           .text(move.plan.map(Self.statusName) ?? "not_missing"), .optional(move.plan.flatMap(Self.year)),
                           .text(move.other.map(Self.statusName) ?? "not_missing"), .optional(move.other.flatMap(Self.year))])
            }
            tables.append(moves)
        }
        self.tables = tables
    }

    /// The plan's facts as `key,value` rows.
    private static func summary(_ name: String, _ facts: ExportReport.Facts, generatedBy: String?, lang: Language) -> Table {
        var table = Table(name, ["key", "value"])
        let rows: [(String, Field)] = [
            ("plan", .text(facts.name)), ("scenario_name", .text(facts.scenarioName)), ("scenario", .text(facts.scenario)),
            ("method", .text(facts.method.rawValue)), ("first_year", .optional(facts.years.first)), ("last_year", .optional(facts.years.last)),
            ("termination", .text(facts.termination)), ("objective_value", facts.objectiveValue.map { .decimal($0) } ?? .null),
            ("relative_gap", facts.relativeGap.map { .decimal($0) } ?? .null), ("communes", .int(facts.communes)),
            ("communes_at_standard_before", .int(facts.communesAlreadyAtStandard)), ("communes_at_standard_at_end", .int(facts.communesAtStandardAtEnd)),
            ("criteria_missing", .int(facts.criteriaMissing)), ("criteria_met", .int(facts.criteriaMet)), ("criteria_years", .int(facts.criteriaYears)),
            ("available_dong", .money(facts.available)), ("allocated_dong", .money(facts.spent)), ("not_allocated_dong", .money(facts.unspent)),
            ("unfunded_dong", .money(facts.unfunded)), ("language", .text(lang.rawValue)),
        ] + (facts.needsAssessment > 0
            ? [("needs_assessment", .int(facts.needsAssessment)), ("needs_assessment_policy", facts.needsAssessmentPolicy.map { .text($0.rawValue) } ?? .null)] : [])
            + (generatedBy.map { [("generated_by", Field.text($0))] } ?? [])
        for (key, value) in rows { table.add([.text(key), value]) }
        return table
    }

    static func statusName(_ status: ExportReport.CriterionStatus) -> String {
        switch status {
        case .metBefore: "met_before"
        case .planned: "planned"
        case .notPlanned: "not_planned"
        }
    }

    static func year(_ status: ExportReport.CriterionStatus) -> Int? { if case .planned(let year) = status { year } else { nil } }
}
