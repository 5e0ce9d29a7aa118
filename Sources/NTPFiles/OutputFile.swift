#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writing a file the product makes (`--out`, `--write-mps`, a calibration file): the destination is a
/// regular file, which is replaced, or a new path in an existing folder; never a folder, a device, a
/// named pipe or a symbolic link (whose target would be replaced). The file appears whole or not at
/// all: it is written to a temporary file beside it (`TemporaryName`), flushed to disk, then renamed
/// over the destination, keeping the permissions of the file it replaces.
public enum OutputFile {
    /// Whether `path` may be written, so that a command can refuse before it starts its work.
    public static func checkDestination(_ path: String) throws(FileError) {
        _ = try destination(path)
    }

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws(FileError) {
        do {
            try write(to: path) { (temporary: String) throws(FileError) in
                try writeAll(data, to: temporary)
            }
        } catch let error as FileError {
            throw error
        } catch {
            throw .cannotWrite(path: path, reason: .reason(of: error))
        }
    }

    /// Writes `path` atomically through `produce`, which writes the file at the temporary path it is
    /// given (for writers that need a path: GLPK, libxlsxwriter). Throws a `FileError`, or what
    /// `produce` throws; either way the temporary file is gone and `path` is as it was.
    public static func write(to path: String, _ produce: (String) throws -> Void) throws {
        let (folder, existing) = try destination(path)
        Leftovers.clean(in: folder)
        let name = TemporaryName(target: (path as NSString).lastPathComponent, role: .tmp)
        let temporary = (folder as NSString).appendingPathComponent(name.name)
        do {
            try produce(temporary)
            try commit(temporary, to: path, mode: existing.map { $0.st_mode & 0o7777 })
        } catch let error as FileError {
            unlink(temporary)
            throw error.path == temporary ? error.moved(to: path) : error
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// The folder `path` goes into, and the file it replaces; or why it may not be written.
    static func destination(_ path: String) throws(FileError) -> (folder: String, existing: stat?) {
        let name = (path as NSString).lastPathComponent
        guard !name.isEmpty, name != ".", name != "..", !path.hasSuffix("/") else { throw .notAFile(path: path, kind: .folder) }
        guard name.utf8.count <= TemporaryName.longestTarget else { throw .nameTooLong(path: path, limit: TemporaryName.longestTarget) }
        var info = stat()
        var existing: stat?
        if lstat(path, &info) == 0 {
            let kind = FileKind(mode: info.st_mode)
            guard kind == .file else { throw .notAFile(path: path, kind: kind) }
            guard access(path, W_OK) == 0 else { throw .cannotWrite(path: path, reason: "the file is read-only") }
            existing = info
        } else if errno != ENOENT {
            throw .cannotWrite(path: path, reason: systemReason())
        }
        let folder = parentFolder(of: path)
        var folderInfo = stat()
        guard stat(folder, &folderInfo) == 0 else { throw .noFolder(path: path, folder: folder) }
        guard FileKind(mode: folderInfo.st_mode) == .folder else { throw .notAFolder(path: folder, kind: FileKind(mode: folderInfo.st_mode)) }
        guard access(folder, W_OK | X_OK) == 0 else { throw .cannotWrite(path: path, reason: "the folder \(folder) is not writable (\(systemReason()))") }
        return (folder, existing)
    }

    /// The folder holding `path` ("." for a bare name).
    static func parentFolder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Writes every byte of `data` to a new file at `path` and, with `flush`, to disk.
    static func writeAll(_ data: Data, to path: String, flush: Bool = true) throws(FileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: systemReason()) }
        var failure: Int32 = 0
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0 && flush && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw .cannotWrite(path: path, reason: systemReason(failure)) }
    }

    /// Renames the finished `temporary` over `path`, with the permissions `mode` of the file it replaces.
    static func commit(_ temporary: String, to path: String, mode: mode_t?) throws(FileError) {
        // The writer may have been a library that does not flush: flush here.
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: systemReason()) }
        if let mode { fchmod(descriptor, mode) }
        let synced = fsync(descriptor) == 0 ? 0 : errno
        close(descriptor)
        if synced != 0 { throw .cannotWrite(path: path, reason: systemReason(synced)) }
        guard rename(temporary, path) == 0 else { throw .cannotWrite(path: path, reason: systemReason()) }
        syncFolder(parentFolder(of: path))
    }

    /// Flushes a folder's entries, so that a rename survives a power cut (best effort).
    static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

/// POSIX `write`, which `OutputFile.write` hides inside the type.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}
