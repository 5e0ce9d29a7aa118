#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The temporary entries a write makes beside its destination, named so that a later run recognises
/// them: `.NAME.ntp-ROLE-PID-RANDOM`, hidden, with the process that made them.
///
/// - `tmp`: a file being written, renamed over NAME when whole;
/// - `new`: a folder being filled, which then takes NAME's place (after an exchange it holds the old
///   folder until it is removed);
/// - `old`: the old folder moved aside where the system cannot exchange two folders in one step.
///
/// A process killed at any moment leaves at most these. The next write into the same folder removes
/// those whose process is gone (never another live process's), and first finishes a folder swap that
/// was cut between its two renames (NAME missing, its `old` and `new` both there: the new folder is
/// whole, since the old one is only moved once the new one is complete).
public struct TemporaryName: Sendable, Hashable {
    public enum Role: String, Sendable, CaseIterable {
        case tmp, new, old
    }

    /// The destination's name (the last path component).
    public let target: String
    public let role: Role
    public let pid: Int32
    public let tag: String

    /// Longest destination name a temporary name is made for (the system allows 255 bytes in all).
    public static let longestTarget = 200

    /// A new name for `role` of `target`, of this process.
    init(target: String, role: Role) {
        self.target = target
        self.role = role
        pid = getpid()
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        tag = String((0..<8).map { _ in letters[Int(generator.next(upperBound: UInt64(letters.count)))] })
    }

    /// Reads a name back; nil when `name` is not one of these.
    public init?(parsing name: String) {
        guard name.hasPrefix("."), let marker = name.range(of: ".ntp-", options: .backwards), marker.lowerBound > name.index(after: name.startIndex)
        else { return nil }
        let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let role = Role(rawValue: String(parts[0])), let pid = Int32(parts[1]), pid > 0,
            parts[2].count == 8, parts[2].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) })
        else { return nil }
        target = String(name[name.index(after: name.startIndex)..<marker.lowerBound])
        self.role = role
        self.pid = pid
        tag = String(parts[2])
    }

    public var name: String { ".\(target).ntp-\(role.rawValue)-\(pid)-\(tag)" }

    /// Whether the process that made it has ended. A live process, or one of another user (`EPERM`),
    /// keeps its entries.
    var processIsGone: Bool {
        pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }
}

public enum Leftovers {
    /// Removes from `folder` every temporary entry (`TemporaryName`) of a process that is gone, after
    /// finishing any folder swap such a process was cut off in. Returns what was removed or restored,
    /// by name. Failures are ignored: a leftover that cannot be removed stays until a later run can.
    @discardableResult
    public static func clean(in folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        let found = names.compactMap(TemporaryName.init(parsing:)).filter(\.processIsGone)
        var handled: [String] = []
        let path = { (name: String) in (folder as NSString).appendingPathComponent(name) }

        // A swap cut between its two renames: the destination is missing, its old folder aside.
        for old in found where old.role == .old && FileKind.of(path(old.target)) == nil {
            let new = found.first { $0.role == .new && $0.target == old.target && $0.pid == old.pid }
            let restored = new ?? old
            if rename(path(restored.name), path(old.target)) == 0 { handled.append(restored.name) }
        }
        for leftover in found where !handled.contains(leftover.name) && FileKind.of(path(leftover.name)) != nil {
            if (try? FileManager.default.removeItem(atPath: path(leftover.name))) != nil { handled.append(leftover.name) }
        }
        return handled
    }
}
