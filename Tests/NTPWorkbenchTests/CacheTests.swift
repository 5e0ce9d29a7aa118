import Foundation
import NTPStore
import NTPText
import Testing
@testable import NTPWorkbench

/// What the workbench keeps in memory (`RenderCache`): a kept page is the page made afresh, in each
/// language, inside each visitor's own session (user, CSRF token); a page kept before a plan was added
/// offers that plan too; the cache stays within its count and its bytes.
@Suite struct CacheTests {
    /// A store with accounts (an admin and a planner) and the default scenario's official and greedy
    /// baselines, made once for the suite's tests, which only read it.
    static let shared = Task { try await makePlans() }

    static func makePlans() async throws -> (PlanStore, [Int]) {
        let store = try PlanStore()
        for (name, role) in [("lan", Role.admin), ("minh", .planner)] {
            _ = try Accounts.add(name: name, password: "mật-khẩu-\(name)", role: role, store: store, actor: "test")
        }
        let workbench = try makeWorkbench(store: store)
        let plans = try await withClient(workbench) { browser in
            try await SecurityTests.logIn(browser, "minh")
            return try await baselines(["official", "greedy"], browser: browser, store: store)
        }
        return (store, plans)
    }

    /// Baselines of the default scenario made through the API, their plans' ids.
    static func baselines(_ methods: [String], browser: Browser, store: PlanStore) async throws -> [Int] {
        let (_, version) = try defaultScenario(store)
        var plans: [Int] = []
        for method in methods {
            let run = try #require(try await browser.send("/api/runs", json: ["version_id": version.id!, "kind": "baseline", "method": method]).object()["id"] as? Int)
            plans.append(try #require(try await browser.finished(run: run)["plan_id"] as? Int))
        }
        return plans
    }

    /// The CSRF token a page's forms carry (the layout's logout form when logged in).
    static func csrfTokens(_ page: String) -> Set<String> {
        Set(page.matches(of: /name="csrf" value="([0-9a-f]+)"/).map { String($0.output.1) })
    }

    @Test func aKeptPageIsThePageMadeAfreshInEachLanguage() async throws {
        let (store, plans) = try await Self.shared.value
        let paths = ["/plans/\(plans[0])", "/plans/\(plans[1])", "/compare?plan=\(plans[0])&plan=\(plans[1])"]
        // One workbench makes each page, then answers it from what it kept; another, new, makes it afresh.
        let keeping = try makeWorkbench(store: store), fresh = try makeWorkbench(store: store)
        var shown: [Language: [String]] = [:]
        for lang in Language.allCases {
            let (made, kept) = try await withClient(keeping) { browser in
                try await SecurityTests.logIn(browser, "minh")
                _ = try await browser.get("/lang/\(lang.rawValue)")
                var made: [String] = [], kept: [String] = []
                for path in paths { made.append(try await browser.get(path).text) }
                for path in paths { kept.append(try await browser.get(path).text) }
                return (made, kept)
            }
            let afresh = try await withClient(fresh) { browser in
                try await SecurityTests.logIn(browser, "minh")
                _ = try await browser.get("/lang/\(lang.rawValue)")
                var pages: [String] = []
                for path in paths { pages.append(try await browser.get(path).text) }
                return pages
            }
            // Each session has its own CSRF token; apart from it the pages are the same.
            func withoutTokens(_ page: String) -> String { page.replacing(/name="csrf" value="[0-9a-f]+"/, with: "") }
            for index in paths.indices {
                #expect(kept[index] == made[index], "\(paths[index]) in \(lang) changed once kept")
                #expect(withoutTokens(kept[index]) == withoutTokens(afresh[index]), "\(paths[index]) in \(lang) is not the page made afresh")
                #expect(kept[index].contains("<html lang=\"\(lang.rawValue)\">"))
            }
            #expect(kept[0].contains(Texts.text("compareWith", lang)) && kept[2].contains(Texts.text("compareTitle", lang)))
            shown[lang] = kept
        }
        for index in paths.indices { #expect(shown[.vi]![index] != shown[.en]![index], "\(paths[index]): one page for both languages") }
    }

    @Test func aKeptPageCarriesEachVisitorsOwnSessionAndToken() async throws {
        let (store, plans) = try await Self.shared.value
        let workbench = try makeWorkbench(store: store)
        try await withClient(workbench) { admin in
            let planner = Browser(client: admin.client)
            try await SecurityTests.logIn(admin, "lan")
            try await SecurityTests.logIn(planner, "minh")
            let adminToken = try await admin.csrf(), plannerToken = try await planner.csrf()
            #expect(adminToken != plannerToken)
            for path in ["/plans/\(plans[0])", "/compare?plan=\(plans[0])&plan=\(plans[1])"] {
                let first = try await admin.get(path).text
                let second = try await planner.get(path).text
                #expect(Self.csrfTokens(first) == [adminToken], "\(path)")
                #expect(Self.csrfTokens(second) == [plannerToken], "\(path)")
                #expect(first.contains("<span class=\"muted\">lan · ") && !first.contains("<span class=\"muted\">minh · "))
                #expect(second.contains("<span class=\"muted\">minh · ") && !second.contains("<span class=\"muted\">lan · "))
                // Only the admin's page links to the accounts.
                #expect(first.contains("href=\"/users\"") && !second.contains("href=\"/users\""))
            }
        }
    }

    @Test func aPlanAddedIsOfferedOnAPlanPageKeptBeforeIt() async throws {
        let workbench = try makeWorkbench()
        try await withClient(workbench) { browser in
            let first = try await Self.baselines(["official"], browser: browser, store: workbench.store)[0]
            let before = try await browser.get("/plans/\(first)").text
            let second = try await Self.baselines(["greedy"], browser: browser, store: workbench.store)[0]
            let after = try await browser.get("/plans/\(first)").text
            #expect(!before.contains("<option value=\"\(second)\">"))
            #expect(after.contains("<option value=\"\(second)\">"))
        }
    }

    @Test func theCacheDropsTheLeastRecentlyUsedBeyondItsCount() {
        let cache = RenderCache(capacity: 3, byteBudget: 1 << 20)
        var made: [String] = []
        func ask(_ key: String) -> String { cache.value(key) { made.append(key); return "value of \(key)" } }
        for key in ["a", "b", "c"] { _ = ask(key) }
        _ = ask("a")  // a is used again: b is now the least recently used
        _ = ask("d")
        #expect(cache.usage.count == 3)
        #expect(cache.existing("b", as: String.self) == nil)
        for key in ["a", "c", "d"] { #expect(cache.existing(key, as: String.self) == "value of \(key)") }
        #expect(made == ["a", "b", "c", "d"])
    }

    @Test func theCacheStaysWithinItsBytesAndKeepsNothingLargerThanThem() {
        let cache = RenderCache(capacity: 100, byteBudget: 10)
        for key in ["a", "b", "c"] { _ = cache.value(key) { String(repeating: key, count: 4) } }
        #expect(cache.usage.count == 2 && cache.usage.bytes == 8)
        #expect(cache.existing("a", as: String.self) == nil)
        let large = cache.value("large") { String(repeating: "x", count: 11) }
        #expect(large.count == 11)
        #expect(cache.existing("large", as: String.self) == nil)
        #expect(cache.usage.count == 2)
    }

    @Test func theCacheAnswersEachKeyWithItsOwnValueWithinItsBounds() {
        var generator = SplitMix(seed: 19)
        for _ in 0..<200 {
            let capacity = Int.random(in: 1...8, using: &generator), budget = Int.random(in: 1...64, using: &generator)
            let cache = RenderCache(capacity: capacity, byteBudget: budget)
            for _ in 0..<100 {
                let key = "k\(Int.random(in: 0..<12, using: &generator))"
                let size = Int(key.dropFirst())! * 3 + 1
                let value = cache.value(key) { String(repeating: key, count: size).prefix(size).description }
                #expect(value == String(repeating: key, count: size).prefix(size).description)
                #expect(cache.usage.count <= capacity && cache.usage.bytes <= budget)
            }
        }
    }

    @Test func aShownDateIsDateFormattersInBothLanguages() {
        var generator = SplitMix(seed: 6)
        for lang in Language.allCases {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = lang == .vi ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm"
            for _ in 0..<2_000 {
                // 1970 to 2100, to the second.
                let date = Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800, using: &generator)))
                #expect(Views.date(date, lang) == formatter.string(from: date), "\(date) in \(lang)")
            }
        }
    }
}

/// A seeded generator (SplitMix64), so that a failing case comes back.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
