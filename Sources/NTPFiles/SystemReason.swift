#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Why the system refused to read or write (an `errno`), worded so that an officer can act on it: the
/// common causes in words of the catalogue, any other with the system's own sentence marked as such.
/// `strerror` and Foundation's `localizedDescription` speak English only.
public struct SystemReason: Sendable, Hashable, CustomStringConvertible {
    public let code: Int32

    /// The reason `code` names; by default the current `errno`.
    public init(code: Int32 = errno) { self.code = code }

    /// The system's reason inside an error Foundation or the standard library throws (`POSIXError`,
    /// `CocoaError` from `FileManager` or `Data.write`, an `NSError` of the POSIX domain); nil when it
    /// holds none.
    public init?(of error: any Error) {
        if let error = error as? POSIXError {
            self.init(code: error.code.rawValue)
            return
        }
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain {
            self.init(code: Int32(truncatingIfNeeded: error.code))
        } else if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            self.init(code: Int32(truncatingIfNeeded: underlying.code))
        } else if error.domain == NSCocoaErrorDomain, let code = Self.posixCode(cocoa: CocoaError.Code(rawValue: error.code)) {
            self.init(code: code)
        } else {
            return nil
        }
    }

    /// The errno a Foundation file error without an underlying POSIX error stands for.
    private static func posixCode(cocoa code: CocoaError.Code) -> Int32? {
        switch code {
        case .fileNoSuchFile, .fileReadNoSuchFile: ENOENT
        case .fileReadNoPermission, .fileWriteNoPermission: EACCES
        case .fileWriteOutOfSpace: ENOSPC
        case .fileWriteVolumeReadOnly: EROFS
        case .fileWriteFileExists: EEXIST
        default: nil
        }
    }

    /// The causes worded in the catalogue; every other code is shown with the system's sentence.
    public static let worded: [Int32] = [ENOENT, EACCES, EPERM, ENOSPC, EDQUOT, EISDIR, ENOTDIR, EROFS, EEXIST, ENAMETOOLONG, EMFILE, ENFILE]

    /// What went wrong, as the messages about a file word it ("permission denied").
    public var wording: Wording {
        switch code {
        case ENOENT: "no such file or folder"
        case EACCES, EPERM: "permission denied (the user running ntp may not do this here)"
        case ENOSPC, EDQUOT: "no space left on the disk"
        case EISDIR: "it is a folder, not a file"
        case ENOTDIR: "a part of the path is not a folder"
        case EROFS: "the disk is read-only"
        case EEXIST: "a file or folder of that name already exists"
        case ENAMETOOLONG: "the name is too long for the system"
        case EMFILE, ENFILE: "too many files are open; close some programs and try again"
        default: "system error \(code) (the system's own words: \(Self.sentence(code)))"
        }
    }

    /// The English of `wording`.
    public var description: String { wording.description }

    /// The system's English sentence for `code`, in lower case as it reads inside a message.
    static func sentence(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

extension Wording {
    /// Why `error` happened, for a message about a file: the system's reason worded, or else the
    /// library's own English text, marked as such.
    public static func reason(of error: any Error) -> Wording {
        if let error = error as? FileError { return error.wording }
        if let reason = SystemReason(of: error) { return reason.wording }
        let cocoa = (error as NSError).domain == NSCocoaErrorDomain
        return "in the library's own words: \(cocoa ? error.localizedDescription : String(describing: error))"
    }
}
