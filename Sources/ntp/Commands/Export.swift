import ArgumentParser
import Foundation
import NTPPlanning
import NTPReports
import NTPText

/// `ntp export`: a plan in the forms departments use (docs/export-formats.md).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a plan: an Excel workbook, CSV files, JSON, or an HTML report with charts.",
        discussion: """
            xlsx: sheets for the summary, the criteria schedule (the seeds' "Biểu" layout), funding by commune, \
            criterion, source and year (with the exact đồng), the allocation to each commune by source and year \
            (a decision's annex), spend by source and year, sources and uses of the envelopes, money a baseline \
            lacks, and the comparison with --compare. Money in million VND; every table's parts add up exactly \
            to the total under it, written as a formula with its value; long tables have filters. ntp import \
            reads the workbook back. csv: a folder of CSV files (with a byte-order mark, for Excel), one per \
            table, money in exact đồng. \
            json: one document with the same tables. html: one self-contained page (no network) with tables and \
            charts, readable on a phone and printable. Headers and names in Vietnamese, or English with --lang en. \
            The file (or folder) appears whole or not at all; an error names the file and exits non-zero.
            """
    )

    @Argument(help: "The plan file (ntp plan --out, or ntp baseline --out).")
    var plan: String

    @Option(help: "Export format: xlsx, csv (a folder of files), json or html.")
    var format: ExportFormat

    @Option(help: "Where to write: a file for xlsx, json and html; a folder for csv (made, or replaced when it holds an earlier CSV export).")
    var out: String

    @Option(help: "A second plan to compare with (adds the comparison sheet, tables and charts).")
    var compare: String?

    @Option(help: "Language of headers and names: vi or en.")
    var lang: Language = .vi

    func run() throws {
        try PlanExport.checkDestination(URL(fileURLWithPath: out), format: format)
        let plans = try ComparedPlan.loadAll([plan] + (compare.map { [$0] } ?? []))
        noteInputChanges(plans, lang: lang)
        try PlanExport(plans: plans).write(format, to: URL(fileURLWithPath: out), lang: lang)
        print(lang("Wrote \(out)"))
    }
}

extension ExportFormat: ExpressibleByArgument {}
