#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is at a path, as a user would name it in a message.
public enum FileKind: String, Sendable, Equatable, CustomStringConvertible {
    case file, folder, fifo, device, socket, symbolicLink, other

    /// The kind of the entry whose `st_mode` is `mode`.
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .file
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .fifo
        case S_IFCHR, S_IFBLK: self = .device
        case S_IFSOCK: self = .socket
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    /// The entry at `path` itself (a symbolic link is not followed); nil when there is none.
    public static func of(_ path: String) -> FileKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileKind(mode: info.st_mode)
    }

    public var description: String { wording.description }

    /// What is there, as the messages about a file name it ("a named pipe (FIFO)").
    public var wording: Wording {
        switch self {
        case .file: "a file"
        case .folder: "a folder"
        case .fifo: "a named pipe (FIFO)"
        case .device: "a device"
        case .socket: "a socket"
        case .symbolicLink: "a symbolic link"
        case .other: "not a regular file"
        }
    }
}

/// Why a file could not be read or written. Each case names the path; `wording` is the message a
/// user reads: the path, what is there or what failed, and what is expected.
public enum FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing is at the path.
    case missing(path: String)
    /// A file was expected and something else is there.
    case notAFile(path: String, kind: FileKind)
    /// A folder was expected and something else is there.
    case notAFolder(path: String, kind: FileKind)
    /// The folder a new file or folder would go into does not exist.
    case noFolder(path: String, folder: String)
    /// Larger than the product reads for this kind of input.
    case tooLarge(path: String, bytes: Int64, limit: Int64)
    /// Not UTF-8 text.
    case notText(path: String)
    /// The system refused to read it (permissions, an I/O error…): its reason.
    case cannotRead(path: String, reason: Wording)
    /// The system refused to write it: its reason. Nothing was changed at the path.
    case cannotWrite(path: String, reason: Wording)
    /// The name is too long to keep a temporary copy beside it.
    case nameTooLong(path: String, limit: Int)

    public var path: String {
        switch self {
        case .missing(let path), .notAFile(let path, _), .notAFolder(let path, _), .noFolder(let path, _), .tooLarge(let path, _, _),
            .notText(let path), .cannotRead(let path, _), .cannotWrite(let path, _), .nameTooLong(let path, _):
            path
        }
    }

    /// The same error about `path` (a temporary file's error, told about its destination).
    func moved(to path: String) -> FileError {
        switch self {
        case .missing: .missing(path: path)
        case .notAFile(_, let kind): .notAFile(path: path, kind: kind)
        case .notAFolder(_, let kind): .notAFolder(path: path, kind: kind)
        case .noFolder(_, let folder): .noFolder(path: path, folder: folder)
        case .tooLarge(_, let bytes, let limit): .tooLarge(path: path, bytes: bytes, limit: limit)
        case .notText: .notText(path: path)
        case .cannotRead(_, let reason): .cannotRead(path: path, reason: reason)
        case .cannotWrite(_, let reason): .cannotWrite(path: path, reason: reason)
        case .nameTooLong(_, let limit): .nameTooLong(path: path, limit: limit)
        }
    }

    /// The English of `wording`.
    public var description: String { wording.description }

    /// The message a user reads, naming the file; its Vietnamese is in the catalogue of the layer that
    /// shows it (`FileError.message` in NTPText).
    public var wording: Wording {
        switch self {
        case .missing(let path):
            "\(path): no such file"
        case .notAFile(let path, .symbolicLink):
            "\(path) is a symbolic link: ntp writes only to a regular file or a new path, never through a link (give the path it points to)"
        case .notAFile(let path, let kind):
            "\(path) is \(kind.wording), not a file"
        case .notAFolder(let path, let kind):
            "\(path) is \(kind.wording), not a folder"
        case .noFolder(let path, let folder):
            "\(path): the folder \(folder) does not exist"
        case .tooLarge(let path, let bytes, let limit):
            "\(path) is \(size(bytes)); ntp reads at most \(size(limit)) of this kind of file (docs/limits.md)"
        case .notText(let path):
            "\(path) is not UTF-8 text"
        case .cannotRead(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .cannotWrite(let path, let reason):
            "\(path): cannot write: \(reason); nothing was written"
        case .nameTooLong(let path, let limit):
            "\(path): the file name is longer than \(limit) bytes"
        }
    }
}

/// "3 MiB" (a symbol, the same in every language), or "512 bytes" below a mebibyte.
private func size(_ bytes: Int64) -> Wording {
    bytes >= 1 << 20 ? Wording("{1} {2}", [.text(String(bytes >> 20)), .text("MiB")]) : "\(bytes) bytes"
}

/// Why the system refused, for the current `errno` or `code`, worded (`SystemReason`).
func systemReason(_ code: Int32 = errno) -> Wording { SystemReason(code: code).wording }
