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
        diagnostics.add(Diagnostic(.error, file: file, message: "YAML: \(Message(.reason(of: error)))"))
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
        diagnostics.add(describe(error, file: file, root: node))
    } catch let error as YamlError {
        diagnostics.add(describe(error, file: file))
    } catch let error as FieldError {
        let mark = YAMLValue(at: error.codingPath, in: node)?.node.mark
        diagnostics.add(Diagnostic(.error, file: file, line: mark?.line, column: mark?.column, key: keyPath(error.codingPath).nilIfEmpty, message: error.message))
    } catch {
        diagnostics.add(Diagnostic(.error, file: file, message: "YAML: \(Message(.reason(of: error)))"))
    }
    return nil
}

/// A value refused by a type's own decoding in the product's words (a target, a reconciliation rule):
/// its field and the message, shown in the language asked where a `DecodingError` would carry English.
public struct FieldError: Error, Sendable, CustomStringConvertible {
    public let codingPath: [CodingKey]
    public let message: Message

    public init(codingPath: [CodingKey], _ message: Message) {
        self.codingPath = codingPath
        self.message = message
    }

    public var description: String { message.description }
}

/// The node at a decoder's coding path, and what is written there as a person reads it.
struct YAMLValue {
    let node: Node

    init?(at path: [CodingKey], in root: Node) {
        var node = root
        for key in path {
            switch node {
            case .mapping(let mapping):
                guard let value = mapping.first(where: { $0.key.string == key.stringValue })?.value else { return nil }
                node = value
            case .sequence(let sequence):
                guard let index = key.intValue, sequence.indices.contains(index) else { return nil }
                node = sequence[index]
            default: return nil
            }
        }
        self.node = node
    }

    /// “12abc”, a list, a mapping.
    var found: Message {
        switch node {
        case .scalar(let scalar): "“\(scalar.string.count > 60 ? scalar.string.prefix(60) + "…" : Substring(scalar.string))”"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}

private func keyPath(_ path: [CodingKey]) -> String {
    path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
}

/// A decoder's error as a person reads it: the key path, its line and column, what is written there
/// and what was expected (Yams' `debugDescription` is English about Swift types).
private func describe(_ error: DecodingError, file: String, root: Node) -> Diagnostic {
    func diagnostic(_ path: [CodingKey], at markPath: [CodingKey]? = nil, _ message: Message) -> Diagnostic {
        let mark = YAMLValue(at: markPath ?? path, in: root)?.node.mark
        return Diagnostic(.error, file: file, line: mark?.line, column: mark?.column, key: keyPath(path).nilIfEmpty, message: message)
    }
    switch error {
    case .keyNotFound(let key, let context):
        return diagnostic(context.codingPath + [key], at: context.codingPath, "is missing")
    case .typeMismatch(let type, let context):
        let found = YAMLValue(at: context.codingPath, in: root)?.found ?? "nothing"
        return diagnostic(context.codingPath, "must be \(expected(type)); found \(found)")
    case .valueNotFound(let type, let context):
        return diagnostic(context.codingPath, "must be \(expected(type)); nothing is written there")
    case .dataCorrupted(let context):
        if let yaml = context.underlyingError as? YamlError { return describe(yaml, file: file) }
        let found = YAMLValue(at: context.codingPath, in: root)?.found ?? "nothing"
        return diagnostic(context.codingPath, "\(found) is not a value this field takes (in the decoder's own words: \(context.debugDescription))")
    @unknown default:
        return Diagnostic(.error, file: file, message: "YAML: \(Message(.reason(of: error)))")
    }
}

/// What a field of a type holds, as a person reads it.
private func expected(_ type: Any.Type) -> Message {
    switch type {
    case is Node.Scalar.Type, is String.Type, is YAMLScalar.Type: "a single value (text or a number)"
    case is any BinaryInteger.Type: "a whole number"
    case is Double.Type, is Decimal.Type: "a number"
    case is Bool.Type: "true or false"
    case is Node.Sequence.Type: "a list"
    default: String(describing: type).hasPrefix("Array") ? "a list" : "a mapping (key: value lines)"
    }
}

/// libyaml's syntax problems a person writing a file by hand meets, worded; any other is shown in
/// libyaml's own words.
private func syntaxProblem(_ problem: String) -> Message {
    switch problem {
    case "mapping values are not allowed in this context":
        "a “key: value” where none may be (a value holding “: ” must be quoted, or a line is indented too far)"
    case "did not find expected key", "did not find expected '-' indicator":
        "a line is not indented as the lines before it"
    case "could not find expected ':'": "a key without its colon (write “key: value”)"
    case "found character that cannot start any token": "a character that cannot start a value (quote the value)"
    case "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
        "a tab in the indentation (indent with spaces)"
    case "did not find expected node content": "a value is missing or cannot start here"
    case "found unexpected end of stream": "the file ends inside a quoted value"
    case "did not find expected ',' or ']'": "a list in [ ] is not closed or lacks a comma"
    case "did not find expected ',' or '}'": "a mapping in { } is not closed or lacks a comma"
    case "found unknown escape character": "an unknown escape (\\) in a double-quoted value"
    case "found undefined alias": "an alias (*name) with no anchor (&name) before it"
    case "but found another document": "a second document (---): a file holds one"
    default: "in libyaml's own words: \(problem)"
    }
}

func describe(_ error: YamlError, file: String) -> Diagnostic {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
        return Diagnostic(.error, file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(syntaxProblem(problem))")
    case .composer(_, let problem, let mark, _):
        return Diagnostic(.error, file: file, line: mark.line, column: mark.column, message: "YAML: \(syntaxProblem(problem))")
    case .duplicatedKeysInMapping(let duplicates, let context):
        return Diagnostic(
            .error, file: file, line: context.mark.line, column: context.mark.column, key: duplicates.sorted().joined(separator: ", "),
            message: "the key appears twice in one mapping")
    default:
        return Diagnostic(.error, file: file, message: "YAML: \(Message(.reason(of: error)))")
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
