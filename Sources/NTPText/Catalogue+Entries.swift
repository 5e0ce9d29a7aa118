// The Vietnamese of every message the code writes in English (`Message`), by its English template.
// `{1}`, `{2}`… are the values put into the message, in the order the English writes them.
extension Catalogue {
    static let vietnamese: [String: String] = [:]
}
