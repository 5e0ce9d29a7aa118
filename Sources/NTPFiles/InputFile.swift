#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reading a file the product was given: only a regular file (a folder, named pipe or device is
/// refused by name, so that nothing blocks on a pipe or reads a device forever), no larger than the
/// limit for its kind, and for text, UTF-8.
public enum InputFile {
    /// The largest data, scenario, status or plan file read (docs/limits.md): far above the largest
    /// real one (a 3.300-commune status table is under 2 MiB), far below the memory of a laptop.
    public static let textLimit: Int64 = 64 << 20
    /// The largest model file (MPS, CPLEX LP) read: a 3.300-commune model is about 100 MiB.
    public static let modelLimit: Int64 = 1 << 30

    /// The bytes of the regular file at `path` (a symbolic link to one is followed).
    public static func data(at path: String, limit: Int64 = textLimit) throws(FileError) -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw errno == ENOENT || errno == ENOTDIR ? .missing(path: path) : .cannotRead(path: path, reason: systemReason())
        }
        let kind = FileKind(mode: info.st_mode)
        guard kind == .file else { throw .notAFile(path: path, kind: kind) }
        guard Int64(info.st_size) <= limit else { throw .tooLarge(path: path, bytes: Int64(info.st_size), limit: limit) }
        // Non-blocking, and checked again once open: the path may have been replaced by a pipe meanwhile.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotRead(path: path, reason: systemReason()) }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { throw .cannotRead(path: path, reason: systemReason()) }
        let opened = FileKind(mode: info.st_mode)
        guard opened == .file else { throw .notAFile(path: path, kind: opened) }

        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: systemReason())
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
            if Int64(data.count) > limit { throw .tooLarge(path: path, bytes: Int64(data.count), limit: limit) }
        }
        return data
    }

    /// The text of the regular file at `path`: strict UTF-8, a leading byte-order mark (as Excel writes
    /// one) left out.
    public static func text(at path: String, limit: Int64 = textLimit) throws(FileError) -> String {
        var bytes = try data(at: path, limit: limit)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notText(path: path) }
        return text
    }
}
