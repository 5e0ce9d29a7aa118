import Crypto
import Foundation

/// SHA-256 in lowercase hexadecimal: the identity of a scenario's content, of a data folder and of a
/// session token as the store keeps it.
public enum Digest {
    public static func sha256(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Named parts (path → content) digested in path order, each part's name and length before its
    /// bytes, so that moving bytes from one file to the next changes the digest.
    public static func sha256(parts: [String: Data]) -> String {
        var hasher = SHA256()
        for path in parts.keys.sorted() {
            let content = parts[path]!
            hasher.update(data: Data("\(path)\u{0}\(content.count)\u{0}".utf8))
            hasher.update(data: content)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Every file under `folder` (hidden files and folders skipped), by path relative to it.
    public static func ofFolder(_ folder: URL) throws -> String {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder.path]) }
        var parts: [String: Data] = [:]
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            parts[path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path] = try Data(contentsOf: url)
        }
        return sha256(parts: parts)
    }
}
