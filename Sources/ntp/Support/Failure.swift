import ArgumentParser
import Foundation
import NTPPlanning
import NTPText

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

    /// The language the command was asked for (`--lang`), read from the arguments so that an error is
    /// worded in it even when it ends the command before its options are at hand.
    static var language: Language {
        let arguments = CommandLine.arguments
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count, let lang = Language(rawValue: arguments[index + 1]) { return lang }
            if argument.hasPrefix("--lang="), let lang = Language(rawValue: String(argument.dropFirst(7))) { return lang }
        }
        return .vi
    }

    static func report(_ error: PlanningError, lang: Language = language) -> Int32 {
        switch error {
        case .scenarioHasErrors(let diagnostics):
            for diagnostic in diagnostics.all { StandardError.write(diagnostic.text(lang) + "\n") }
            return ExitCode.failure.rawValue
        case .planFileProblems:
            StandardError.write(lang(error.message) + "\n")
            return ExitCode.failure.rawValue
        case .invalidSetting(let setting, let message):
            StandardError.write(lang("Error: \(option(setting)) \(message)") + "\n")
            return ExitCode.validationFailure.rawValue
        default:
            StandardError.write(lang("Error: \(error.message)") + "\n")
            return ExitCode.failure.rawValue
        }
    }
}
