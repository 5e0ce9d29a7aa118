import Foundation

/// The Open Packaging Conventions layer over the zip archive (ECMA-376 Part 2): parts found through
/// relationships, each target resolved inside the package or refused.
struct OPCPackage {
    private var zip: ZIPPackage

    init(zip: ZIPPackage) {
        self.zip = zip
    }

    struct Relationship {
        let id: String
        /// The last segment of the type URI (`worksheet`, `officeDocument`), which Transitional and
        /// Strict OOXML share.
        let kind: String
        /// The part it points to; nil for an external target (a link to another file), never followed.
        let target: String?
        let rawTarget: String
    }

    /// The relationships part of `part`: `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`,
    /// `_rels/.rels` for the package ("").
    static func relationshipsPart(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }

    /// The relationships of `part`; none when it has no relationships part.
    mutating func relationships(of part: String) throws(XLSXReadError) -> [Relationship] {
        let path = Self.relationshipsPart(of: part)
        let parser = RelationshipsParser(limits: zip.limits)
        guard try parse(path, with: parser, root: "Relationships") else { return [] }
        var relationships: [Relationship] = []
        var ids: Set<String> = []
        for entry in parser.entries {
            guard ids.insert(entry.id).inserted else { throw XLSXReadError(file: "", part: path, .duplicateRelationship(id: entry.id)) }
            let kind = String(entry.type.split(separator: "/").last ?? "")
            var target: String?
            if !entry.external {
                // A part name is a URI: the archive may hold it percent-encoded or decoded.
                let decoded = entry.target.removingPercentEncoding ?? entry.target
                do {
                    let plain = try Self.resolve(decoded, from: part), encoded = try Self.resolve(entry.target, from: part)
                    target = zip.contains(plain) || !zip.contains(encoded) ? plain : encoded
                } catch {
                    throw XLSXReadError(file: "", part: path, .relationshipOutsidePackage(target: entry.target))
                }
            }
            relationships.append(Relationship(id: entry.id, kind: kind, target: target, rawTarget: entry.target))
        }
        return relationships
    }

    /// Reads and parses a part; false when the package has no such part. Errors name the part.
    @discardableResult
    mutating func parse(_ path: String, with parser: PartParser, root: String) throws(XLSXReadError) -> Bool {
        guard let data = try zip.read(path) else { return false }
        do {
            try parser.parse(data, root: root)
        } catch var error {
            if error.part == nil { error.part = path }
            throw error
        }
        return true
    }

    func contains(_ path: String) -> Bool { zip.contains(path) }

    func statedSize(_ path: String) -> Int? { zip.statedSize(path) }

    mutating func read(_ path: String) throws(XLSXReadError) -> Data? { try zip.read(path) }

    private struct OutsidePackage: Error {}

    /// A relationship target as a part name: relative to the folder of `source` unless it starts with
    /// `/`, `.` and `..` applied, a backslash read as a slash. A target that climbs above the package
    /// root or names a URI scheme (`file:`, `http:`) is outside the package.
    static func resolve(_ target: String, from source: String) throws -> String {
        let text = target.replacingOccurrences(of: "\\", with: "/")
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") { throw OutsidePackage() }
        var components: [Substring] = text.hasPrefix("/") ? [] : Array(source.split(separator: "/").dropLast())
        for piece in text.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..":
                guard !components.isEmpty else { throw OutsidePackage() }
                components.removeLast()
            default: components.append(piece)
            }
        }
        return components.joined(separator: "/")
    }
}

/// `<Relationships><Relationship Id Type Target TargetMode/>`.
final class RelationshipsParser: PartParser {
    struct Entry {
        let id: String
        let type: String
        let target: String
        let external: Bool
    }

    private(set) var entries: [Entry] = []

    override func start(_ name: String, _ attributes: [String: String]) {
        guard name == "Relationship", depth == 2 else { return }
        if entries.count == limits.relationships {
            return fail(.limitExceeded(.relationships, limit: limits.relationships, found: entries.count + 1))
        }
        guard let id = attributes["Id"] else { return fail(.missingAttribute(element: name, attribute: "Id")) }
        guard let type = attributes["Type"] else { return fail(.missingAttribute(element: name, attribute: "Type")) }
        guard let target = attributes["Target"] else { return fail(.missingAttribute(element: name, attribute: "Target")) }
        entries.append(Entry(id: id, type: type, target: target, external: attributes["TargetMode"] == "External"))
    }
}
