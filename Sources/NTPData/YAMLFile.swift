import Foundation
import NTPFiles
import NTPText
import Yams

/// Decodes a YAML file into `T`, turning every failure into a diagnostic that names the key path.
func decodeYAML<T: Decodable>(_ type: T.Type, url: URL, file: String, diagnostics: inout Diagnostics) -> T? {
    guard let text = readText(url: url, file: file, diagnostics: &diagnostics), let node = composeYAML(text, file: file, diagnostics: &diagnostics)
    else { return nil }
    return decodeYAML(type, node: node, file: file, diagnostics: &diagnostics)
}

/// The most values a YAML file may hold once its aliases (`*name`) are expanded: far beyond any file
/// of the product (a criteria set, the largest, holds a few thousand), far below what would exhaust the
/// memory or the time of a reader that walks it (a "billion laughs" file of a few lines holds 10⁹).
let largestYAMLExpansion = 200_000

/// The node tree of a YAML text, or nil with a diagnostic: a syntax error, an empty document, or more
/// values than `largestYAMLExpansion` once aliases are expanded.
func composeYAML(_ text: String, file: String, diagnostics: inout Diagnostics) -> Node? {
    let node: Node?
    do { node = try Yams.compose(yaml: text) } catch let error as YamlError {
        diagnostics.add(describe(error, file: file))
        return nil
    } catch {
        diagnostics.add(Diagnostic(.error, file: file, message: "YAML: \(error)"))
        return nil
    }
    guard let node else {
        diagnostics.add(Diagnostic(.error, file: file, message: "is empty"))
        return nil
    }
    var pending = [node], count = 0
    while let next = pending.popLast() {
        count += 1
        guard count <= largestYAMLExpansion else {
            diagnostics.add(
                Diagnostic(.error, file: file, message: "holds more than \(largestYAMLExpansion) values once its aliases (*name) are expanded; write the values out (docs/limits.md)"))
            return nil
        }
        switch next {
        case .mapping(let mapping): for (key, value) in mapping { pending += [key, value] }
        case .sequence(let sequence): pending += sequence
        case .scalar, .alias: break
        }
    }
    return node
}

/// Decodes an already parsed YAML node into `T`, like `decodeYAML(_:url:file:diagnostics:)`.
func decodeYAML<T: Decodable>(_ type: T.Type, node: Node, file: String, diagnostics: inout Diagnostics) -> T? {
    do {
        return try YAMLDecoder().decode(T.self, from: node)
    } catch let error as DecodingError {
        diagnostics.add(describe(error, file: file))
    } catch let error as YamlError {
        diagnostics.add(describe(error, file: file))
    } catch {
        diagnostics.add(Diagnostic(.error, file: file, message: "\(error)"))
    }
    return nil
}

private func keyPath(_ path: [CodingKey]) -> String {
    path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
}

private func describe(_ error: DecodingError, file: String) -> Diagnostic {
    switch error {
    case .keyNotFound(let key, let context):
        let path = keyPath(context.codingPath + [key])
        return Diagnostic(.error, file: file, key: path, message: "is missing")
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
        return Diagnostic(.error, file: file, key: keyPath(context.codingPath).nilIfEmpty, message: "must be \(describe(type)): \(context.debugDescription)")
    case .dataCorrupted(let context):
        if let yaml = context.underlyingError as? YamlError { return describe(yaml, file: file) }
        return Diagnostic(.error, file: file, key: keyPath(context.codingPath).nilIfEmpty, message: .verbatim(context.debugDescription))
    @unknown default:
        return Diagnostic(.error, file: file, message: "\(error)")
    }
}

private func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "text"
    case is Int.Type: "a whole number"
    case is Double.Type: "a number"
    default: "\(type)"
    }
}

func describe(_ error: YamlError, file: String) -> Diagnostic {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
        return Diagnostic(.error, file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(problem)")
    case .composer(_, let problem, let mark, _):
        return Diagnostic(.error, file: file, line: mark.line, column: mark.column, message: "YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
        return Diagnostic(
            .error, file: file, line: context.mark.line, column: context.mark.column, key: duplicates.sorted().joined(separator: ", "),
            message: "the key appears twice in one mapping")
    default:
        return Diagnostic(.error, file: file, message: "YAML: \(error)")
    }
}

/// The text of a data file, or nil with a diagnostic when it is missing, not a regular file (a folder,
/// a named pipe, a device), larger than `InputFile.textLimit` or not UTF-8.
func readText(url: URL, file: String, diagnostics: inout Diagnostics) -> String? {
    do { return try InputFile.text(at: url.path) } catch {
        let message: Message =
            switch error {
            case .missing: "is missing"
            case .notAFile(_, let kind): "is \(Message(kind.wording)), not a file"
            case .tooLarge(_, let bytes, let limit): "is \(bytes >> 20) MiB; data files are read up to \(limit >> 20) MiB (docs/limits.md)"
            case .notText: "is not UTF-8 text"
            case .cannotRead(_, let reason): "cannot be read: \(Message(reason))"
            default: error.message
            }
        diagnostics.add(Diagnostic(.error, file: file, message: message))
        return nil
    }
}

/// A YAML scalar read as the text it was written with: `11.430` stays "11.430" (not the number 11.43),
/// so that amounts and codes are parsed by the product's own rules.
struct YAMLScalar: Decodable, Sendable {
    let text: String

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) { text = string }
        else if let int = try? container.decode(Int.self) { text = String(int) }
        else { text = String(try container.decode(Double.self)) }
    }
}
