import Foundation
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
        } catch let error as XLSXError {
            throw ExportError("cannot write the workbook: \(Message.verbatim("\(error)"))")
        } catch {
            // Another library's own English.
            throw ExportError(.verbatim("\(error)"))
        }
    }

    private static func write(_ data: Data, to url: URL) throws(ExportError) {
        do { try data.write(to: url, options: .atomic) } catch {
            throw ExportError("cannot write the file (\(Message.verbatim(error.localizedDescription)))")
        }
    }
}
