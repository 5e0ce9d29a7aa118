import Foundation
import Yams

/// The files a scenario file names: the scenario it `extends` and the paths under `plan.file`,
/// `status.file`, `costs.overrides` and `costs.calibration`, each as written (relative to the file).
/// What a scenario is made of beyond its own text, read without opening any of those files, so that
/// content from elsewhere (an upload) can be checked to name only files it carries before it is loaded.
public struct ScenarioReference: Sendable, Equatable {
    /// `extends`, or one of `ResolvedScenario.pathKeys`.
    public let key: String
    public let path: String

    /// The references of one scenario file's text; a text that is not YAML, or not a mapping, names none
    /// (the loader reports it).
    public static func of(yaml text: String) -> [ScenarioReference] {
        guard case .mapping(let mapping)? = try? Yams.compose(yaml: text) else { return [] }
        var found: [ScenarioReference] = []
        if let parent = mapping["extends"]?.string { found.append(ScenarioReference(key: "extends", path: parent)) }
        for key in ResolvedScenario.pathKeys.sorted() {
            let parts = key.split(separator: ".").map(String.init)
            if let path = mapping[parts[0]]?.mapping?[parts[1]]?.string { found.append(ScenarioReference(key: key, path: path)) }
        }
        return found
    }

    /// `path` (as written in a file at `file`, both relative to one folder) as a path relative to that
    /// folder, or nil when it is absolute or leaves the folder.
    public static func contained(_ path: String, from file: String) -> String? {
        guard !path.hasPrefix("/"), !path.isEmpty else { return nil }
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
