import Foundation
import NTPData
import NTPDomain
import NTPPlanning
import NTPStore
import Testing
@testable import NTPWorkbench

/// The what-if editor: a change becomes a new version written as scenario content the loaders read;
/// what they refuse comes back next to its field; a stale form is refused; nothing is half stored.
@Suite struct WhatIfTests {
    /// The edit form's fields as the page fills them, with `changes` over them.
    static func form(_ workbench: Workbench, version: VersionRecord, basedOn: Int, changes: [String: String]) throws -> [(String, String)] {
        let loaded = try workbench.inputs.loaded(version: version.id!)
        let values = ScenarioEdit.Values(loaded.options)
        var fields: [(String, String)] = [
            ("based_on", "\(basedOn)"), ("name", ""), ("note", ""), ("horizon", values.horizon), ("capacity", values.capacity),
            ("minimum_progress", values.minimumProgress), ("standard_bonus", values.standardBonus), ("targets", values.targets), ("priority", values.priority),
            ("envelopes", "\(loaded.budget.envelopes.count)"),
        ]
        if values.officialTargets { fields.append(("official_targets", "true")) }
        for (index, envelope) in loaded.budget.envelopes.enumerated() {
            let years = envelope.years.lowerBound == envelope.years.upperBound ? "\(envelope.years.lowerBound)" : "\(envelope.years.lowerBound)-\(envelope.years.upperBound)"
            fields += [
                ("e\(index)_program", envelope.program), ("e\(index)_source", envelope.source), ("e\(index)_level", envelope.level?.rawValue ?? ""),
                ("e\(index)_years", years), ("e\(index)_percent", ""), ("e\(index)_amount", ""), ("e\(index)_reason", ""),
            ]
        }
        for (name, value) in changes {
            if let index = fields.firstIndex(where: { $0.0 == name }) { fields[index].1 = value } else { fields.append((name, value)) }
        }
        return fields
    }

    @Test func aChangeIsSavedAsAVersionThatExtendsTheOneEdited() async throws {
        let workbench = try makeWorkbench()
        let (scenario, version) = try defaultScenario(workbench.store)
        let before = try workbench.inputs.loaded(version: version.id!)
        let row = try #require(before.budget.envelopes.firstIndex { $0.source == "central_investment" })
        let form = try Self.form(workbench, version: version, basedOn: 1, changes: ["capacity": "2", "e\(row)_percent": "-20", "e\(row)_reason": "cắt 20%"])
        try await withClient(workbench) { browser in
            let answer = try await browser.post("/scenarios/\(scenario.id!)/versions/1/edit", form)
            #expect(answer.status == .seeOther)
            #expect(answer.location == "/scenarios/\(scenario.id!)/versions/2?saved=1")
            let page = try await browser.get(try #require(answer.location))
            #expect(page.text.contains("Đã lưu phiên bản v2"))
        }
        let saved = try #require(try workbench.store.version(scenario: scenario.id!, number: 2))
        #expect(saved.parentID == version.id)
        // The change is kept as the scenario file written for it, and the version as the bundle it gives.
        let edit = try #require(saved.edit)
        #expect(edit.hasPrefix("extends: quang-hoa-2022-2025.yaml\n"))
        #expect(edit.contains("capacity: 2") && edit.contains("percent: -20") && edit.contains("reason: cắt 20%"))
        let bundle = try workbench.store.bundle(of: saved.id!)
        #expect(bundle.name == "quang-hoa-2022-2025.yaml" && bundle.digest == saved.digest)
        #expect(!bundle.scenario.contains("extends"))
        let after = try workbench.inputs.loaded(bundle)
        #expect(after.options.capacity == 2)
        // The envelope scaled by the loader: −20 %, rounded to the đồng half away from zero.
        let old = before.budget.envelopes[row].amount.dong
        let expected = (Decimal(old) * 80 / 100).rounded(0, .plain)
        #expect(Decimal(after.budget.envelopes[row].amount.dong) == expected)
        for (index, envelope) in after.budget.envelopes.enumerated() where index != row {
            #expect(envelope.amount == before.budget.envelopes[index].amount)
        }
        #expect(saved.note.contains("capacity: 2"))
    }

    @Test func whatTheLoadersRefuseComesBackNextToItsFieldAndNothingIsStored() async throws {
        let workbench = try makeWorkbench()
        let (scenario, version) = try defaultScenario(workbench.store)
        let cases: [(changes: [String: String], field: String, says: String)] = [
            (["capacity": "abc"], "capacity", "policy.capacity: “abc” must be a whole number between 1 and 100"),
            (["targets": "cao-bang/quang-hoa/no-such-commune@2024"], "targets", "unknown commune"),
            (["e0_percent": "-150"], "e0", "must be between -100 and 1000 %, not “-150”"),
            (["horizon": "20x2"], "horizon", "“20x2” must read like 2022-2025"),
            (["priority": "border"], "priority", "write KEY=WEIGHT"),
        ]
        try await withClient(workbench) { browser in
            _ = try await browser.get("/lang/en?back=/plans")
            for testCase in cases {
                let form = try Self.form(workbench, version: version, basedOn: 1, changes: testCase.changes)
                let answer = try await browser.post("/scenarios/\(scenario.id!)/versions/1/edit", form)
                #expect(answer.status == .unprocessableContent, "\(testCase.changes)")
                let page = answer.text
                #expect(page.contains(testCase.says), "\(testCase.changes): \(page.matches(of: /field-error[^<]*<|<li>[^<]*</).map { String($0.output) })")
                // The message sits in the field's own block (or the envelope's row).
                let block = testCase.field.hasPrefix("e")
                    ? page.components(separatedBy: "name=\"\(testCase.field)_program\"").dropFirst().first?.components(separatedBy: "</tr>").first
                    : page.components(separatedBy: "name=\"\(testCase.field)\"").dropFirst().first?.components(separatedBy: "<div class=\"field").first
                #expect(block?.contains("field-error") == true, "\(testCase.field) has no error next to it")
            }
            // The page's language is the messages' language.
            _ = try await browser.get("/lang/vi?back=/plans")
            let vi = try await browser.post("/scenarios/\(scenario.id!)/versions/1/edit", try Self.form(workbench, version: version, basedOn: 1, changes: ["capacity": "abc"]))
            #expect(vi.text.contains("policy.capacity: “abc” phải là số nguyên từ 1 đến 100"), "\(vi.text.matches(of: /field-error[^<]*</).map { String($0.output) })")
            #expect(!vi.text.contains("must be"))
        }
        #expect(try workbench.store.versions(of: scenario.id!).count == 1)
    }

    @Test func aFormOpenedBeforeAnotherEditWasSavedIsRefused() async throws {
        let workbench = try makeWorkbench()
        let (scenario, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { first in
            let form = try Self.form(workbench, version: version, basedOn: 1, changes: ["capacity": "2"])
            #expect(try await first.post("/scenarios/\(scenario.id!)/versions/1/edit", form).status == .seeOther)
            // A second browser had the form of version 1 open and saves another change.
            let second = Browser(client: first.client)
            let late = try Self.form(workbench, version: version, basedOn: 1, changes: ["capacity": "4"])
            let refused = try await second.post("/scenarios/\(scenario.id!)/versions/1/edit", late)
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Kịch bản đã thay đổi từ khi bạn mở biểu mẫu"))
            #expect(refused.text.contains("local đã lưu phiên bản 2"))
            // Through the API too.
            let api = try await second.send("/api/scenarios/\(scenario.id!)/versions/1/what-if", json: ["based_on": 1, "values": ["capacity": "4"]])
            #expect(api.status == .conflict)
        }
        let versions = try workbench.store.versions(of: scenario.id!)
        #expect(versions.map(\.number) == [2, 1])
        #expect(try workbench.inputs.loaded(version: versions[0].id!).options.capacity == 2)
    }

    @Test func aFormWithNothingChangedMakesNoVersion() async throws {
        let workbench = try makeWorkbench()
        let (scenario, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { browser in
            let answer = try await browser.post("/scenarios/\(scenario.id!)/versions/1/edit", try Self.form(workbench, version: version, basedOn: 1, changes: [:]))
            #expect(answer.status == .ok)
            #expect(answer.text.contains("Không có gì thay đổi"))
        }
        #expect(try workbench.store.versions(of: scenario.id!).count == 1)
    }

    @Test func twoVersionsDifferInTheValuesTheEditChanged() async throws {
        let workbench = try makeWorkbench()
        let (scenario, version) = try defaultScenario(workbench.store)
        try await withClient(workbench) { browser in
            let made = try await browser.send(
                "/api/scenarios/\(scenario.id!)/versions/1/what-if",
                json: ["based_on": 1, "note": "bốn năm, năng lực 2", "values": ["capacity": "2", "priority": "border=2"],
                       "envelope_changes": [["source": "central_investment", "percent": "-10"]]])
            #expect(made.status == .created)
            #expect(try made.object()["number"] as? Int == 2)
            let diff = try await browser.get("/api/scenarios/\(scenario.id!)/diff?from=1&to=2").object()
            let differences = try #require(diff["differences"] as? [[String: Any]])
            let byKey = Dictionary(uniqueKeysWithValues: differences.map { ($0["key"] as? String ?? "", ($0["from"] as? String, $0["to"] as? String)) })
            #expect(byKey["policy.capacity"]?.0 == "3" && byKey["policy.capacity"]?.1 == "2")
            #expect(byKey["policy.priority.border"]?.0 == nil && byKey["policy.priority.border"]?.1 == "2")
            #expect(byKey.keys.contains { $0.hasPrefix("envelopes[program=NTM,source=central_investment") && $0.hasSuffix(".amount") })
            #expect(!byKey.keys.contains { $0.contains("status.file") || $0.contains("plan.file") }, "files are named within the version, alike in both")
            let page = try await browser.get("/scenarios/\(scenario.id!)/diff?from=1&to=2")
            #expect(page.status == .ok && page.text.contains("policy.capacity"))
        }
        _ = version
    }
}
