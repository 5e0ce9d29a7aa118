import NTPText

/// ArgumentParser's refusals of a command line, as messages of the catalogue. ArgumentParser gives
/// no typed error to word (its `ParserError` is internal; `message(for:)` is its English), so its
/// common sentences are recognised by their English (pinned by `LanguageTests`); any other is shown as
/// it writes it.
enum ParserMessages {
    static func message(_ english: String) -> Message {
        if let m = english.wholeMatch(of: /Unknown option '(.+)'\. Did you mean '(.+)'\?/) {
            return "Unknown option '\(m.1)'. Did you mean '\(m.2)'?"
        }
        if let m = english.wholeMatch(of: /Unknown option '(.+)'/) { return "Unknown option '\(m.1)'" }
        if let m = english.wholeMatch(of: /Missing value for '(.+)'/) { return "Missing value for '\(m.1)'" }
        if let m = english.wholeMatch(of: /Missing expected argument '(.+)'/) { return "Missing expected argument '\(m.1)'" }
        if let m = english.wholeMatch(of: /Unexpected argument '(.+)'/) { return "Unexpected argument '\(m.1)'" }
        if let m = english.wholeMatch(of: /([0-9]+) unexpected arguments: (.+)/) { return "\(m.1) unexpected arguments: \(m.2)" }
        if let m = english.wholeMatch(of: /The option '(.+)' does not take any value, but '(.+)' was specified\./) {
            return "The option '\(m.1)' does not take any value, but '\(m.2)' was specified."
        }
        if let m = english.wholeMatch(of: /The value '(.+?)' is invalid for '(.+?)'\. Please provide one of (?s)(.+)/) {
            let values = m.3.matches(of: /'[^']*'|- (\S+)/).map { match in match.output.1.map { "'\($0)'" } ?? String(match.output.0) }
            return "The value '\(m.1)' is invalid for '\(m.2)'; give one of \(values.joined(separator: ", "))"
        }
        if let m = english.wholeMatch(of: /The value '(.+?)' is invalid for '(.+?)'/) { return "The value '\(m.1)' is invalid for '\(m.2)'" }
        return .verbatim(english)
    }
}
