import Foundation
import NTPStore
import NTPText

/// Accounts of the workbench: a name on one line, a password of at least 8 characters kept as a bcrypt
/// hash, and a role.
public enum Accounts {
    public static let minimumPasswordLength = 8

    /// Adds an account; the problems with the name or password otherwise, by field.
    public static func add(name: String, password: String, role: Role, store: PlanStore, actor: String) throws(AccountError) -> UserRecord {
        let name = name.trimmingCharacters(in: .whitespaces)
        var problems: [(field: String, message: Message)] = []
        if name.isEmpty || name.count > 64 || name.contains(where: { $0.isNewline || $0.isWhitespace && $0 != " " }) {
            problems.append(("name", "a user name is 1 to 64 characters on one line"))
        }
        if password.count < minimumPasswordLength { problems.append(("password", "a password has at least \(minimumPasswordLength) characters")) }
        guard problems.isEmpty else { throw .invalid(problems.map { AccountError.Problem(field: $0.field, message: $0.message) }) }
        do { return try store.addUser(name: name, passwordHash: Security.hash(password: password), role: role, actor: actor) } catch {
            if case .duplicateUser = error { throw .invalid([AccountError.Problem(field: "name", message: error.message)]) }
            throw .store(error)
        }
    }
}

public enum AccountError: Error, Sendable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable {
        public let field: String
        public let message: Message
    }

    case invalid([Problem])
    case store(StoreError)

    /// What went wrong, in either language.
    public var message: Message {
        switch self {
        case .invalid(let problems):
            Message(
                template: problems.indices.map { "{\(2 * $0 + 1)}: {\(2 * $0 + 2)}" }.joined(separator: "; "),
                arguments: problems.flatMap { [.text($0.field), .message($0.message)] })
        case .store(let error): error.message
        }
    }

    public var description: String { message.text(.en) }
}
