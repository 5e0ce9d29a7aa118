import Foundation
import NTPData

/// A scenario as content: its YAML file and every file it names (the scenarios it extends, its status
/// table, plan, cost overrides and calibration), by path relative to one folder. What the store keeps
/// of a scenario version, so that a plan is always rebuilt from the very inputs it was made from, wherever
/// the folder it came from has gone. Loaded by writing the files to a folder of their own
/// (`materialize`).
///
/// Content from outside (an upload, an edit) is checked before anything reads it: every name is a plain
/// relative path, and every file a scenario names is one of the content's own, so no path a request
/// carries is ever opened outside that folder.
public struct ScenarioContent: Sendable, Equatable {
    /// The scenario file, one of `files`.
    public let root: String
    public let files: [String: Data]

    /// Most files a scenario carries, and the longest name.
    public static let maximumFiles = 64
    public static let maximumNameLength = 200

    /// Content from anywhere: names checked, references checked.
    public init(root: String, files: [String: Data]) throws(ScenarioContentError) {
        guard files.count <= Self.maximumFiles else { throw .tooManyFiles(files.count) }
        for name in files.keys where !Self.isPlainName(name) { throw .badName(name) }
        guard files[root] != nil else { throw .noSuchFile(root, namedBy: nil) }
        guard Self.isScenarioFile(root) else { throw .notAScenarioFile(root) }
        for (name, content) in files where Self.isScenarioFile(name) {
            let text = String(decoding: content, as: UTF8.self)
            for reference in ScenarioReference.of(yaml: text) {
                guard let path = ScenarioReference.contained(reference.path, from: name) else {
                    throw .referenceOutside(file: name, key: reference.key, path: reference.path)
                }
                guard files[path] != nil else { throw .noSuchFile(path, namedBy: "\(name): \(reference.key)") }
            }
        }
        self.root = root
        self.files = files
    }

    /// The digest of the content: the same files with the same bytes, the same root, the same digest.
    public var digest: String {
        Digest.sha256(parts: files.merging(["\u{0}root": Data(root.utf8)]) { own, _ in own })
    }

    /// The scenario file's text.
    public var rootText: String { String(decoding: files[root] ?? Data(), as: UTF8.self) }

    /// A name is a relative path of plain parts: no `..`, `.`, empty part, backslash, control character
    /// or leading `/`, and not too long.
    static func isPlainName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= maximumNameLength, !name.hasPrefix("/"), !name.contains("\\") else { return false }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return false }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count <= 8 && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    static func isScenarioFile(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

    /// The scenario at `path` (a file of a folder, as `ntp plan` takes it) and the files it names,
    /// followed through `extends`; names are relative to the deepest folder holding them all.
    public static func collect(scenario path: String) throws(ScenarioContentError) -> ScenarioContent {
        var found: [String: Data] = [:]
        var pending = [URL(fileURLWithPath: path).standardizedFileURL]
        while let url = pending.popLast() {
            guard found[url.path] == nil else { continue }
            let content: Data
            do { content = try Data(contentsOf: url) } catch { throw .unreadable(url.path, "\(error.localizedDescription)") }
            found[url.path] = content
            guard isScenarioFile(url.lastPathComponent) else { continue }
            for reference in ScenarioReference.of(yaml: String(decoding: content, as: UTF8.self)) {
                let target = reference.path.hasPrefix("/") ? URL(fileURLWithPath: reference.path) : url.deletingLastPathComponent().appendingPathComponent(reference.path)
                pending.append(target.standardizedFileURL)
            }
        }
        let folders = found.keys.map { URL(fileURLWithPath: $0).deletingLastPathComponent().pathComponents }
        var common = folders[0]
        for folder in folders.dropFirst() {
            common = Array(zip(common, folder).prefix { $0 == $1 }.map(\.0))
        }
        let base = common.count <= 1 ? "/" : "/" + common.dropFirst().joined(separator: "/") + "/"
        let relative = { (absolute: String) in String(absolute.dropFirst(base.count)) }
        return try ScenarioContent(
            root: relative(URL(fileURLWithPath: path).standardizedFileURL.path),
            files: Dictionary(uniqueKeysWithValues: found.map { (relative($0.key), $0.value) }))
    }

    /// Writes the files under `folder` (made if missing) and returns the scenario file's path there.
    public func materialize(in folder: URL) throws(ScenarioContentError) -> URL {
        do {
            for (name, content) in files {
                let url = folder.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try content.write(to: url, options: .atomic)
            }
        } catch {
            throw .unwritable(folder.path, "\(error.localizedDescription)")
        }
        return folder.appendingPathComponent(root)
    }

    /// This content with one more file, which becomes the scenario file (a what-if that extends the
    /// current scenario file).
    public func adding(root name: String, text: String) throws(ScenarioContentError) -> ScenarioContent {
        var files = self.files
        files[name] = Data(text.utf8)
        return try ScenarioContent(root: name, files: files)
    }
}

/// Why content cannot be a scenario: what and where.
public enum ScenarioContentError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooManyFiles(Int)
    case badName(String)
    case notAScenarioFile(String)
    /// A file the content lacks; `namedBy` is the file and key naming it.
    case noSuchFile(String, namedBy: String?)
    case referenceOutside(file: String, key: String, path: String)
    case unreadable(String, String)
    case unwritable(String, String)

    public var description: String {
        switch self {
        case .tooManyFiles(let count): "\(count) files: a scenario carries at most \(ScenarioContent.maximumFiles)"
        case .badName(let name): "“\(name)” is not a plain relative file name (no /, .., or control characters at its start or in its parts)"
        case .notAScenarioFile(let name): "\(name) is not a scenario file (.yaml)"
        case .noSuchFile(let name, let by):
            by.map { "\($0): names “\(name)”, which is not among the scenario's files" } ?? "\(name) is not among the scenario's files"
        case .referenceOutside(let file, let key, let path):
            "\(file): \(key): “\(path)” lies outside the scenario's files (give a path relative to the file, within them)"
        case .unreadable(let path, let reason): "\(path): cannot be read (\(reason))"
        case .unwritable(let path, let reason): "\(path): cannot be written (\(reason))"
        }
    }
}
