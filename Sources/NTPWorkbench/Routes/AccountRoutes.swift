import Foundation
import Hummingbird
import NIOCore
import NTPStore
import NTPText

extension Workbench {
    /// The style sheet, the script, the OpenAPI document and the language switch.
    func addStaticRoutes(_ router: Router<WorkbenchContext>) {
        router.get("/static/workbench.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"], body: .init(byteBuffer: ByteBuffer(string: Assets.style)))
        }
        router.get("/static/workbench.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Assets.script)))
        }
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: OpenAPI.document)))
        }
        router.get("/") { _, _ in Response.redirect(to: "/scenarios", type: .normal) }
        // The language of the pages, kept in a cookie; `back` is a path of this site only.
        router.get("/lang/{lang}") { request, context in
            guard let lang = Language(rawValue: try context.parameters.require("lang")) else { throw Failure.notFound }
            var response = Response.redirect(to: Self.localPath(request.uri.queryParameters["back"].map(String.init)), type: .normal)
            response.setCookie(Cookie(name: Security.languageCookie, value: lang.rawValue, maxAge: 365 * 86400, path: "/", httpOnly: true, sameSite: .lax))
            return response
        }
    }

    /// A path on this site to go to, from user input: anything else (another site, a scheme) is `/scenarios`.
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"), !text.contains(where: { $0.isNewline }) else {
            return "/scenarios"
        }
        return text
    }

    /// Login, logout, accounts and the history of changes.
    func addAccountRoutes(_ router: Router<WorkbenchContext>) {
        router.get("/login") { request, context in
            self.views.page(
                "login", title: Texts.text("login", context.lang),
                model: ["next": Self.localPath(request.uri.queryParameters["next"].map(String.init))], context: context, request: request)
        }
        router.post("/login") { request, context in
            let form = try await Self.form(request, context: context)
            let name = form["name"] ?? "", password = form["password"] ?? ""
            guard let user = try self.security.user(name: name, password: password) else {
                return self.views.page(
                    "login", title: Texts.text("login", context.lang),
                    model: ["next": Self.localPath(form["next"]), "name": name, "error": Texts.text("badLogin", context.lang)], context: context, request: request,
                    status: .unauthorized)
            }
            let token = try self.security.logIn(user, replacing: context.token)
            var response = Response.redirect(to: Self.localPath(form["next"]), type: .normal)
            response.setCookie(Security.sessionCookie(token))
            return response
        }
        router.post("/logout") { request, context in
            try self.security.logOut(context.token)
            var response = Response.redirect(to: "/login", type: .normal)
            response.setCookie(Security.sessionCookie(Security.newToken()))
            return response
        }
        router.get("/users") { request, context in
            try context.require(.admin)
            return try self.usersPage(request, context: context, errors: [])
        }
        router.post("/users") { request, context in
            try context.require(.admin)
            let form = try await Self.form(request, context: context)
            do {
                let user = try self.addUser(name: form["name"] ?? "", password: form["password"] ?? "", role: form["role"] ?? "", actor: context.actor)
                return try self.usersPage(request, context: context, errors: [], flash: Texts.text("userAdded", context.lang) + ": " + user.name)
            } catch Failure.invalid(let errors) {
                return try self.usersPage(request, context: context, errors: errors.map { context.lang($0.message) }, status: .unprocessableContent)
            }
        }
        router.get("/history") { request, context in
            try context.require(.viewer)
            let events = try self.store.events(limit: 200).map {
                ["at": Views.date($0.at, context.lang), "actor": $0.actor, "action": $0.action, "subject": $0.subject, "detail": $0.detail]
            }
            return self.views.page("history", title: Texts.text("history", context.lang), model: ["events": events], context: context, request: request, nav: "history")
        }
    }

    func usersPage(_ request: Request, context: WorkbenchContext, errors: [String], flash: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let users = try store.users().map { ["name": $0.name, "role": Texts.text("role.\($0.role.rawValue)", context.lang), "madeAt": Views.date($0.madeAt, context.lang)] }
        let roles = Role.allCases.map { ["value": $0.rawValue, "label": Texts.text("role.\($0.rawValue)", context.lang)] }
        return views.page(
            "users", title: Texts.text("users", context.lang), model: ["users": users, "roles": roles, "errors": errors, "hasErrors": !errors.isEmpty],
            context: context, request: request, nav: "users", flash: flash, status: status)
    }

    /// A new account, its password hashed with bcrypt; login is required from then on.
    func addUser(name: String, password: String, role: String, actor: String) throws -> UserRecord {
        guard let role = Role(rawValue: role) else { throw Failure.invalid([.init(field: "role", message: "viewer, planner or admin")]) }
        do {
            let user = try Accounts.add(name: name, password: password, role: role, store: store, actor: actor)
            security.accountAdded()
            return user
        } catch {
            switch error {
            case .invalid(let problems): throw Failure.invalid(problems.map { .init(field: $0.field, message: $0.message) })
            case .store(let error): throw Failure.store(error)
            }
        }
    }

    /// The posted form of a page (the security middleware has already read the body within its limit).
    static func form(_ request: Request, context: WorkbenchContext) async throws -> FormFields {
        var request = request
        let body = try await request.collectBody(upTo: context.uploadLimit)
        return FormFields(encoded: String(buffer: body))
    }
}
