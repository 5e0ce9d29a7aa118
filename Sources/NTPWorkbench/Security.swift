import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import NIOCore
import NTPData
import NTPStore
import NTPText
import Synchronization

/// The workbench's security (docs/workbench.md, "Security"): a session cookie (HttpOnly, SameSite=Lax)
/// on every browser; accounts with roles once any exists or the server listens beyond this machine; a
/// CSRF token, derived from the session token with a key of the server's, required on every request that
/// changes something (a form's `csrf` field or the `X-CSRF-Token` header); a limit on every request body;
/// and headers that keep pages from loading anything from elsewhere or being framed.
final class Security: Sendable {
    static let sessionCookie = "ntp_session"
    static let languageCookie = "ntp_lang"
    static let csrfField = "csrf"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let store: PlanStore
    let configuration: WorkbenchConfiguration
    /// Signs CSRF tokens; new at every start, so a form from before a restart is refused (and says so).
    private let key = SymmetricKey(size: .bits256)
    private let accounts: Mutex<Bool>

    init(store: PlanStore, configuration: WorkbenchConfiguration) throws(StoreError) {
        self.store = store
        self.configuration = configuration
        accounts = Mutex(try store.userCount() > 0)
    }

    /// Login is needed once an account exists, and always beyond this machine.
    var loginRequired: Bool { !configuration.isLoopback || accounts.withLock { $0 } }

    func accountAdded() { accounts.withLock { $0 = true } }

    /// A new random session token: 32 bytes, base64url.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func isToken(_ text: String) -> Bool {
        text.count == 43 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// The CSRF token of a session token.
    func csrfToken(for token: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    static func digest(_ token: String) -> String { NTPData.Digest.of(token) }

    /// Equal strings, compared in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    // MARK: Passwords

    static let bcryptCost: UInt8 = 11
    /// Checked when the user name is unknown, so that the answer takes as long as for a known one.
    static let unknownUserHash = Bcrypt.hash("no such user", cost: bcryptCost)

    static func hash(password: String) -> String { Bcrypt.hash(password, cost: bcryptCost) }

    /// The user with this name and password, else nil.
    func user(name: String, password: String) throws(StoreError) -> UserRecord? {
        guard let user = try store.user(named: name) else {
            _ = Bcrypt.verify(password, hash: Self.unknownUserHash)
            return nil
        }
        return Bcrypt.verify(password, hash: user.passwordHash) ? user : nil
    }

    /// Logs `user` in: a new token (never the one the browser came with), stored by its digest.
    func logIn(_ user: UserRecord, replacing old: String) throws(StoreError) -> String {
        try store.removeSession(tokenDigest: Self.digest(old))
        let token = Self.newToken()
        let now = Date()
        try store.addSession(SessionRecord(tokenDigest: Self.digest(token), userID: user.id!, madeAt: now, expiresAt: now.addingTimeInterval(configuration.sessionLifetime)))
        try store.record(actor: user.name, action: "user.login", subject: "user \(user.name)")
        return token
    }

    func logOut(_ token: String) throws(StoreError) {
        try store.removeSession(tokenDigest: Self.digest(token))
    }

    static func sessionCookie(_ token: String) -> Cookie {
        Cookie(name: sessionCookie, value: token, path: "/", httpOnly: true, sameSite: .lax)
    }

    /// Paths anyone may open while login is required.
    static func isPublic(_ path: String) -> Bool {
        path == "/login" || path == "/api/session" || path == "/openapi.yaml" || path.hasPrefix("/static/") || path.hasPrefix("/lang/")
    }

    /// Headers on every answer: nothing loaded from elsewhere, no inline script, no framing.
    static let headers: HTTPFields = [
        .contentSecurityPolicy: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
    ]
}

/// Applies `Security` to every request, and turns every failure into a page or a JSON answer.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = WorkbenchContext
    let security: Security
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        context.uploadLimit = security.configuration.maximumUploadBytes
        context.lang = request.cookies[Security.languageCookie]?.value == "en" ? .en : .vi
        if let token = request.cookies[Security.sessionCookie]?.value, Security.isToken(token) {
            context.token = token
        } else {
            context.token = Security.newToken()
            context.newToken = true
        }
        context.csrfToken = security.csrfToken(for: context.token)
        var response: Response
        do {
            if !context.newToken, let session = try security.store.session(tokenDigest: Security.digest(context.token)),
                let user = try security.store.user(session.userID)
            {
                context.user = user
                context.role = user.role
                context.actor = user.name
            } else if !security.loginRequired {
                context.role = .admin
                context.actor = "local"
            }
            if request.method != .get && request.method != .head {
                try await checkCSRF(&request, context: context)
            }
            if context.role == nil && !Security.isPublic(request.uri.path) {
                throw Failure.loginRequired
            }
            response = try await next(request, context)
        } catch {
            response = views.failure(error, request: request, context: context)
        }
        for field in Security.headers where response.headers[field.name] == nil { response.headers.append(field) }
        if context.newToken && response.headers[.setCookie] == nil { response.setCookie(Security.sessionCookie(context.token)) }
        return response
    }

    /// The request's CSRF token (header, or the form's `csrf` field) must be the session's.
    private func checkCSRF(_ request: inout Request, context: Context) async throws {
        if let sent = request.headers[Security.csrfHeader] {
            guard Security.same(sent, context.csrfToken) else { throw Failure.csrf }
            return
        }
        let given = request.headers[.contentType] ?? ""
        let type = given.lowercased()
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: context.uploadLimit) } catch { throw Failure.tooLarge(limit: context.uploadLimit) }
        var sent: String?
        if type.hasPrefix("application/x-www-form-urlencoded") {
            sent = FormFields(encoded: String(buffer: body))[Security.csrfField]
        } else if type.hasPrefix("multipart/form-data") {
            sent = MultipartForm(body: body, contentType: given)?.fields[Security.csrfField]
        }
        guard let sent, Security.same(sent, context.csrfToken) else { throw Failure.csrf }
    }
}

extension WorkbenchContext {
    /// Throws unless the request may act as `role` (or above).
    func require(_ role: Role) throws {
        guard let own = self.role else { throw Failure.loginRequired }
        guard own >= role else { throw Failure.forbidden(needs: role) }
    }
}
