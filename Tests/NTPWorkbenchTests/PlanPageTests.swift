import Foundation
import NTPPlanning
import NTPStore
import Testing
import XLSXSwift
@testable import NTPWorkbench

/// A plan's page, downloads, explanation and comparison, checked against the stored plan file.
@Suite struct PlanPageTests {
    /// One workbench with the default scenario's optimized plan and its official baseline, made once for
    /// the suite's tests, which only read it.
    static let shared = Task { try await makePlans() }

    static func withPlans() async throws -> (Workbench, [Int]) { try await shared.value }

    static func makePlans() async throws -> (Workbench, [Int]) {
        let workbench = try makeWorkbench()
        let (_, version) = try defaultScenario(workbench.store)
        let plans: [Int] = try await withClient(workbench) { browser in
            var plans: [Int] = []
            for body: [String: Any] in [["kind": "plan"], ["kind": "baseline", "method": "official"]] {
                let id = try #require(try await browser.send("/api/runs", json: body.merging(["version_id": version.id!]) { a, _ in a }).object()["id"] as? Int)
                plans.append(try #require(try await browser.finished(run: id)["plan_id"] as? Int))
            }
            return plans
        }
        return (workbench, plans)
    }

    static func document(_ workbench: Workbench, _ id: Int) throws -> PlanDocument {
        try PlanDocument.decode(try #require(try workbench.store.plan(Int64(id))).document, path: "plan \(id)")
    }

    @Test func thePlanPageIsTheHTMLReportOfThePlanFile() async throws {
        let (workbench, plans) = try await Self.withPlans()
        let document = try Self.document(workbench, plans[0])
        try await withClient(workbench) { browser in
            let page = try await browser.get("/plans/\(plans[0])").text
            for id in ["table-facts", "table-years", "chart-spend", "chart-criteria", "chart-communes", "table-schedule", "table-envelopes"] {
                #expect(page.contains("id=\"\(id)\""), "no \(id)")
            }
            // The scenario is named as the store keeps it, never by a temporary folder.
            #expect(page.contains("store/"))
            #expect(!page.contains("ntp-inputs-"))
            // The criteria met per year the page shows are the plan file's completions.
            for year in document.years {
                let met = document.completions.filter { $0.year == year }.count
                #expect(page.contains("<th scope=\"row\">\(year)</th><td class=\"n\">\(met)</td>") || page.contains(">\(year)</th>"), "\(year)")
            }
            #expect(page.contains("id=\"download-xlsx\""))
        }
    }

    @Test func theWorkbookDownloadHoldsThePlanFilesMoney() async throws {
        let (workbench, plans) = try await Self.withPlans()
        let document = try Self.document(workbench, plans[0])
        try await withClient(workbench) { browser in
            let download = try await browser.get("/api/plans/\(plans[0])/export/xlsx")
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.contains("ke-hoach-\(plans[0]).xlsx") == true)
            let workbook = try XLSXDocument(data: Data(buffer: download.body), name: "download.xlsx")
            let funding = try workbook.sheet(named: "Phân bổ chi tiết")
            // The funding sheet has one row per plan line, then the total (million VND, rounded within
            // a thousand đồng) of the plan's lines.
            let last = funding.rows.last?.number ?? 0
            let header = try #require((1...last).first { funding["I\($0)"]?.text == "Số tiền" })
            let total = try #require(funding["I\(header + document.lines.count + 1)"]?.number)
            let exact = document.lines.reduce(Decimal(0)) { $0 + Decimal($1.amount_dong) } / 1_000_000
            #expect(abs(total - exact) <= Decimal(string: "0.001")!, "total \(total) against \(exact)")
            #expect(funding["B\(header + document.lines.count + 1)"]?.text == "Tổng cộng")

            let csv = try await browser.get("/api/plans/\(plans[0])/export/csv")
            #expect(csv.headers[.contentType] == "application/zip")
            #expect(Data(buffer: csv.body).prefix(2) == Data("PK".utf8))
            let json = try await browser.get("/api/plans/\(plans[0])/export/json").object()
            #expect(json["format"] as? String == "ntp-export")
            let lines = try #require(json["funding"] as? [[String: Any]])
            #expect(lines.reduce(0) { $0 + ($1["amount_dong"] as? Int ?? 0) } == Int(document.lines.reduce(0) { $0 + $1.amount_dong }))
            let file = try await browser.get("/api/plans/\(plans[0])/document")
            #expect(Data(buffer: file.body) == (try workbench.store.plan(Int64(plans[0])))?.document)
            // The plan's answer names what it was made from, as stored.
            let stored = try #require(try workbench.store.plan(Int64(plans[0])))
            let answer = try await browser.get("/api/plans/\(plans[0])").object()
            #expect(answer["data_digest"] as? String == stored.dataDigest && answer["generator"] as? String == stored.generator)
            #expect((answer["run_id"] as? Int).map(Int64.init) == stored.runID)
            #expect(answer["scenario_digest"] as? String == (try workbench.store.version(stored.versionID))?.digest)
        }
    }

    @Test func theComparisonIsTheLibrarysForThePlansOwnInputs() async throws {
        let (workbench, plans) = try await Self.withPlans()
        let documents = try plans.map { try Self.document(workbench, $0) }
        try await withClient(workbench) { browser in
            let compared = try await browser.get("/api/compare?plan=\(plans[0])&plan=\(plans[1])").object()
            #expect(compared["format"] as? String == "ntp-compare" && compared["same_scenario"] as? Bool == true)
            let facts = try #require(compared["plans"] as? [[String: Any]])
            for (fact, document) in zip(facts, documents) {
                #expect(fact["criteria_met"] as? Int == document.completions.filter { document.years.contains($0.year) }.count)
                #expect(fact["spent_dong"] as? Int == Int(document.lines.reduce(0) { $0 + $1.amount_dong }))
                #expect(fact["scenario"] as? String == document.settings.scenario)
            }
            let page = try await browser.get("/compare?plan=\(plans[0])&plan=\(plans[1])")
            #expect(page.status == .ok && page.text.contains("Tiêu chí đạt trong năm"))
            #expect(try await browser.get("/compare?plan=\(plans[0])").status == .badRequest)
        }
    }

    @Test func anExplanationIsNtpExplainsOnThePlansOwnInputs() async throws {
        let (workbench, plans) = try await Self.withPlans()
        try await withClient(workbench) { browser in
            let answer = try await browser.get("/api/plans/\(plans[0])/explain?commune=cao-bang/quang-hoa/be-van-dan").object()
            #expect((answer["commune"] as? String)?.contains("Bế Văn Đàn") == true)
            #expect(!(answer["explanations"] as? [String] ?? []).isEmpty)
            let page = try await browser.get("/plans/\(plans[0])/explain?commune=cao-bang/quang-hoa/be-van-dan")
            #expect(page.status == .ok && page.text.contains("class=\"explanation\""))
            #expect(try await browser.get("/api/plans/\(plans[0])/explain?commune=nowhere").status == .badRequest)
        }
    }
}
