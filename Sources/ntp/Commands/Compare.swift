import ArgumentParser
import Foundation
import NTPFiles
import NTPPlanning
import NTPReports
import NTPText

/// `ntp compare`: several plans side by side, and what changes from the first to each other one.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare plans side by side: progress, communes at standard, spend and unspent money by year, and what moves from the first plan to each other one.",
        discussion: """
            Each plan is a column named by its file name. The criteria each commune misses and the money \
            available come from the scenario the plan records (rebuilt as ntp explain does); plans made \
            from different scenarios are compared each with its own, and the report says so. Money is \
            shown in million VND, every column rounded so that its parts add up to its shown total; JSON \
            carries exact đồng (docs/compare.md). Exit status: 0, or non-zero with nothing written when a \
            file is missing or not a plan.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, md, json }

    @Argument(help: "Two or more plan files (ntp plan --out); the first is the one the others are compared with.")
    var plans: [String]

    @Option(help: "Output format: table (terminal), md (Markdown) or json.")
    var format: Format = .table

    @Option(help: "Language of the report: vi or en.")
    var lang: Language = .vi

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var out: String?

    func validate() throws {
        if plans.count < 2 { throw ValidationError(lang("give at least two plan files to compare (got \(plans.count))")) }
    }

    func run() throws {
        if let out { try checkOutput(out) }
        let compared = try ComparedPlan.loadAll(plans)
        noteInputChanges(compared, lang: lang)
        let comparison = PlanComparison(plans: compared)
        let report = PlanComparisonReport(comparison: comparison, lang: lang)
        let text: String
        switch format {
        case .table: text = report.table
        case .md: text = report.markdown
        case .json: text = try report.json()
        }
        if let out {
            do { try OutputFile.write(Data(text.utf8), to: out) } catch { throw PlanningError.file(error) }
            print(lang("Wrote \(out)"))
        } else {
            print(text, terminator: "")
        }
    }
}
