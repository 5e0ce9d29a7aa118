import ArgumentParser
import Foundation
import NTPPlanning
import NTPReports
import NTPText
import GLPKSwift
import NTPDomain
import NTPFiles

/// `ntp solve`: reads a model file, solves it with GLPK, prints the outcome. The cross-check tool for
/// every model the product exports.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve an LP or MILP model file (MPS or CPLEX LP) with GLPK.",
        discussion: """
            A model with integer or binary columns is solved by branch-and-cut, with live progress on \
            standard error; otherwise by the simplex method (add --values to see duals). \
            Exit status: 0 when a feasible point was found (optimal or not), 2 when none was \
            (infeasible, unbounded, or a limit reached first), 1 on an error, 64 on bad options.
            """
    )

    @Argument(help: "The model file: .mps (free MPS) or .lp (CPLEX LP).")
    var file: String

    @Option(help: "File format, when the extension does not tell.")
    var format: ModelFileFormat?

    @Option(help: "Wall-clock time limit in seconds, at most 86400.")
    var timeLimit: Double?

    @Option(help: "Relative MIP gap at which to stop, 0-1, e.g. 0.01 for 1 %.")
    var gap: Double = 0

    @Flag(inversion: .prefixedNo, help: "Use GLPK's presolver.")
    var presolve: Bool = true

    @Option(help: "Cut families: none, all, or a comma-separated list of gomory, mir, cover, clique.")
    var cuts: CutSelection = CutSelection(families: [])

    @Flag(help: "Run the feasibility pump heuristic (MILP).")
    var feasibilityPump = false

    @Flag(help: "Run the proximity search heuristic (MILP).")
    var proximitySearch = false

    @Option(help: "Branching rule (MILP).")
    var branching: MILPOptions.Branching = .driebeckTomlin

    @Flag(help: "Solve the LP relaxation even if the model has integer columns.")
    var relax = false

    @Flag(help: "Print the non-zero column values (and, for an LP, the row duals).")
    var values = false

    @Flag(help: "Show GLPK's own output on standard error.")
    var verbose = false

    @Option(help: "Language of the output: vi or en.")
    var lang: Language = .vi

    func validate() throws {
        try check(timeLimit, "--time-limit", Limits.timeLimitSeconds)
        try check(gap, "--gap", Limits.gap)
        if format == nil, ModelFileFormat(pathExtension: URL(fileURLWithPath: file).pathExtension) == nil {
            throw ValidationError(lang("cannot tell the format of \(file) from its extension; add --format mps|fixed-mps|lp"))
        }
    }

    /// Solves, and says in the output's language why a file cannot be read or GLPK failed (GLPK's own
    /// log as it wrote it).
    func run() throws {
        do {
            try solve()
        } catch let error as FileError {
            throw failure(error.message)
        } catch GLPKError.modelFile(let path, "read", let log) {
            throw failure("cannot read \(path): \(Message.verbatim(log.split(whereSeparator: \.isNewline).joined(separator: " | ")))")
        } catch let error as GLPKError {
            throw failure(.verbatim(error.description))
        }
    }

    private func failure(_ message: Message) -> ExitCode {
        StandardError.write(lang("Error: \(message)") + "\n")
        return .failure
    }

    private func solve() throws {
        let url = URL(fileURLWithPath: file)
        let fileFormat = format ?? ModelFileFormat(pathExtension: url.pathExtension)!
        let problem = try GLPK.read(from: url, format: fileFormat)
        let report = Report()
        report.field(lang("Model"), "\(url.lastPathComponent): \(lang(modelSummary(problem)))")
        let output: SolverOutputSink? = verbose ? { @Sendable in StandardError.write($0) } : nil
        let timeLimit = self.timeLimit.map { Duration.milliseconds(Int64(($0 * 1000).rounded(.up))) }

        let hasPoint: Bool
        if problem.hasIntegerColumns && !relax {
            let options = MILPOptions(
                timeLimit: timeLimit, relativeGap: gap, presolve: presolve, cuts: cuts.families,
                feasibilityPump: feasibilityPump, proximitySearch: proximitySearch, branching: branching,
                progressInterval: ProgressLine.interval, output: output)
            let progress = ProgressLine()
            let solution = try GLPK.solveMILP(problem, options: options) { progress.show($0, lang: lang) }
            progress.finish()
            report.field(lang("Status"), lang.name(of: solution.termination))
            report.field(lang("Objective"), solution.objectiveValue.map(formatNumber) ?? lang("none (no integer-feasible point)"))
            report.field(lang("Best bound"), solution.bestBound.map(formatNumber) ?? lang("none"))
            report.field(lang("Gap"), solution.relativeGap.map(formatPercent) ?? lang("none"))
            report.field(lang("Time"), formatSeconds(solution.solveTime))
            if values { report.columnValues(problem, solution.columnValues, lang: lang) }
            hasPoint = solution.primalStatus == .feasiblePoint
        } else {
            let options = LPOptions(presolve: presolve, timeLimit: timeLimit, output: output)
            let solution = try GLPK.solveLP(problem, options: options)
            report.field(lang("Status"), lang.name(of: solution.termination))
            report.field(lang("Objective"), solution.objectiveValue.map(formatNumber) ?? lang("none"))
            report.field(lang("Time"), formatSeconds(solution.solveTime))
            if values {
                report.columnValues(problem, solution.columnValues, lang: lang)
                if let duals = solution.rowDuals { report.rowDuals(problem, duals, lang: lang) }
            }
            hasPoint = solution.primalStatus == .feasiblePoint
        }
        print(report.text, terminator: "")
        if !hasPoint { throw ExitCode(2) }
    }
}

/// `--cuts` values.
struct CutSelection: ExpressibleByArgument, CustomStringConvertible {
    var families: CutFamilies

    var description: String {
        let names: [(CutFamilies, String)] = [(.gomory, "gomory"), (.mixedIntegerRounding, "mir"), (.cover, "cover"), (.clique, "clique")]
        let chosen = names.filter { families.contains($0.0) }.map(\.1)
        return chosen.isEmpty ? "none" : chosen.joined(separator: ",")
    }

    init(families: CutFamilies) { self.families = families }

    init?(argument: String) {
        switch argument {
        case "none": families = []
        case "all": families = .all
        default:
            var selected: CutFamilies = []
            for name in argument.split(separator: ",") {
                switch name.trimmingCharacters(in: .whitespaces) {
                case "gomory": selected.insert(.gomory)
                case "mir": selected.insert(.mixedIntegerRounding)
                case "cover": selected.insert(.cover)
                case "clique": selected.insert(.clique)
                default: return nil
                }
            }
            families = selected
        }
    }
}

extension ModelFileFormat: ExpressibleByArgument {}
extension MILPOptions.Branching: ExpressibleByArgument {}
