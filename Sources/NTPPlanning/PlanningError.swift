import NTPData
import NTPFiles
import NTPDomain
import NTPText

/// A planning choice, as a front end names it to the user: the command line as an option
/// (`--target`), the workbench as a form field, the scenario file as a key.
public enum PlanSetting: String, Sendable, CaseIterable {
    case horizon, kinds, objective, costSource, capacity, minimumProgress, standardBonus, priority, targets
    case lockPlan, lockThrough, method, timeLimit, gap
    /// The budget sweep's sources and scales.
    case sources, scale
}

/// Why the planning workflow cannot go on: what was wrong and where. Never printed by the library;
/// the front end words it (`description` is the English wording).
public enum PlanningError: Error, Sendable, CustomStringConvertible {
    /// The data folder does not exist.
    case noDataFolder(String)
    /// The data folder has errors (`ntp validate` lists them).
    case dataHasErrors(folder: String, count: Int)
    /// The scenario file (or one it extends) has errors; every diagnostic, warnings included.
    case scenarioHasErrors(Diagnostics)
    /// A setting's value cannot be used.
    case invalidSetting(PlanSetting, Message)
    /// No horizon was given and the scenario's status plans no year.
    case noPlanningYears
    /// min-cost without a target: the least cost is to do nothing.
    case minCostNeedsTargets
    /// A plan file that cannot be read, with the reason.
    case planFile(path: String, reason: Message)
    /// A plan file that reads but does not agree with itself or its inputs: every problem, as
    /// `field: message` (`PlanDocument.problems(against:)`).
    case planFileProblems(path: String, problems: [Message])
    /// The plan to lock to meets a criterion the scenario's communes do not miss.
    case lockedCriterionNotMissing(plan: String, commune: String, criterion: String)
    /// A target asks for a criterion later than, or not at all as, the locked plan has it.
    case targetContradictsLock(target: String, commune: String, criterion: String, lockedYear: Int?)
    /// A target falls in the locked years, in which a criterion it covers is not met.
    case targetInLockedYears(target: String, through: Int, commune: String, criterion: String)
    /// The scenario a plan was made from cannot be rebuilt.
    indirect case cannotRebuildScenario(plan: String, scenario: String, data: String, reason: PlanningError)
    /// The formula baseline needs `baseline.coefficients` in the scenario.
    case formulaNeedsCoefficients(scenario: String)
    /// The 2026-2030 coefficients cannot be set for these communes: what their classification does not
    /// state (`CentralAllocationError` messages), one per commune.
    case unknownCommuneClasses(scenario: String, [Message])
    /// No envelope of the scenario has one of these sources or a source below them.
    case noEnvelopeOfSources([String])
    /// A commune asked for by id or name is not one of the scenario's.
    case notACommuneOfScenario(String, scenario: String)
    /// The commune does not miss the criterion asked about.
    case criterionNotMissing(commune: String, criterion: String)
    /// The solver module failed (not: found no plan).
    case solver(String)
    /// A file given could not be read, or one asked for could not be written.
    case file(FileError)

    /// The English wording; a front end shows `message` in its language.
    public var description: String { message.text(.en) }

    /// What went wrong and what to do, in either language (`Catalogue`).
    public var message: Message {
        switch self {
        case .noDataFolder(let folder):
            "\(folder): no such data folder (give --data, or run ntp from the project's folder)"
        case .dataHasErrors(let folder, let count):
            "\(folder) has \(count) errors; run `ntp validate \(folder)` to see them"
        case .scenarioHasErrors(let diagnostics):
            .joined(diagnostics.errors.map(\.message))
        case .invalidSetting(let setting, let message):
            "\(setting.rawValue): \(message)"
        case .noPlanningYears:
            "the scenario's status document plans no year; give --horizon"
        case .minCostNeedsTargets:
            "min-cost needs targets to meet: give --official-targets or --target"
        case .planFile(let path, let reason):
            "\(path): \(reason)"
        case .planFileProblems(let path, let problems):
            .joined(
                problems.prefix(PlanDocument.problemsListed).map { "\(path): error: \($0)" }
                    + (problems.count > PlanDocument.problemsListed ? ["\(path): \(problems.count - PlanDocument.problemsListed) more problems"] : [])
                    + ["\(path): the plan file is damaged or was changed by hand; nothing was read from it"])
        case .lockedCriterionNotMissing(let plan, let commune, let criterion):
            "\(plan): \(commune) criterion \(criterion) is not a criterion the scenario's communes miss"
        case .targetContradictsLock(let target, let commune, let criterion, let year):
            if let year {
                "the target \(target) contradicts the locked plan: \(commune) criterion \(criterion) is locked to \(year)"
            } else {
                "the target \(target) contradicts the locked plan: \(commune) criterion \(criterion) is not met within the horizon in it"
            }
        case .targetInLockedYears(let target, let through, let commune, let criterion):
            "the target \(target) falls in the locked years (through \(through)), in which \(commune) criterion \(criterion) is not met"
        case .cannotRebuildScenario(let plan, let scenario, let data, let reason):
            if case .scenarioHasErrors = reason {
                "\(plan): the scenario the plan was made from (\(scenario), data \(data)) has errors:\n\(reason.message)"
            } else {
                "\(plan): cannot rebuild the scenario the plan was made from (\(scenario), data \(data)): \(reason.message)"
            }
        case .formulaNeedsCoefficients(let scenario):
            "\(scenario): the formula baseline needs baseline.coefficients (Scenarios/README.md)"
        case .unknownCommuneClasses(let scenario, let problems):
            "\(scenario): the formula baseline splits by the 2026-2030 coefficients, which need each commune's class:\n\(Message.joined(problems))"
        case .noEnvelopeOfSources(let sources):
            "no envelope of the scenario has the source \(sources.joined(separator: ", ")) or one below it"
        case .notACommuneOfScenario(let commune, let scenario):
            "\(commune) is not a commune of \(scenario) (give its locality id or name; see ntp show)"
        case .criterionNotMissing(let commune, let criterion):
            "\(commune) does not miss criterion \(criterion)"
        case .solver(let message):
            "the solver failed: \(message)"
        case .file(let error):
            error.message
        }
    }
}
