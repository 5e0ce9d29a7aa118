import ArgumentParser
import Foundation
import NTPPlanning

/// How a library error ends the command: the message on standard error and the exit status (1 for
/// an error in the files, 64 for an option value the scenario cannot use).
enum Failure {
    /// The option a planning setting is given by on the command line.
    static func option(_ setting: PlanSetting) -> String {
        switch setting {
        case .horizon: "--horizon"
        case .kinds: "--kinds"
        case .objective: "--objective"
        case .costSource: "--cost-source"
        case .capacity: "--capacity"
        case .minimumProgress: "--min-progress"
        case .standardBonus: "--standard-bonus"
        case .priority: "--priority"
        case .targets: "--target"
        case .lockPlan: "--lock-plan"
        case .lockThrough: "--lock-through"
        case .method: "--method"
        case .timeLimit: "--time-limit"
        case .gap: "--gap"
        case .sources: "--source"
        case .scale: "--scale"
        }
    }

    static func report(_ error: PlanningError) -> Int32 {
        switch error {
        case .scenarioHasErrors(let diagnostics):
            for diagnostic in diagnostics.all { StandardError.write("\(diagnostic)\n") }
            return ExitCode.failure.rawValue
        case .planFileProblems:
            StandardError.write("\(error)\n")
            return ExitCode.failure.rawValue
        case .invalidSetting(let setting, let message):
            StandardError.write("Error: \(option(setting)) \(message)\n")
            return ExitCode.validationFailure.rawValue
        default:
            StandardError.write("Error: \(error)\n")
            return ExitCode.failure.rawValue
        }
    }
}
