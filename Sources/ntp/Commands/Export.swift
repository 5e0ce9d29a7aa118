import ArgumentParser
import Foundation
import XLSXSwift

/// `ntp export`: a plan in the forms departments use (docs/export-formats.md).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a plan: an Excel workbook, CSV files, JSON, or an HTML report with charts.",
        discussion: """
            xlsx: sheets for the summary, the criteria schedule (the seeds' "Biểu" layout), funding by commune, \
            criterion, source and year, spend by source and year, sources and uses of the envelopes, money a \
            baseline lacks, and the comparison with --compare. Money in million VND; every table's parts add up \
            exactly to the total under it. csv: a folder of CSV files, one per table, money in exact đồng. \
            json: one document with the same tables. html: one self-contained page (no network) with tables and \
            charts, readable on a phone and printable. Headers and names in Vietnamese, or English with --lang en. \
            The file (or folder) appears whole or not at all; an error names the file and exits non-zero.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case xlsx, csv, json, html }

    @Argument(help: "The plan file (ntp plan --out, or ntp baseline --out).")
    var plan: String

    @Option(help: "Export format: xlsx, csv (a folder of files), json or html.")
    var format: Format

    @Option(help: "Where to write: a file for xlsx, json and html; a folder for csv (made, or replaced when it holds an earlier CSV export).")
    var out: String

    @Option(help: "A second plan to compare with (adds the comparison sheet, tables and charts).")
    var compare: String?

    @Option(help: "Language of headers and names: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let report = ExportReport(plans: try ComparedPlan.loadAll([plan] + (compare.map { [$0] } ?? [])))
        let url = URL(fileURLWithPath: out)
        do {
            switch format {
            case .xlsx: try XLSXExport(report: report, lang: lang).workbook.write(to: url)
            case .csv: try CSVExport(tables: ExportTables(report: report, lang: lang)).write(to: url)
            case .json: try write(JSONExport(tables: ExportTables(report: report, lang: lang)).data(), to: url)
            case .html: try write(Data(HTMLReport(report: report, lang: lang).html.utf8), to: url)
            }
        } catch let error as XLSXError {
            throw ValidationError("\(out): cannot write the workbook: \(error)")
        } catch let error as ExportError {
            throw ValidationError("\(out): \(error)")
        }
        print(lang.pick("Đã ghi \(out)", "Wrote \(out)"))
    }

    private func write(_ data: Data, to url: URL) throws {
        do { try data.write(to: url, options: .atomic) } catch {
            throw ExportError("cannot write the file (\(error.localizedDescription))")
        }
    }
}
