import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Mustache
import NIOCore
import NTPFiles
import NTPReports
import NTPStore
import NTPText

/// Lays out pages: a template with its model inside the layout (navigation, who is logged in, the
/// language switch), and failures as a page or, under `/api`, as JSON.
final class Views: Sendable {
    let library: MustacheLibrary
    let logger = Logger(label: "ntp.workbench")

    init() {
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            // The templates are part of the program: a template that does not parse is a bug the tests catch.
            do { try library.register(text, named: name) } catch { preconditionFailure("template \(name): \(error)") }
        }
        self.library = library
    }

    /// What every page's layout reads.
    func common(_ context: WorkbenchContext, request: Request) -> [String: Any] {
        let lang = context.lang
        let other: Language = lang == .vi ? .en : .vi
        var back = request.uri.path
        if let query = request.uri.query, !query.isEmpty { back += "?" + query }
        var model: [String: Any] = [
            "t": Texts.of(lang), "lang": lang.rawValue, "otherLang": other.rawValue,
            "otherLangName": other == .vi ? "Tiếng Việt" : "English", "csrf": context.csrfToken,
            "back": back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/",
            "isPlanner": (context.role ?? .viewer) >= .planner && context.role != nil, "isAdmin": context.role == .admin,
        ]
        if let user = context.user {
            model["user"] = ["name": user.name, "roleName": Texts.text("role.\(user.role.rawValue)", lang)]
        } else if context.role != nil {
            model["openMode"] = true
        }
        return model
    }

    /// A page: the template rendered with `model` (over the common keys), inside the layout.
    func page(
        _ template: String, title: String, model: [String: Any], context: WorkbenchContext, request: Request, nav: String? = nil,
        flash: String? = nil, script: Bool = false, status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = common(context, request: request)
        for (key, value) in model { values[key] = Self.present(value) }
        let body = library.render(values, withTemplate: template) ?? ""
        return page(body: body, title: title, context: context, request: request, nav: nav, flash: flash, script: script, status: status)
    }

    /// What a template shows the same to every visitor in `lang`: rendered with `model` and the language's
    /// texts only (no session, CSRF token, user or role), so that it can be kept and served to anyone, inside
    /// `page(body:…)`. For templates without a form that changes something.
    func body(_ template: String, model: [String: Any], lang: Language) -> String {
        var values: [String: Any] = ["t": Texts.of(lang), "lang": lang.rawValue]
        for (key, value) in model { values[key] = Self.present(value) }
        return library.render(values, withTemplate: template) ?? ""
    }

    /// A page around a rendered body: the layout, with the visitor's session, language switch and role.
    func page(
        body: String, title: String, context: WorkbenchContext, request: Request, nav: String? = nil, flash: String? = nil, script: Bool = false,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = common(context, request: request)
        values["body"] = body
        values["title"] = title
        values["flash"] = flash
        values["script"] = script
        if let nav { values["nav"] = [nav: true] }
        let html = library.render(values, withTemplate: "layout") ?? ""
        return Self.html(html, status: status)
    }

    /// A model value as the templates read it: an absent optional is no key at all (Mustache would show
    /// it as "nil"), inside dictionaries and lists too.
    static func present(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.first.flatMap { present($0.value) } }
        switch value {
        case let dictionary as [String: Any]: return dictionary.compactMapValues(present)
        case let list as [[String: Any]]: return list.map { $0.compactMapValues(present) }
        case let list as [Any]: return list.compactMap(present)
        default: return value
        }
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func file(_ data: Data, type: String, name: String) -> Response {
        let ascii = name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 32 ? String($0) : "_" }.joined()
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A failure as the request's kind of client wants it.
    func failure(_ error: any Error, request: Request, context: WorkbenchContext) -> Response {
        let failure: Failure
        switch error {
        case let known as Failure: failure = known
        case let http as HTTPError where http.status == .notFound: failure = .notFound
        case let http as HTTPError where http.status == .contentTooLarge: failure = .tooLarge(limit: context.uploadLimit)
        case is NIOTooManyBytesError: failure = .tooLarge(limit: context.uploadLimit)
        case let http as HTTPError:
            // The HTTP library's refusal: its status in words of the catalogue, its own text marked.
            failure = .badRequest("the request was refused (HTTP \(http.status.code); in the server library's own words: \(http.body ?? http.status.reasonPhrase))")
        case let store as StoreError: failure = .store(store)
        case let cancel as RunCancelError: failure = cancel.failure
        default:
            logger.error("\(request.method) \(request.uri.path): \(error)")
            failure = .internalError("The workbench failed: \(Message(.reason(of: error)))")
        }
        if request.uri.path.hasPrefix("/api/") {
            // In the language the call asks for (`?lang=`), as its answers are.
            let lang = Workbench.language(request, context)
            struct Field: Encodable {
                let field: String
                let message: String
            }
            struct Answer: Encodable {
                let error: String
                let fields: [Field]?
            }
            var fields: [Field]?
            if case .invalid(let errors) = failure { fields = errors.map { Field(field: $0.field, message: lang($0.message)) } }
            return Self.json(Answer(error: failure.message(lang), fields: fields), status: failure.status)
        }
        if case .loginRequired = failure, request.method == .get {
            var next = request.uri.path
            if let query = request.uri.query, !query.isEmpty { next += "?" + query }
            return .redirect(to: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"), type: .normal)
        }
        return page("error", title: Texts.text("errorTitle", context.lang), model: ["message": failure.message(context.lang)], context: context, request: request, status: failure.status)
    }

    // MARK: Pieces

    /// A report table as the `section` template reads it.
    static func section(_ section: ReportSection) -> [String: Any] {
        let numeric = section.columns.map { $0.1 == .right }
        func cells(_ row: [String]) -> [String: Any] {
            ["cells": row.enumerated().map { index, text in ["text": text, "n": index < numeric.count && numeric[index]] as [String: Any] }]
        }
        var model: [String: Any] = [
            "title": section.title, "hasTable": !section.columns.isEmpty && !(section.rows.isEmpty && section.empty != nil),
            "columns": section.columns.map { ["title": $0.0, "n": $0.1 == .right] as [String: Any] },
            "rows": section.rows.map(cells), "hasTotals": !section.totals.isEmpty, "totals": section.totals.map(cells), "notes": section.notes,
        ]
        if let empty = section.empty, section.rows.isEmpty { model["empty"] = empty }
        return model
    }

    /// A date and time in this machine's time zone: `dd/MM/yyyy HH:mm` in Vietnamese, `yyyy-MM-dd HH:mm` in
    /// English. Written from the calendar's fields: lists show hundreds of dates, and a `DateFormatter`
    /// made for each cost more than the rest of the row.
    static func date(_ date: Date, _ lang: Language) -> String {
        let fields = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func digits(_ value: Int?, _ count: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        let day = digits(fields.day, 2), month = digits(fields.month, 2), year = digits(fields.year, 4)
        let time = digits(fields.hour, 2) + ":" + digits(fields.minute, 2)
        return lang == .vi ? "\(day)/\(month)/\(year) \(time)" : "\(year)-\(month)-\(day) \(time)"
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        return calendar
    }()
}
