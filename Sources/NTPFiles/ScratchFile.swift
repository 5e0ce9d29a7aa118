#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A private copy of checked input for a library that reads only from a path (GLPK's model readers):
/// the library reads exactly the bytes that were checked, not a file that may have changed since.
public enum ScratchFile {
    /// Writes `data` to a new temporary file (named like `TemporaryName`, so that a killed run's copy
    /// is removed by a later one), runs `body` with its path, and removes it.
    public static func with<T>(_ data: Data, named name: String, _ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.path
        _ = cleanedOnce
        let safeName = String(name.filter { $0 != "/" }.utf8.prefix(TemporaryName.longestTarget)) ?? "input"
        let path = (folder as NSString).appendingPathComponent(TemporaryName(target: safeName, role: .tmp).name)
        defer { unlink(path) }
        try OutputFile.writeAll(data, to: path, flush: false)
        return try body(path)
    }

    /// A new private folder in the temporary folder, named like `TemporaryName` (`.NAME.ntp-tmp-PID-…`):
    /// its owner may leave it, and a later run removes it once the owner has ended.
    public static func folder(named name: String) throws(FileError) -> String {
        let folder = FileManager.default.temporaryDirectory.path
        _ = cleanedOnce
        let path = (folder as NSString).appendingPathComponent(TemporaryName(target: name, role: .tmp).name)
        guard mkdir(path, 0o700) == 0 else { throw .cannotWrite(path: path, reason: systemReason()) }
        return path
    }

    /// The temporary folder is shared and large: its leftovers are removed once per process.
    private static let cleanedOnce: Void = { Leftovers.clean(in: FileManager.default.temporaryDirectory.path) }()
}
