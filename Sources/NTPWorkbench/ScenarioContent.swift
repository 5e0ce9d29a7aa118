import Foundation
import NTPData
import NTPFiles
import NTPText

/// Scenario files as a request brings them (an upload): the scenario file and every file it names (the
/// scenarios it extends, its status table, plan, cost overrides and calibration), by path relative to
/// one folder. Checked before anything reads them: every name is a plain relative path, and every file
/// a scenario names is one of them, so no path a request carries is ever opened outside the folder
/// they are written to (`materialize`), from which the loaders make the version's `ScenarioBundle`.
struct ScenarioContent: Sendable, Equatable {
    /// The scenario file, one of `files`.
    let root: String
    let files: [String: Data]

    /// Most files a scenario carries, and the longest name.
    static let maximumFiles = 64
    static let maximumNameLength = 200

    /// Content from anywhere: names checked, references checked.
    init(root: String, files: [String: Data]) throws(ScenarioContentError) {
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

    /// The scenario file's text.
    var rootText: String { String(decoding: files[root] ?? Data(), as: UTF8.self) }

    /// A name is a relative path of plain parts: no `..`, `.`, empty part, backslash, control character
    /// or leading `/`, and not too long.
    static func isPlainName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= maximumNameLength, !name.hasPrefix("/"), !name.contains("\\") else { return false }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return false }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count <= 8 && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    static func isScenarioFile(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

    /// Writes the files under `folder` (made if missing) and returns the scenario file's path there.
    func materialize(in folder: URL) throws(ScenarioContentError) -> URL {
        do {
            for (name, content) in files {
                let url = folder.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try content.write(to: url, options: .atomic)
            }
        } catch {
            throw .unwritable(folder.path, .reason(of: error))
        }
        return folder.appendingPathComponent(root)
    }
}

/// Why content cannot be a scenario: what and where.
enum ScenarioContentError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooManyFiles(Int)
    case badName(String)
    case notAScenarioFile(String)
    /// A file the content lacks; `namedBy` is the file and key naming it.
    case noSuchFile(String, namedBy: String?)
    case referenceOutside(file: String, key: String, path: String)
    case unwritable(String, Wording)

    /// What is wrong, in either language.
    var message: Message {
        switch self {
        case .tooManyFiles(let count): "\(count) files: a scenario carries at most \(ScenarioContent.maximumFiles)"
        case .badName(let name): "“\(name)” is not a plain relative file name (no /, .., or control characters at its start or in its parts)"
        case .notAScenarioFile(let name): "\(name) is not a scenario file (.yaml)"
        case .noSuchFile(let name, let by):
            by.map { "\($0): names “\(name)”, which is not among the scenario's files" } ?? "\(name) is not among the scenario's files"
        case .referenceOutside(let file, let key, let path):
            "\(file): \(key): “\(path)” lies outside the scenario's files (give a path relative to the file, within them)"
        case .unwritable(let path, let reason): "\(path): cannot be written (\(Message(reason)))"
        }
    }

    var description: String { message.text(.en) }
}
