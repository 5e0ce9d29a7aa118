import Foundation

/// The one catalogue of messages: each English template of the code (`Message`) with its Vietnamese.
/// The entries live in `Catalogue+Entries.swift`, one line each, sorted by English, so that a missing or
/// doubled entry is easy to see in a diff; `NTPTextTests` checks every entry, and the CLI tests run `ntp`
/// in strict mode so that a message the code writes without an entry fails them.
public enum Catalogue {
    /// Set `NTP_CATALOGUE_CHECK=1` (the CLI tests do) to stop at a message with no Vietnamese, in either
    /// language, instead of falling back to its English.
    static let strict = ProcessInfo.processInfo.environment["NTP_CATALOGUE_CHECK"] == "1"

    /// A template the catalogue lacks: English is shown, or in strict mode the program stops naming it.
    static func missing(_ template: String) {
        guard strict else { return }
        FileHandle.standardError.write(Data("ntp: no Vietnamese for the message “\(template)” (add it to Sources/NTPText/Catalogue+Entries.swift)\n".utf8))
        exit(70)
    }

    /// Every entry, English template to Vietnamese, for checks.
    public static var entries: [String: String] { vietnamese }
}
