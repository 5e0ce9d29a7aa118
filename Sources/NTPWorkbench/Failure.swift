import Foundation
import HTTPTypes
import NTPData
import NTPStore
import NTPText

/// Why a request cannot be done, as the page or the API answer says it.
enum Failure: Error, Sendable {
    case loginRequired
    case csrf
    case forbidden(needs: Role)
    case tooLarge(limit: Int)
    case notFound
    /// A value the request carries cannot be used: what and why.
    case badRequest(Message)
    /// Someone else changed what the request was based on.
    case conflict(Message)
    /// Input the library refused, by field (empty field: the whole request).
    case invalid([FieldError])
    /// Something that should not fail did (the store, the file system).
    case internalError(Message)

    /// What is wrong with one field, worded in the request's language when it is shown.
    struct FieldError: Sendable, Equatable {
        let field: String
        let message: Message
    }

    var status: HTTPResponse.Status {
        switch self {
        case .loginRequired: .unauthorized
        case .csrf, .forbidden: .forbidden
        case .tooLarge: .contentTooLarge
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .conflict: .conflict
        case .invalid: .unprocessableContent
        case .internalError: .internalServerError
        }
    }

    func message(_ lang: Language) -> String {
        switch self {
        case .loginRequired: Texts.text("loginLead", lang)
        case .csrf: Texts.text("csrfRefused", lang)
        case .forbidden(let role): Texts.text("forbidden", lang) + " (" + Texts.text("role.\(role.rawValue)", lang) + ")"
        case .tooLarge(let limit): Texts.text("tooLarge", lang) + lang(": at most \(limit >> 20) MB.")
        case .notFound: Texts.text("notFound", lang)
        case .badRequest(let message), .conflict(let message), .internalError(let message): lang(message)
        case .invalid(let errors): errors.map { $0.field.isEmpty ? lang($0.message) : "\($0.field): \(lang($0.message))" }.joined(separator: "\n")
        }
    }

    /// A failure of the store as the request sees it.
    static func store(_ error: StoreError) -> Failure {
        switch error {
        case .staleEdit: .conflict(error.message)
        case .noSuchScenario, .noSuchVersion, .noSuchRun: .notFound
        case .duplicateUser: .invalid([FieldError(field: "name", message: error.message)])
        default: .internalError(error.message)
        }
    }
}
