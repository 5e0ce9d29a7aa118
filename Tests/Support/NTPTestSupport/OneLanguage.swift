import NTPText

/// Whether a message is wholly in the language asked: each template with words (its own and those of
/// the messages inside it) has its Vietnamese in the catalogue, the Vietnamese keeps none of their
/// English words, and the English has no Vietnamese letter. The words checked are the lower-case ones
/// of three letters or more: names and codes (Excel, XML, NTM) are the same in both languages, and so
/// are the ones given in `sameInBoth` (`ntp`, `docs`). What is wrong, for a test to expect none.
public enum OneLanguage {
    public static func problems(_ message: Message, sameInBoth: Set<String> = []) -> [String] {
        let vi = message.text(.vi), en = message.text(.en)
        let shown = Set(words(vi))
        var problems: [String] = []
        for template in templates(message) {
            if Catalogue.entries[template] == nil && Message.needsTranslation(template) { problems.append("no Vietnamese for “\(template)”") }
            let english = words(template.replacing(/\{[0-9]+\}/, with: " "))
                .filter { $0.count >= 3 && $0 == $0.lowercased() && !sameInBoth.contains($0) }
            for word in english where shown.contains(word) { problems.append("“\(vi)” shows the English “\(word)”") }
        }
        if en.contains(where: { $0.isLetter && !$0.isASCII }) { problems.append("“\(en)” shows Vietnamese") }
        return problems
    }

    static func words(_ text: String) -> [String] { text.split(whereSeparator: { !$0.isLetter }).map(String.init) }

    /// The templates of a message and of the messages inside it.
    static func templates(_ message: Message) -> [String] {
        [message.template] + message.arguments.flatMap { argument -> [String] in
            if case .message(let inner) = argument { templates(inner) } else { [] }
        }
    }
}
