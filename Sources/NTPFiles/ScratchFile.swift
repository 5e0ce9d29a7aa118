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
        Leftovers.clean(in: folder)
        let safeName = String(name.filter { $0 != "/" }.utf8.prefix(TemporaryName.longestTarget)) ?? "input"
        let path = (folder as NSString).appendingPathComponent(TemporaryName(target: safeName, role: .tmp).name)
        defer { unlink(path) }
        try OutputFile.writeAll(data, to: path, flush: false)
        return try body(path)
    }
}
