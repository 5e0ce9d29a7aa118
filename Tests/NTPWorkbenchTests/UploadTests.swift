import Foundation
import NTPData
import GRDB
import NTPFiles
import NTPPlanning
import NTPStore
import NTPTestSupport
import NTPText
import NTPWorkbooks
import Testing
import XLSXSwift
@testable import NTPWorkbench

/// Uploads: scenario files checked like every scenario and stored whole or not at all.
@Suite struct UploadTests {
    @Test func aShippedScenarioUploadedBecomesAScenarioOfItsOwn() async throws {
        let workbench = try makeWorkbench(scenarios: false)
        let folder = projectFolder.appendingPathComponent("Scenarios")
        // As a browser sends them: file names without their folders.
        let files = try ["quang-hoa-2022-2025.yaml", "quang-hoa-2021-2025.yaml", "plans/quang-hoa-implemented-2022.csv"].map {
            (($0 as NSString).lastPathComponent, try Data(contentsOf: folder.appendingPathComponent($0)))
        }
        try await withClient(workbench) { browser in
            let answer = try await browser.upload("/upload", files: files, fields: [("name", "Quảng Hòa, tải lên")])
            #expect(answer.status == .seeOther)
        }
        let scenario = try #require(try workbench.store.scenarios().first)
        #expect(scenario.scenario.name == "Quảng Hòa, tải lên" && scenario.scenario.origin == .upload && scenario.latest.fileName == "quang-hoa-2022-2025.yaml")
        #expect(try workbench.inputs.loaded(version: scenario.latest.id!).options.capacity == 3)
    }

    @Test func aScenarioWithErrorsIsRefusedWithTheLoadersWordsAndNothingIsStored() async throws {
        let workbench = try makeWorkbench(scenarios: false)
        let text = try String(contentsOf: projectFolder.appendingPathComponent("Scenarios/quang-hoa-2021-2025.yaml"), encoding: .utf8)
        try await withClient(workbench) { browser in
            let plan = try Data(contentsOf: projectFolder.appendingPathComponent("Scenarios/plans/quang-hoa-implemented-2022.csv"))
            let files = [("a.yaml", Data((text + "\npolcy: {capacity: 2}\n").utf8)), ("quang-hoa-implemented-2022.csv", plan)]
            // The page's language, Vietnamese by default, is the refusals' language.
            let broken = try await browser.upload("/upload", files: files)
            #expect(broken.status == .unprocessableContent)
            #expect(broken.text.contains("có phải là “policy”?"))
            #expect(!broken.text.contains("did you mean"))
            #expect(!broken.text.contains("ntp-inputs-"))
            let missing = try await browser.upload("/upload", files: [("b.yaml", Data("extends: a.yaml\n".utf8))])
            #expect(missing.status == .unprocessableContent && missing.text.contains("b.yaml: extends: “a.yaml” nằm ngoài") || missing.text.contains("tệp này không có trong các tệp của kịch bản"),
                    "\(missing.text.matches(of: /<li>[^<]*</).map { String($0.output) })")
            let twice = try await browser.upload("/upload", files: [("a.yaml", Data(text.utf8)), ("a.yaml", Data(text.utf8))])
            #expect(twice.text.contains("a.yaml: được gửi hai lần"))
            let none = try await browser.upload("/upload", files: [("a.csv", plan)])
            #expect(none.text.contains("trong các tệp không có tệp kịch bản (.yaml) hay sổ Excel (.xlsx)"))
            _ = try await browser.get("/lang/en?back=/upload")
            let english = try await browser.upload("/upload", files: files)
            #expect(english.text.contains("did you mean “policy”?"))
            let missingEnglish = try await browser.upload("/upload", files: [("b.yaml", Data("extends: a.yaml\n".utf8))])
            #expect(missingEnglish.status == .unprocessableContent && missingEnglish.text.contains("which is not among the scenario"))
        }
        #expect(try workbench.store.scenarios().isEmpty)
    }
}

/// The workbench's own refusals are wholly in the language asked: every template has its Vietnamese and
/// the Vietnamese keeps none of the English words.
@Suite struct RefusalLanguageTests {
    static let sameInBoth: Set<String> = ["yaml", "xlsx", "trieu", "ty", "official", "formula", "greedy", "viewer", "planner", "admin",
                                          "automatic", "direct", "decomposition", "based_on", "from", "multipart", "form", "data", "ntp", "border"]

    @Test func refusalsAreInEitherLanguage() throws {
        let (_, version) = try defaultScenario(try makeWorkbench().store)
        var priority = ScenarioEdit.Values()
        priority.priority = "border"
        var messages: [Message] = [
            StoreError.staleEdit(basedOn: 2, latest: version).message, StoreError.duplicateUser("lan").message,
            StoreError.noSuchRun(7).message, StoreError.cannotOpen(path: "a.sqlite", reason: StoreError.reason(DatabaseError(resultCode: .SQLITE_BUSY))).message,
            ScenarioContentError.tooManyFiles(300).message, ScenarioContentError.badName("../x").message,
            ScenarioContentError.notAScenarioFile("a.csv").message, ScenarioContentError.noSuchFile("b.csv", namedBy: "a.yaml: status").message,
            ScenarioContentError.noSuchFile("b.csv", namedBy: nil).message,
            ScenarioContentError.referenceOutside(file: "a.yaml", key: "extends", path: "../b.yaml").message,
            ScenarioContentError.unwritable("/tmp/x", SystemReason(code: ENOSPC).wording).message,
            StoredInputsError.data("the plan is not a JSON object").message,
        ]
        do { _ = try ScenarioEdit(from: .init(), to: priority, envelopeChanges: [], name: nil, description: nil).yaml(extending: "a.yaml") } catch {
            messages.append(error.message)
        }
        #expect(messages.count == 13)
        for message in messages {
            #expect(OneLanguage.problems(message, sameInBoth: Self.sameInBoth) == [], "\(message)")
        }
    }
}

/// A department workbook uploaded: read by `WorkbookImport` as `ntp import` reads it, each problem at
/// its sheet and cell, the scenario stored whole or not at all.
@Suite struct WorkbookUploadTests {
    static let shipped = projectFolder.appendingPathComponent("Scenarios/quang-hoa-2022-2025.yaml").path

    /// The template `ntp template --from` writes for the shipped Quảng Hòa scenario, and that scenario.
    static func quangHoaWorkbook() throws -> (workbook: Workbook, loaded: LoadedScenario) {
        let loaded = try LoadedScenario(shipped, data: projectFolder.appendingPathComponent("Data").path)
        let prefill = WorkbookScenario(budget: loaded.budget, costs: loaded.costs, options: loaded.options, data: loaded.dataSet, file: shipped)
        let template = try WorkbookTemplate(options: .init(), data: loaded.dataSet, prefill: prefill)
        return (template.workbook, loaded)
    }

    static func bytes(_ workbook: Workbook) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-workbench-book-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("qh.xlsx")
        try workbook.write(to: url)
        return try Data(contentsOf: url)
    }

    @Test func aDepartmentWorkbookBecomesAScenarioWithItsCommunesStatusAndMoney() async throws {
        let (workbook, loaded) = try Self.quangHoaWorkbook()
        let bytes = try Self.bytes(workbook)
        let workbench = try makeWorkbench(scenarios: false)
        let answer = try await withClient(workbench) { browser in
            try await browser.upload("/api/scenarios", files: [("qh.xlsx", bytes)])
        }
        #expect(answer.status == .created, "\(answer.text)")
        let scenario = try #require(try workbench.store.scenarios().first)
        #expect(scenario.scenario.origin == .workbook && scenario.scenario.sourceName == "qh.xlsx" && scenario.scenario.name == loaded.budget.name)
        #expect(scenario.latest.note.hasPrefix("imported from qh.xlsx"))
        let stored = try workbench.inputs.loaded(version: scenario.latest.id!)
        // The version is the shipped scenario as the workbook states it: communes, status, money, policy.
        #expect(stored.costs.communes.map(\.locality.id) == loaded.costs.communes.map(\.locality.id))
        for (read, original) in zip(stored.costs.communes, loaded.costs.communes) {
            #expect(Set(read.met) == Set(original.met) && read.plannedYear == original.plannedYear, "\(original.locality.name)")
        }
        #expect(stored.budget.envelopes.map { [$0.program, $0.source, "\($0.years)", "\($0.amount.dong)"] }
            == loaded.budget.envelopes.map { [$0.program, $0.source, "\($0.years)", "\($0.amount.dong)"] })
        #expect(stored.options.capacity == loaded.options.capacity)
    }

    @Test func aWorkbookWithErrorsIsRefusedAtItsCellsAndNothingIsStored() async throws {
        var (workbook, _) = try Self.quangHoaWorkbook()
        let index = try #require(workbook.sheets.firstIndex { $0.name == "Biểu tiêu chí" })
        let header = try #require(workbook.sheets[index].cells.first { $0.key.column == 1 && $0.value.value == .text("Xã") }?.key.row)
        // The first commune's first criterion: neither x, a year of the plan, nor empty.
        workbook.sheets[index].set(header + 2, 3, .text("sắp đạt"))
        let cell = CellAddress(row: header + 2, column: 3).description
        let bytes = try Self.bytes(workbook)
        let workbench = try makeWorkbench(scenarios: false)
        try await withClient(workbench) { browser in
            let page = try await browser.upload("/upload", files: [("qh.xlsx", bytes)])
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("qh.xlsx:Biểu tiêu chí!\(cell): lỗi:"), "\(page.text)")
            #expect(page.text.contains("sắp đạt"))
            let api = try await browser.upload("/api/scenarios", files: [("qh.xlsx", bytes)])
            #expect(api.status == .unprocessableContent)
            let fields = try #require(try api.object()["fields"] as? [[String: Any]])
            #expect(fields.contains { ($0["message"] as? String)?.hasPrefix("qh.xlsx:Biểu tiêu chí!\(cell)") == true })
            // Not a workbook at all, and a workbook with other files.
            let damaged = try await browser.upload("/api/scenarios", files: [("qh.xlsx", Data("not a zip".utf8))])
            #expect(damaged.status == .unprocessableContent && damaged.text.contains("qh.xlsx"))
            let mixed = try await browser.upload("/api/scenarios", files: [("qh.xlsx", bytes), ("a.yaml", Data("name: a\n".utf8))])
            #expect(mixed.status == .unprocessableContent && mixed.text.contains("qh.xlsx: sổ Excel phải được tải lên một mình"))
            let unit = try await browser.upload("/api/scenarios", files: [("qh.xlsx", bytes)], fields: [("unit", "dong")])
            #expect(unit.status == .unprocessableContent && unit.text.contains("trieu"))
        }
        #expect(try workbench.store.scenarios().isEmpty)
    }
}
