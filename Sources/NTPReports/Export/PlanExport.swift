import Foundation
import NTPFiles
import NTPPlanning
import NTPText
import XLSXSwift

/// The forms a plan is exported in (docs/export-formats.md).
public enum ExportFormat: String, Sendable, CaseIterable {
    case xlsx, csv, json, html
}

/// A plan (and, with a second one, their comparison) written in one of the export formats. The file,
/// or the CSV folder, appears whole or not at all.
public struct PlanExport: Sendable {
    let report: ExportReport

    /// The first plan is exported; a second one adds the comparison. `exportedOn` dates the HTML report.
    public init(plans: [ComparedPlan], exportedOn: Date = Date()) {
        var report = ExportReport(plans: plans)
        report.exportedOn = exportedOn
        self.report = report
    }

    /// The HTML report's content without its page (what its `<main>` holds), for a page that embeds it
    /// with `htmlStyle` (the workbench's plan page). NFC, like the report.
    public func htmlContent(lang: Language) -> String {
        HTMLReport(report: report, lang: lang).body.precomposedStringWithCanonicalMapping
    }

    /// The HTML report's style sheet (no URL in it).
    public static var htmlStyle: String { HTMLReport.style }

    public func write(_ format: ExportFormat, to url: URL, lang: Language) throws(ExportError) {
        do {
            switch format {
            case .xlsx: try XLSXExport(report: report, lang: lang).workbook.write(to: url)
            case .csv: try CSVExport(tables: ExportTables(report: report, lang: lang)).write(to: url)
            case .json: try Self.write(JSONExport(tables: ExportTables(report: report, lang: lang)).data(), to: url)
            case .html: try Self.write(Data(HTMLReport(report: report, lang: lang).html.utf8), to: url)
            }
        } catch let error as ExportError {
            throw error
        } catch let error as FileError {
            throw ExportError(error.message)
        } catch let error as XLSXError {
            throw ExportError("\(url.path): cannot write the workbook: \(Message.verbatim("\(error)"))")
        } catch {
            throw ExportError("\(url.path): cannot write: \(Message(.reason(of: error)))")
        }
    }

    /// Whether `url` may be written in `format` (a folder for CSV, a file otherwise), so that a
    /// command refuses before it starts its work.
    public static func checkDestination(_ url: URL, format: ExportFormat) throws(ExportError) {
        do {
            if format == .csv { try OutputFolder.checkDestination(url.path) } else { try OutputFile.checkDestination(url.path) }
        } catch {
            throw ExportError(error.message)
        }
    }

    private static func write(_ data: Data, to url: URL) throws(FileError) {
        try OutputFile.write(data, to: url.path)
    }
}
