import Foundation
import ZIPFoundation

/// A folder as one zip file (the CSV export's download).
enum Zip {
    static func folder(_ folder: URL) throws -> Data {
        let archive = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + ".zip")
        try FileManager.default.zipItem(at: folder, to: archive, shouldKeepParent: true)
        defer { try? FileManager.default.removeItem(at: archive) }
        return try Data(contentsOf: archive)
    }
}
