import Foundation
import NTPStore
import NTPText
import Testing
@testable import NTPWorkbench

/// Every page answers, in both languages, with the texts it names and nothing of a template left over.
@Suite struct PageTests {
    @Test func everyTextATemplateUsesExistsInBothLanguages() {
        let used = Set(Templates.all.values.flatMap { template in
            template.matches(of: /\{\{\{?t\.([A-Za-z.]+)\}\}\}?/).map { String($0.output.1) }
        })
        #expect(!used.isEmpty)
        for key in used.sorted() {
            let message = Texts.messages[key]
            #expect(message != nil, "no text for \(key)")
            if let message, Message.needsTranslation(message.template) {
                #expect(Catalogue.entries[message.template] != nil, "no Vietnamese for \(key): “\(message.template)”")
            }
        }
    }

    /// Every word of the workbench has its Vietnamese in the catalogue, including those the code picks by key
    /// (`role.admin`, `state.done`…), not only those a template names.
    @Test func everyWorkbenchTextHasItsVietnamese() {
        for (key, message) in Texts.messages where Message.needsTranslation(message.template) {
            #expect(Catalogue.entries[message.template] != nil, "no Vietnamese for \(key): “\(message.template)”")
            #expect(Texts.text(key, .vi) != Texts.text(key, .en), "\(key) reads the same in both languages")
        }
    }

    @Test func everyPageAnswersInVietnameseAndEnglish() async throws {
        let workbench = try makeWorkbench()
        let (scenario, version) = try defaultScenario(workbench.store)
        let pages = [
            "/scenarios", "/scenarios/\(scenario.id!)", "/scenarios/\(scenario.id!)/versions/\(version.number)",
            "/scenarios/\(scenario.id!)/versions/\(version.number)/edit", "/scenarios/\(scenario.id!)/versions/\(version.number)/run?kind=plan",
            "/scenarios/\(scenario.id!)/versions/\(version.number)/run?kind=baseline", "/scenarios/\(scenario.id!)/versions/\(version.number)/run?kind=sweep",
            "/scenarios/\(scenario.id!)/diff?from=1&to=1", "/runs", "/plans", "/history", "/upload", "/login", "/users",
        ]
        try await withClient(workbench) { browser in
            for lang in ["vi", "en"] {
                let switched = try await browser.get("/lang/\(lang)?back=/plans")
                #expect(switched.status == .seeOther && switched.location == "/plans")
                for path in pages {
                    let page = try await browser.get(path)
                    #expect(page.status == .ok, "\(path): \(page.status)")
                    #expect(page.text.contains("<html lang=\"\(lang)\">"), "\(path) is not in \(lang)")
                    #expect(!page.text.contains("{{"), "\(path) has template markup left")
                    #expect(page.text.firstMatch(of: /(>|\bv|\/)nil\b|Optional\(/) == nil, "\(path) shows an absent value")
                    #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                }
            }
            let english = try await browser.get("/scenarios")
            #expect(english.text.contains(">Scenarios<"))
        }
    }

    @Test func theVersionPageShowsTheBudgetReportsTables() async throws {
        let workbench = try makeWorkbench()
        let (scenario, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { browser in
            let page = try await browser.get("/scenarios/\(scenario.id!)/versions/\(version.number)").text
            // The envelopes of the default scenario, as ntp budget shows them (docs/ledger.md): the
            // total of the envelope column is its shown parts' sum.
            #expect(page.contains("Nguồn và sử dụng theo nguồn vốn"))
            #expect(page.contains("Cơ cấu nguồn vốn"))
            #expect(page.contains("Kiểm tra quy tắc"))
            let api = try await browser.get("/api/scenarios/\(scenario.id!)/versions/\(version.number)").object()
            let budget = try #require(api["budget"] as? [[String: Any]])
            let envelopes = try #require(budget.first)
            let rows = try #require(envelopes["rows"] as? [[String]])
            let totals = try #require(envelopes["totals"] as? [[String]])
            let shown = rows.map { Decimal(string: $0[4].replacingOccurrences(of: ".", with: ""))! }
            #expect(shown.reduce(0, +) == Decimal(string: totals[0][4].replacingOccurrences(of: ".", with: ""))!)
            let listed = try #require(api["envelopes"] as? [[String: Any]])
            #expect(listed.count == rows.count)
            #expect(page.contains(rows[0][4]))
        }
    }

    @Test func stylesAndTheScriptAreServedFromTheLibrary() async throws {
        let workbench = try makeWorkbench(scenarios: false)
        try await withClient(workbench) { browser in
            let css = try await browser.get("/static/workbench.css")
            #expect(css.status == .ok && css.text.contains(".charts") && css.text.contains("header.top"))
            #expect(!css.text.contains("url("), "the style sheet fetches nothing")
            let script = try await browser.get("/static/workbench.js")
            #expect(script.status == .ok && script.text.contains("/api/runs/"))
            #expect(!script.text.contains("http"), "the script fetches nothing from elsewhere")
        }
    }

    @Test func anUnknownPageOrItemIsNotFound() async throws {
        let workbench = try makeWorkbench(scenarios: false)
        try await withClient(workbench) { browser in
            #expect(try await browser.get("/nowhere").status == .notFound)
            #expect(try await browser.get("/scenarios/999").status == .notFound)
            #expect(try await browser.get("/plans/999").status == .notFound)
            let api = try await browser.get("/api/runs/999")
            #expect(api.status == .notFound)
            #expect(try api.object()["error"] is String)
        }
    }
}
