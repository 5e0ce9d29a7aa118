import Foundation
import NTPText
import Yams

/// Decodes a YAML file into `T`, turning every failure into a diagnostic that names the key path.
func decodeYAML<T: Decodable>(_ type: T.Type, url: URL, file: String, diagnostics: inout Diagnostics) -> T? {
    guard let text = readText(url: url, file: file, diagnostics: &diagnostics) else { return nil }
    do {
        return try YAMLDecoder().decode(T.self, from: text)
    } catch let error as DecodingError {
        diagnostics.add(describe(error, file: file))
    } catch let error as YamlError {
        diagnostics.add(describe(error, file: file))
    } catch {
        diagnostics.add(Diagnostic(.error, file: file, message: "\(error)"))
    }
    return nil
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

/// The text of a data file, or nil with a diagnostic when it is missing or not UTF-8.
func readText(url: URL, file: String, diagnostics: inout Diagnostics) -> String? {
    guard FileManager.default.fileExists(atPath: url.path) else {
        diagnostics.add(Diagnostic(.error, file: file, message: "is missing"))
        return nil
    }
    guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
        diagnostics.add(Diagnostic(.error, file: file, message: "cannot be read as UTF-8 text"))
        return nil
    }
    return text
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
