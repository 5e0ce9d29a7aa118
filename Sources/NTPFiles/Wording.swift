/// An English text as a template with `{1}`, `{2}`… where its values go, for a library without
/// languages: `description` fills it in English; a layer with languages shows it as a message of its
/// catalogue (`Message(_ wording:)` in NTPText), so that the words are written once.
/// `"cannot open \(path)"` is the template `cannot open {1}` and the argument `path`, as with `Message`.
public struct Wording: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// A value put into the text: as it is (a path, a number), or a wording of its own.
    public indirect enum Argument: Sendable, Hashable {
        case text(String)
        case wording(Wording)
    }

    public let template: String
    public let arguments: [Argument]

    public init(_ template: String, _ arguments: [Argument] = []) {
        self.template = template
        self.arguments = arguments
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: StringInterpolation) {
        self.init(stringInterpolation.template, stringInterpolation.arguments)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var template = ""
        var arguments: [Argument] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { template += literal }

        public mutating func appendInterpolation(_ wording: Wording) { append(.wording(wording)) }

        public mutating func appendInterpolation<T>(_ value: T) { append(.text("\(value)")) }

        private mutating func append(_ argument: Argument) {
            arguments.append(argument)
            template += "{\(arguments.count)}"
        }
    }

    /// One text written in parts (`"… " + "…"`): one template, the second's placeholders renumbered.
    public static func + (first: Wording, second: Wording) -> Wording {
        Wording(first.template + renumbered(second.template, by: first.arguments.count, count: second.arguments.count), first.arguments + second.arguments)
    }

    /// The English: the template with `{n}` replaced by the n-th argument.
    public var description: String {
        replacingPlaceholders(in: template, count: arguments.count) { index in
            switch arguments[index - 1] {
            case .text(let text): text
            case .wording(let wording): wording.description
            }
        }
    }

    private static func renumbered(_ template: String, by offset: Int, count: Int) -> String {
        replacingPlaceholders(in: template, count: count) { "{\($0 + offset)}" }
    }
}

/// `template` with each `{n}`, 1 ≤ n ≤ `count`, replaced by `value(n)`; other braces stay.
private func replacingPlaceholders(in template: String, count: Int, _ value: (Int) -> String) -> String {
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
        out += rest[..<open]
        let after = rest[rest.index(after: open)...]
        if let close = after.firstIndex(of: "}"), let index = Int(after[..<close]), (1...max(count, 1)).contains(index), index <= count {
            out += value(index)
            rest = after[after.index(after: close)...]
        } else {
            out += "{"
            rest = after
        }
    }
    return out + rest
}
