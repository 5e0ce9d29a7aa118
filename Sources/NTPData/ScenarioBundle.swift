import Foundation
import NTPDomain
import NTPText

/// A scenario as content: its effective YAML (what it extends merged in, its envelope changes applied)
/// and every file it names, so that it can be stored, sent and loaded again without the folder it came
/// from. The data folder is not in it: a bundle is loaded against a data set, whose digest a plan
/// records beside the bundle's.
public struct ScenarioBundle: Codable, Sendable, Hashable {
    /// The scenario file's name as the user knows it (`quang-hoa-2022-2025.yaml`).
    public let name: String
    /// The effective scenario; its file keys name entries of `files`.
    public let scenario: String
    /// File name → content (status table, plan, cost overrides, calibration).
    public let files: [String: String]

    public init(name: String, scenario: String, files: [String: String]) {
        self.name = name
        self.scenario = scenario
        self.files = files
    }

    /// SHA-256 of the scenario and its files: equal bundles, equal digests.
    public var digest: String {
        var text = "scenario\u{0}" + scenario
        for (name, content) in files.sorted(by: { $0.key < $1.key }) { text += "\u{0}file\u{0}" + name + "\u{0}" + content }
        return Digest.of(text)
    }

    /// The bundle of a resolved scenario: each file it names is read and renamed after its key
    /// (`status.csv`, `costs-overrides.csv`…). Nil, with a diagnostic, when a file cannot be read.
    public init?(_ resolved: ResolvedScenario, diagnostics: inout Diagnostics) {
        var files: [String: String] = [:]
        var paths: [String: String] = [:]
        for (key, path) in resolved.referencedFiles {
            let local = key.replacingOccurrences(of: ".", with: "-") + "." + ((path as NSString).pathExtension.isEmpty ? "txt" : (path as NSString).pathExtension)
            guard let text = readText(url: URL(fileURLWithPath: path), file: path, diagnostics: &diagnostics) else { return nil }
            files[local] = text
            paths[key] = local
        }
        self.init(name: (resolved.file as NSString).lastPathComponent, scenario: resolved.resolvedYAML(paths: paths), files: files)
    }

    /// Writes the bundle into a new folder under `parent` and returns the scenario file's path in it,
    /// ready for the loaders; the caller removes the folder.
    public func materialize(in parent: URL) throws -> URL {
        let folder = parent.appendingPathComponent("scenario-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, content) in files {
            guard Self.isPlainName(name) else { throw BundleError.unsafeName(name) }
            try Data(content.utf8).write(to: folder.appendingPathComponent(name))
        }
        let main = folder.appendingPathComponent(Self.isPlainName(name) && name.hasSuffix(".yaml") ? name : "scenario.yaml")
        try Data(scenario.utf8).write(to: main)
        return main
    }

    /// A file name with no folder in it: what a bundle may name (never a path taken from its content).
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.contains("\\") && name != "." && name != ".." && !name.hasPrefix(".")
            && !name.unicodeScalars.contains { $0.value < 0x20 }
    }

    public enum BundleError: Error, Sendable, CustomStringConvertible {
        case unsafeName(String)

        public var description: String {
            switch self {
            case .unsafeName(let name): "the scenario names a file “\(name)” that is not a plain file name"
            }
        }
    }
}
