#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNTPFiles
import Foundation

/// Writing a folder the product makes as a whole (`ntp generate`, a CSV export): the new folder is
/// filled beside the destination (`.NAME.ntp-new-…`) and then takes its place, so that at every instant
/// the destination is the old folder whole or the new one whole.
///
/// The swap is one system call where the system can exchange two paths (Linux `renameat2` with
/// `RENAME_EXCHANGE`, macOS `RENAME_SWAP`); elsewhere it is two renames (old aside, new in place), and a
/// process killed between them leaves the old folder aside, which the next write finds and completes
/// (`Leftovers.clean`). The old folder is removed only once the new one is in place.
public enum OutputFolder {
    /// How the last swap was made, for tests and for messages.
    public enum Swap: Sendable {
        case exchange, twoRenames, rename
    }

    /// Whether `path` may be written as a folder: a folder (replaced) or a new path in an existing
    /// folder; never a file, a device, a named pipe or a symbolic link.
    public static func checkDestination(_ path: String) throws(FileError) {
        _ = try destination(path)
    }

    /// Fills a new folder through `build` (given its path) and puts it at `path` in one step. Throws a
    /// `FileError` or what `build` throws; either way `path` is as it was and the new folder is gone.
    /// `exchange: false` makes the swap two renames, as on a system without an exchange.
    @discardableResult
    public static func replace(_ given: String, exchange: Bool = true, build: (String) throws -> Void) throws -> Swap {
        let (path, folder, exists) = try destination(given)
        Leftovers.clean(in: folder)
        let target = (path as NSString).lastPathComponent
        let staging = (folder as NSString).appendingPathComponent(TemporaryName(target: target, role: .new).name)
        guard mkdir(staging, 0o777) == 0 else { throw FileError.cannotWrite(path: path, reason: systemReason()) }
        do {
            try build(staging)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        syncTree(staging)
        guard exists else {
            guard rename(staging, path) == 0 else {
                let reason = systemReason()
                try? FileManager.default.removeItem(atPath: staging)
                throw FileError.cannotWrite(path: path, reason: reason)
            }
            OutputFile.syncFolder(folder)
            return .rename
        }
        if exchange && ntp_files_exchange(staging, path) == 0 {
            // `staging` now names the old folder.
            OutputFile.syncFolder(folder)
            try? FileManager.default.removeItem(atPath: staging)
            return .exchange
        }
        if exchange && ![EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(errno) {
            let reason = systemReason()
            try? FileManager.default.removeItem(atPath: staging)
            throw FileError.cannotWrite(path: path, reason: reason)
        }
        let aside = (folder as NSString).appendingPathComponent(TemporaryName(target: target, role: .old).name)
        guard rename(path, aside) == 0 else {
            let reason = systemReason()
            try? FileManager.default.removeItem(atPath: staging)
            throw FileError.cannotWrite(path: path, reason: reason)
        }
        guard rename(staging, path) == 0 else {
            let reason = systemReason()
            rename(aside, path)
            try? FileManager.default.removeItem(atPath: staging)
            throw FileError.cannotWrite(path: path, reason: reason)
        }
        OutputFile.syncFolder(folder)
        try? FileManager.default.removeItem(atPath: aside)
        return .twoRenames
    }

    /// Writes a new file inside a folder being built by `replace` (flushed with the whole folder before
    /// the swap). Intermediate folders are made.
    public static func add(_ data: Data, at path: String) throws(FileError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && FileKind.of(folder) == nil {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw .cannotWrite(path: path, reason: "cannot make the folder \(folder)")
            }
        }
        try OutputFile.writeAll(data, to: path, flush: false)
    }

    /// `path` without a trailing slash, the folder it goes into and whether a folder is already there;
    /// or why it may not be written.
    static func destination(_ path: String) throws(FileError) -> (path: String, folder: String, exists: Bool) {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let name = (trimmed as NSString).lastPathComponent
        guard !name.isEmpty, name != ".", name != "..", name != "/" else { throw .cannotWrite(path: path, reason: "give the folder by its name") }
        guard name.utf8.count <= TemporaryName.longestTarget else { throw .nameTooLong(path: path, limit: TemporaryName.longestTarget) }
        let kind = FileKind.of(trimmed)
        if let kind, kind != .folder { throw .notAFolder(path: path, kind: kind) }
        let folder = OutputFile.parentFolder(of: trimmed)
        var info = stat()
        guard stat(folder, &info) == 0 else { throw .noFolder(path: path, folder: folder) }
        guard FileKind(mode: info.st_mode) == .folder else { throw .notAFolder(path: folder, kind: FileKind(mode: info.st_mode)) }
        guard access(folder, W_OK | X_OK) == 0 else { throw .cannotWrite(path: path, reason: "the folder \(folder) is not writable (\(systemReason()))") }
        return (trimmed, folder, kind == .folder)
    }

    /// Flushes every file and folder under `path` to disk, so that the swap never puts in place a
    /// folder whose files a power cut would empty (best effort).
    static func syncTree(_ path: String) {
        if let enumerator = FileManager.default.enumerator(atPath: path) {
            for case let relative as String in enumerator {
                let descriptor = open((path as NSString).appendingPathComponent(relative), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
                if descriptor >= 0 {
                    fsync(descriptor)
                    close(descriptor)
                }
            }
        }
        OutputFile.syncFolder(path)
    }
}
