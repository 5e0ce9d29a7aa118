import Foundation
import NTPData

/// A copy of the repository's `Data/` in a temporary folder, to break one file at a time.
struct DataFixture {
    static let repositoryData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data")

    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-data-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.repositoryData, to: root)
    }

    /// Rewrites `file` (relative to the data folder) through `change`.
    func edit(_ file: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        try change(text).write(to: url, atomically: true, encoding: .utf8)
    }

    /// Appends `line` to a CSV file.
    func append(_ file: String, _ line: String) throws {
        try edit(file) { $0 + line + "\n" }
    }

    func load() -> (DataSet, Diagnostics) { DataSet.load(root: root) }
}

extension Diagnostics {
    /// The errors about `file`.
    func errors(in file: String) -> [Diagnostic] { errors.filter { $0.file == file } }
}
