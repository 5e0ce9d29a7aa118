import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NTPStore
import Testing
@testable import NTPWorkbench

/// The security model (docs/workbench.md, "Security"), one test per rule.
@Suite struct SecurityTests {
    static func withAccounts() throws -> Workbench {
        let store = try PlanStore()
        for (name, role) in [("lan", Role.admin), ("minh", .planner), ("hoa", .viewer)] {
            _ = try Accounts.add(name: name, password: "mật-khẩu-\(name)", role: role, store: store, actor: "test")
        }
        return try makeWorkbench(store: store)
    }

    static func logIn(_ browser: Browser, _ name: String) async throws {
        let answer = try await browser.post("/login", [("name", name), ("password", "mật-khẩu-\(name)"), ("next", "/plans")])
        #expect(answer.status == .seeOther && answer.location == "/plans", "\(name) could not log in")
    }

    @Test func onThisMachineWithoutAccountsNoLoginIsNeeded() async throws {
        let workbench = try makeWorkbench(scenarios: false)
        try await withClient(workbench) { browser in
            let session = try await browser.get("/api/session").object()
            #expect(session["login_required"] as? Bool == false && session["role"] as? String == "admin")
            #expect(try await browser.get("/plans").status == .ok)
        }
    }

    @Test func anotherAddressIsRefusedWithoutAccounts() throws {
        #expect(throws: WorkbenchError.self) { try makeWorkbench(host: "0.0.0.0", scenarios: false) }
        do {
            _ = try makeWorkbench(host: "192.168.1.20", scenarios: false)
        } catch {
            #expect("\(error)".contains("ntp serve --add-user"))
        }
        let store = try PlanStore()
        _ = try Accounts.add(name: "lan", password: "đủ-dài-rồi", role: .admin, store: store, actor: "test")
        let workbench = try makeWorkbench(store: store, host: "0.0.0.0", scenarios: false)
        #expect(workbench.security.loginRequired)
    }

    @Test func passwordsAreKeptAsBcryptHashes() throws {
        let store = try PlanStore()
        let user = try Accounts.add(name: "lan", password: "mật-khẩu-lan", role: .admin, store: store, actor: "test")
        #expect(user.passwordHash.hasPrefix("$2"))
        #expect(!user.passwordHash.contains("mật-khẩu-lan"))
        #expect(throws: AccountError.self) { try Accounts.add(name: "short", password: "1234567", role: .viewer, store: store, actor: "test") }
        #expect(throws: AccountError.self) { try Accounts.add(name: "LAN", password: "khác-hẳn-rồi", role: .viewer, store: store, actor: "test") }
    }

    @Test func withAccountsEveryPageNeedsALoginAndTheSessionIsRenewedAtLogin() async throws {
        let workbench = try Self.withAccounts()
        try await withClient(workbench) { browser in
            let page = try await browser.get("/plans")
            #expect(page.status == .seeOther && page.location == "/login?next=%2Fplans")
            #expect(try await browser.get("/api/plans").status == .unauthorized)
            #expect(try await browser.get("/openapi.yaml").status == .ok)
            let wrong = try await browser.post("/login", [("name", "lan"), ("password", "sai")])
            #expect(wrong.status == .unauthorized && wrong.text.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
            let before = try #require(browser.cookies["ntp_session"])
            let login = try await browser.post("/login", [("name", "lan"), ("password", "mật-khẩu-lan"), ("next", "/plans")])
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(browser.cookies["ntp_session"] != before, "a login gets a new session token")
            #expect(try await browser.get("/plans").status == .ok)
            // The token is stored as its digest only.
            let token = try #require(browser.cookies["ntp_session"])
            #expect(try workbench.store.session(tokenDigest: Security.digest(token)) != nil)
            #expect(try workbench.store.session(tokenDigest: token) == nil)
            #expect(try await browser.post("/logout", []).status == .seeOther)
            #expect(try await browser.get("/plans").status == .seeOther)
        }
    }

    @Test func aViewerReadsButCannotRunEditOrUpload() async throws {
        let workbench = try Self.withAccounts()
        let (scenario, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { browser in
            try await Self.logIn(browser, "hoa")
            #expect(try await browser.get("/scenarios/\(scenario.id!)/versions/1").status == .ok)
            #expect(try await browser.get("/scenarios/\(scenario.id!)/versions/1/edit").status == .forbidden)
            #expect(try await browser.post("/scenarios/\(scenario.id!)/versions/1/run", [("kind", "plan")]).status == .forbidden)
            #expect(try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "plan"]).status == .forbidden)
            #expect(try await browser.upload("/upload", files: [("a.yaml", Data("name: a\n".utf8))]).status == .forbidden)
            #expect(try await browser.get("/users").status == .forbidden)
        }
        #expect(try workbench.store.runs().isEmpty)
    }

    @Test func aPlannerRunsButOnlyAnAdminAddsAccounts() async throws {
        let workbench = try Self.withAccounts()
        let (_, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { browser in
            try await Self.logIn(browser, "minh")
            #expect(try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "baseline", "method": "greedy"]).status == .accepted)
            #expect(try await browser.send("/api/users", json: ["name": "x", "password": "12345678", "role": "admin"]).status == .forbidden)
            let admin = Browser(client: browser.client)
            try await Self.logIn(admin, "lan")
            #expect(try await admin.send("/api/users", json: ["name": "tú", "password": "mật-khẩu-tú", "role": "viewer"]).status == .created)
            #expect(try await admin.post("/users", [("name", "an"), ("password", "ngắn"), ("role", "viewer")]).status == .unprocessableContent)
        }
        await workbench.idle()
        #expect(try workbench.store.runs().first?.madeBy == "minh")
        #expect(try workbench.store.user(named: "tú")?.role == .viewer)
    }

    @Test func everyRequestThatChangesSomethingNeedsTheSessionsCSRFToken() async throws {
        let workbench = try makeWorkbench()
        let changing = workbench.router().routes.filter { $0.method != .get && $0.method != .head }.map { (path: $0.path.description, method: $0.method) }
        #expect(changing.count >= 10)
        try await withClient(workbench) { browser in
            let other = Browser(client: browser.client)
            let foreign = try await other.csrf()
            for route in changing {
                let path = route.path.replacing(/\{[a-z]+\}/, with: "1")
                for token in [nil, "0000", foreign] {
                    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                    if let token { headers[HTTPField.Name("X-CSRF-Token")!] = token }
                    let answer = try await browser.request(path, method: route.method, headers: headers, body: ByteBuffer(string: "name=lan&csrf=\(token ?? "")"))
                    #expect(answer.status == .forbidden, "\(route.method) \(path) with token \(token ?? "none"): \(answer.status)")
                }
            }
        }
        #expect(try workbench.store.runs().isEmpty)
        #expect(try workbench.store.userCount() == 0)
    }

    @Test func anUploadOverTheLimitIsRefusedAndNothingIsStored() async throws {
        let workbench = try makeWorkbench(uploadLimit: 64 << 10, scenarios: false)
        try await withClient(workbench) { browser in
            let big = Data(repeating: UInt8(ascii: "#"), count: 100 << 10)
            let answer = try await browser.upload("/upload", files: [("a.yaml", big)])
            #expect(answer.status == .contentTooLarge)
            #expect(answer.text.contains("Tệp tải lên quá lớn"))
            #expect(try await browser.upload("/api/scenarios", files: [("a.yaml", big)]).status == .contentTooLarge)
        }
        #expect(try workbench.store.scenarios().isEmpty)
    }

    @Test func noPathARequestCarriesIsOpened() async throws {
        let workbench = try makeWorkbench(scenarios: false)
        let shipped = projectFolder.appendingPathComponent("Scenarios/quang-hoa-2022-2025.yaml")
        let text = try String(contentsOf: shipped, encoding: .utf8)
        try await withClient(workbench) { browser in
            // A file name with folders keeps only its last part.
            let named = try await browser.upload("/api/scenarios", files: [("../../etc/passwd", Data(text.utf8))])
            #expect(named.status == .unprocessableContent, "a scenario file must end in .yaml")
            // A scenario naming a file outside what was uploaded: refused before anything is read.
            for reference in ["status: {file: /etc/passwd}", "status: {file: ../../../../etc/passwd}", "extends: /etc/hostname"] {
                let answer = try await browser.upload("/api/scenarios", files: [("a.yaml", Data("name: x\n\(reference)\n".utf8))])
                #expect(answer.status == .unprocessableContent, "\(reference)")
                #expect(answer.text.contains("nằm ngoài các tệp của kịch bản"), "\(reference): \(answer.text)")
                #expect(!answer.text.contains("root:"), "nothing of the file was read")
            }
            // Redirects after the language switch stay on this site.
            for back in ["//evil.example/", "https://evil.example/", "/\\evil"] {
                let answer = try await browser.get("/lang/en?back=\(back.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(answer.location == "/scenarios", "\(back)")
            }
        }
        #expect(try workbench.store.scenarios().isEmpty)
    }

    @Test func everyAnswerKeepsThePageFromLoadingAnythingElseOrBeingFramed() async throws {
        let workbench = try makeWorkbench(scenarios: false)
        try await withClient(workbench) { browser in
            for path in ["/scenarios", "/api/scenarios", "/nowhere", "/static/workbench.css"] {
                let answer = try await browser.get(path)
                #expect(answer.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, "\(path)")
                #expect(answer.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(path)")
                #expect(answer.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(path)")
            }
        }
    }
}
