import NTPFiles

// The libraries without languages (NTPFiles, XLSXSwift) give their texts as `Wording`: an English
// template and its values. Shown here as messages, their Vietnamese is in the catalogue.

extension Message {
    /// A library's text as a message: its template, its values, the texts inside it as messages.
    public init(_ wording: Wording) {
        self.init(template: wording.template, arguments: wording.arguments.map { argument in
            switch argument {
            case .text(let text): .text(text)
            case .wording(let inner): .message(Message(inner))
            }
        })
    }
}

extension FileError {
    /// What is wrong with the file, naming it, in either language.
    public var message: Message { Message(wording) }
}
