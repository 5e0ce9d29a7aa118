import Foundation

/// A message as the code writes it, in English, with the values put into it: `"Wrote \(path)"` is the
/// template `Wrote {1}` and the argument `path`. Its Vietnamese comes from the one catalogue of
/// messages (`Catalogue`), so that an output is wholly in the language asked for and no pair of
/// translations is scattered through the code.
public struct Message: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// A value put into a message: text as it is (a name, a number already formatted, a path), or a
    /// message of its own, which is rendered in the same language as the message around it.
    public indirect enum Argument: Sendable, Hashable, Codable {
        case text(String)
        case message(Message)

        func text(_ lang: Language) -> String {
            switch self {
            case .text(let text): text
            case .message(let message): message.text(lang)
            }
        }
    }

    /// The English text with `{1}`, `{2}`… where the arguments go.
    public let template: String
    public let arguments: [Argument]

    public init(template: String, arguments: [Argument] = []) {
        self.template = template
        self.arguments = arguments
    }

    public init(stringLiteral value: String) {
        template = value
        arguments = []
    }

    public init(stringInterpolation: StringInterpolation) {
        template = stringInterpolation.template
        arguments = stringInterpolation.arguments
    }

    /// A value shown as it is in every language: a name, an id, a text read from a file.
    public static func verbatim(_ text: String) -> Message { Message(template: "{1}", arguments: [.text(text)]) }

    public struct StringInterpolation: StringInterpolationProtocol {
        var template = ""
        var arguments: [Argument] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            template.reserveCapacity(literalCapacity + 4 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { template += literal }

        /// A message inside a message takes the language of the message around it.
        public mutating func appendInterpolation(_ message: Message) { append(.message(message)) }

        public mutating func appendInterpolation<T>(_ value: T) { append(.text("\(value)")) }

        private mutating func append(_ argument: Argument) {
            arguments.append(argument)
            template += "{\(arguments.count)}"
        }
    }

    /// The message in `lang`: English as written, Vietnamese from the catalogue.
    public func text(_ lang: Language) -> String {
        let values = arguments.map { $0.text(lang) }
        let translated = Catalogue.vietnamese[template]
        if translated == nil, Self.needsTranslation(template) { Catalogue.missing(template) }
        switch lang {
        case .en: return Self.fill(template, values)
        case .vi: return Self.fill(translated ?? template, values)
        }
    }

    /// English, for logs and errors outside any report.
    public var description: String { text(.en) }

    /// The template with `{n}` replaced by the n-th argument; a brace that is not a placeholder stays.
    static func fill(_ template: String, _ arguments: [String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let index = Int(after[..<close]), (1...arguments.count).contains(index) {
                out += arguments[index - 1]
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }

    /// The placeholders a template uses, for checking the catalogue.
    public static func placeholders(_ template: String) -> [Int: Int] {
        var found: [Int: Int] = [:]
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let index = Int(after[..<close]) { found[index, default: 0] += 1 }
            rest = after
        }
        return found
    }

    /// Whether a template has words to translate: any letter outside its placeholders. `{1}: {2}` and
    /// `{1} ({2})` are the same in every language and need no entry.
    public static func needsTranslation(_ template: String) -> Bool {
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            if rest[..<open].contains(where: \.isLetter) { return true }
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), Int(after[..<close]) != nil {
                rest = after[after.index(after: close)...]
            } else {
                rest = after
            }
        }
        return rest.contains(where: \.isLetter)
    }
}

extension Message {
    /// One message written in parts (`"… " + "…"`): the parts' templates joined, the second's
    /// placeholders renumbered after the first's. The whole is one entry of the catalogue.
    public static func + (first: Message, second: Message) -> Message {
        let offset = first.arguments.count
        var template = first.template
        var rest = Substring(second.template)
        while let open = rest.firstIndex(of: "{") {
            template += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let index = Int(after[..<close]), (1...second.arguments.count).contains(index) {
                template += "{\(index + offset)}"
                rest = after[after.index(after: close)...]
            } else {
                template += "{"
                rest = after
            }
        }
        return Message(template: template + rest, arguments: first.arguments + second.arguments)
    }

    /// Messages one after another with `separator` between them, each in the language of the whole.
    public static func joined(_ messages: [Message], separator: String = "\n") -> Message {
        let template = messages.indices.map { "{\($0 + 1)}" }.joined(separator: separator)
        return Message(template: template, arguments: messages.map(Argument.message))
    }
}

extension Language {
    /// `lang("Wrote \(path)")`: the message in this language.
    public func callAsFunction(_ message: Message) -> String { message.text(self) }
}
