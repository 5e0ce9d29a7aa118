import ArgumentParser
import Foundation
import NTPData
import NTPDomain
import NTPFiles
import NTPPlanning
import NTPText
import NTPWorkbooks

/// `ntp template`: the workbook a department fills in to plan its own district (docs/workbooks.md).
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the Excel workbook a department fills in to describe its district or province.",
        discussion: """
            Sheets: instructions; the scenario and its policy (name, area, years, capacity, minimum progress, \
            targets); the communes (id, name, flags); the criteria status in the layout of the "Biểu kế hoạch \
            thực hiện tiêu chí" for the criteria set (each cell x, a year of the plan, or empty, from a \
            drop-down); capital by program, source, level and years; optional cost overrides. Labels, \
            formulas and the chosen phase, set and unit are protected; the cells to fill are white. With \
            --from, the template is filled from an existing scenario. Fill it in and run ntp import.
            """
    )

    @Option(help: "Where to write the workbook (.xlsx); an existing file is kept unless --force.")
    var out: String

    @Option(help: "The program phase (default: the latest, 2026-2035).")
    var phase: String?

    @Option(help: "The criteria set (default: the phase's commune set).")
    var criteriaSet: String?

    @Option(help: "The plan's years, e.g. 2022-2025 (default: the years of the phase the set covers).")
    var years: String?

    @Option(help: "The unit of every amount: trieu (million VND) or ty (billion VND).")
    var unit: Budget.Unit = .trieu

    @Option(help: "The area's id, when the data knows it (ntp show), e.g. cao-bang/quang-hoa.")
    var scope: String?

    @Option(help: "Empty rows for communes (1-10000).")
    var rows: Int = 30

    @Option(help: "Fill the template from this scenario (its communes, status, capital, policy, overrides).")
    var from: String?

    @Flag(help: "Replace --out if it exists.")
    var force = false

    @OptionGroup var options: DataOptions

    func validate() throws {
        let lang = options.lang
        if let years, BudgetScenario.parseYears(years) == nil { throw ValidationError(lang("--years must read like 2022-2025")) }
        if !(1...10_000).contains(rows) { throw ValidationError(lang("--rows must be 1 to 10000, not \(rows)")) }
    }

    func run() throws {
        let url = URL(fileURLWithPath: out)
        if FileManager.default.fileExists(atPath: url.path) && !force {
            throw ValidationError(options.lang("\(out) exists (perhaps a filled-in template); give another --out, or --force to replace it"))
        }
        try checkOutput(out)
        var dataSet = try options.load()
        var prefill: WorkbookScenario?
        if let from {
            let loaded = try LoadedScenario(from, data: options.data, dataSet: dataSet)
            printWarnings(loaded.warnings, lang: options.lang)
            dataSet = loaded.dataSet
            prefill = WorkbookScenario(budget: loaded.budget, costs: loaded.costs, options: loaded.options, data: loaded.dataSet, file: from)
        }
        let template: WorkbookTemplate
        do {
            template = try WorkbookTemplate(
                options: .init(
                    phaseID: phase, criteriaSetID: criteriaSet, unit: prefill?.unit ?? (unit == .ty ? .ty : .trieu),
                    horizon: years.flatMap(BudgetScenario.parseYears), language: options.lang, blankRows: rows, scopeID: scope),
                data: dataSet, prefill: prefill)
        } catch {
            throw ValidationError(options.lang("\(out): \(error.message)"))
        }
        do { try template.workbook.write(to: url) } catch {
            // A file error in the language asked; a system reason worded, any other as the writer words it.
            let reason: Message = (error as? FileError)?.message ?? "\(out): cannot write: \(Message(.reason(of: error)))"
            StandardError.write(options.lang("Error: \(reason)") + "\n")
            throw ExitCode.failure
        }
        print(options.lang("Wrote \(out). Fill in the white cells, then run: ntp import \(out) --out FOLDER"))
    }
}
