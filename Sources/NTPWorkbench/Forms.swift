import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// The fields of a posted form (`application/x-www-form-urlencoded`) or query string, in order, a name
/// possibly repeated.
struct FormFields: Sendable {
    var pairs: [(name: String, value: String)]

    init(pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    /// `a=1&b=x+y`: `+` is a space, `%XX` a byte of UTF-8.
    init(encoded text: String) {
        pairs = text.split(separator: "&").compactMap { part in
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(pair[0]), !name.isEmpty else { return nil }
            return (name, pair.count == 2 ? Self.decode(pair[1]) ?? "" : "")
        }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// A field's text with spaces trimmed; nil when absent or blank.
    func given(_ name: String) -> String? {
        self[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// The parts of a `multipart/form-data` body: fields, and files with the names the browser gave.
struct MultipartForm: Sendable {
    struct File: Sendable {
        let field: String
        /// As the browser sent it: a label, never a path to open.
        let fileName: String
        let content: Data
    }

    var fields = FormFields()
    var files: [File] = []

    /// nil when the body is not multipart or is malformed.
    init?(body: ByteBuffer, contentType: String) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = contentType.split(separator: ";").lazy.map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count)
        else { return nil }
        let boundaryText = String(boundary).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let parser = MultipartParser(boundary: boundaryText)
        var parts: [(disposition: String?, body: ByteBuffer)] = []
        var disposition: String?
        var content = ByteBuffer()
        parser.onHeader = { name, value in if name.lowercased() == "content-disposition" { disposition = value } }
        parser.onBody = { buffer in content.writeBuffer(&buffer) }
        parser.onPartComplete = {
            parts.append((disposition, content))
            disposition = nil
            content = ByteBuffer()
        }
        do { try parser.execute(body) } catch { return nil }
        for part in parts {
            guard let disposition = part.disposition else { continue }
            let attributes = Self.attributes(disposition)
            guard let name = attributes["name"] else { continue }
            if let fileName = attributes["filename"] {
                guard !fileName.isEmpty else { continue }
                files.append(File(field: name, fileName: fileName, content: Data(buffer: part.body)))
            } else {
                fields.pairs.append((name, String(buffer: part.body)))
            }
        }
    }

    /// `form-data; name="files"; filename="a.yaml"` → name and filename.
    private static func attributes(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            result[pair[0].lowercased()] = value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return result
    }
}
