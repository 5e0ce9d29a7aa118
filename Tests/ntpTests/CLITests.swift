import Foundation
import Testing

/// The `ntp` executable, run as a user runs it.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// Ended by a signal: a Swift trap (SIGILL, SIGTRAP), an abort, a kill.
        var signalled = false
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs the `ntp` built next to this test bundle.
    func ntp(_ arguments: String...) throws -> Run { try ntp(arguments) }

    /// Runs `ntp` in `folder` (the repository by default), with `environment` added to the test's own;
    /// in the catalogue's strict mode, so that a message without its Vietnamese fails the test.
    func ntp(_ arguments: [String], in folder: URL = Self.repository, environment: [String: String] = [:], executable: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable ?? Bundle.main.bundleURL.appendingPathComponent("ntp")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(["NTP_CATALOGUE_CHECK": "1"].merging(environment) { $1 }) { $1 }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal)
    }

    func temporaryModel(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-cli-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func version() throws {
        let run = try ntp("--version")
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("ntp 0.1.0 (GLPK 5."))
    }

    @Test func helpListsTheSubcommands() throws {
        let run = try ntp("--help")
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("USAGE: ntp <subcommand>"))
        #expect(run.standardOutput.contains("solve"))
    }

    @Test func solveHelpDescribesEveryOptionAndTheExitStatus() throws {
        let help = try ntp("solve", "--help").standardOutput
        for option in ["--format", "--time-limit", "--gap", "--no-presolve", "--cuts", "--feasibility-pump",
                       "--proximity-search", "--branching", "--relax", "--values", "--verbose"] {
            #expect(help.contains(option), "\(option) missing from: \(help)")
        }
        #expect(help.contains("Exit status: 0 when a feasible point was found"))
    }

    @Test func solvesTheShippedExample() throws {
        let run = try ntp("solve", "Data/examples/allocation-example.lp", "--lang", "en")
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("28 rows, 36 columns (12 binary, 0 integer, 24 continuous)"))
        #expect(run.standardOutput.contains("Status      optimal\n"))
        #expect(run.standardOutput.contains("Objective   9\n"))
        #expect(run.standardOutput.contains("Best bound  9\n"))
        #expect(run.standardOutput.contains("Gap         0 %\n"))
        // Progress went to standard error, not into the report.
        #expect(run.standardError.contains("incumbent"))
        #expect(!run.standardOutput.contains("incumbent"))
    }

    @Test func lpValuesAndDuals() throws {
        let model = try temporaryModel("wyndor.lp", """
            Maximize
             profit: 3 x1 + 5 x2
            Subject To
             plant1: x1 <= 4
             plant2: 2 x2 <= 12
             plant3: 3 x1 + 2 x2 <= 18
            End
            """)
        let run = try ntp("solve", model, "--values", "--lang", "en")
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("Objective   36\n"))
        #expect(run.standardOutput.contains("  x1 = 2\n  x2 = 6\n"))
        #expect(run.standardOutput.contains("Row duals (non-zero):\n  plant2 = 1.5\n  plant3 = 1\n"))
    }

    @Test func infeasibleModelExitsWithTwo() throws {
        let model = try temporaryModel("infeasible.lp", "Minimize\n obj: x\nSubject To\n c1: x >= 2\n c2: x <= 1\nEnd\n")
        let run = try ntp("solve", model, "--lang", "en")
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("Status      infeasible\n"))
        #expect(run.standardOutput.contains("Objective   none"))
    }

    @Test func timeLimitWithoutASolutionExitsWithTwo() throws {
        // Σ 2 x_i = 61 over 60 binaries: no integer point, and no quick proof of it.
        let terms = (0..<60).map { "2 x\($0)" }.joined(separator: " + ")
        let names = (0..<60).map { "x\($0)" }.joined(separator: " ")
        let model = try temporaryModel("parity.lp", "Maximize\n obj: x0\nSubject To\n odd: \(terms) = 61\nBinary\n \(names)\nEnd\n")
        let run = try ntp("solve", model, "--time-limit", "0.5", "--no-presolve", "--lang", "en")
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("Status      time limit reached\n"))
        #expect(run.standardOutput.contains("Objective   none (no integer-feasible point)"))
    }

    @Test func verboseShowsGLPKsOwnOutput() throws {
        let quiet = try ntp("solve", "Data/examples/allocation-example.lp")
        let verbose = try ntp("solve", "Data/examples/allocation-example.lp", "--verbose")
        #expect(!quiet.standardError.contains("Integer optimization begins"))
        #expect(verbose.standardError.contains("Integer optimization begins"))
    }

    @Test func malformedModelIsAnErrorNamingTheFile() throws {
        let model = try temporaryModel("broken.lp", "Maximize\n obj: 3 x +\nSubject To\nEnd\n")
        let run = try ntp("solve", model, "--lang", "en")
        #expect(run.status == 1)
        #expect(run.standardError.contains("Error: cannot read \(model)"))
        #expect(run.standardError.contains("broken.lp:"))
    }

    @Test func unknownExtensionAsksForAFormat() throws {
        let run = try ntp("solve", "model.txt", "--lang", "en")
        #expect(run.status == 64)
        #expect(run.standardError.contains("add --format mps|fixed-mps|lp"))
    }

    @Test func invalidGapIsRejected() throws {
        let run = try ntp("solve", "Data/examples/allocation-example.lp", "--gap=-1")
        #expect(run.status == 64)
        #expect(run.standardError.contains("--gap phải từ 0 đến 1, không phải -1"))
        let en = try ntp("solve", "Data/examples/allocation-example.lp", "--gap=-1", "--lang", "en")
        #expect(en.standardError.contains("--gap must be between 0 and 1, not -1"))
    }

    @Test func validateReportsTheDocumentsInconsistenciesAsWarnings() throws {
        let run = try ntp("validate", "--lang", "en")
        #expect(run.status == 0)
        #expect(run.standardOutput.contains(
            "Data/seeds/lang-son-2022/stated_figures.csv:95: warning: capital_total_2022: the document states 4.760 "
                + "(002_958c76eff211b803.txt#L141 §III); its parts give 4.770"))
        #expect(run.standardOutput.contains("5 documents, 5 criteria sets"))
        #expect(run.standardOutput.contains("0 errors, 13 warnings"))
    }

    @Test func validateFailsOnABrokenFile() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-cli-data-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Data"), to: copy)
        let file = copy.appendingPathComponent("seeds/krong-no-2022/commune_targets.csv")
        try (String(contentsOf: file, encoding: .utf8) + "Năm Nung,99,99,001_04a6f5c107f4b062.txt#L37 x\n").write(to: file, atomically: true, encoding: .utf8)
        let run = try ntp("validate", copy.path, "--lang", "en")
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("seeds/krong-no-2022/commune_targets.csv:23:2: error: criterion: “99” is not a criterion"))
    }

    @Test func showQuangHoa() throws {
        let run = try ntp("show", "Quảng Hòa")
        #expect(run.status == 0)
        let text = run.standardOutput
        #expect(text.hasPrefix("huyện Quảng Hòa, tỉnh Cao Bằng\n"))
        #expect(text.contains("Đại Sơn           14        5"))
        #expect(text.contains("Cộng (16 xã)     183       29       32       30       30     304"))
        #expect(text.contains("Bình quân tiêu chí/xã: 11,44 → 13,25 (2022) → 15,25 (2023) → 17,13 (2024) → 19,00 (2025)"))
        #expect(text.contains("Vốn (như văn bản nêu)"))
        #expect(text.contains("70.285"))
    }

    @Test func showLocBinhInEnglish() throws {
        let run = try ntp("show", "Lộc Bình", "--lang", "en")
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("Total (19 communes)"))
        #expect(run.standardOutput.contains("Average criteria per commune: 12.95 → 14.37 (2024)"))
        // The new commune of the same name is offered by its id.
        #expect(run.standardOutput.contains("lang-son/loc-binh-2025"))
    }

    @Test func showAnUnknownPlace() throws {
        let run = try ntp("show", "Nowhere")
        #expect(run.status == 64)
        #expect(run.standardError.contains("không tìm thấy “Nowhere”"))
    }

    @Test func validateOnePlansFolder() throws {
        let run = try ntp("validate", "Data/seeds/loc-binh-2024", "--lang", "en")
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("1 document, "))
        #expect(run.standardOutput.contains("0 errors, 2 warnings"))  // 14,16 against 273/19 and against the annex's own 14,37
        #expect(run.standardOutput.contains("avg_criteria_per_commune_target_2024: the document states 14,16"))
        #expect(run.standardOutput.contains("its parts give 14,37"))
        #expect(!run.standardOutput.contains("lang-son-2022"))
    }

    @Test func budgetTableOfQuangHoa() throws {
        let run = try ntp("budget", "Scenarios/quang-hoa-2021-2025.yaml")
        #expect(run.status == 0)
        let text = run.standardOutput
        #expect(text.contains("Đơn vị: triệu đồng"))
        // The balance column has no total (a balance includes money carried in); what is left is stated.
        #expect(text.contains("Cộng                                                                               461.506                0  130.319                   331.187            0\n"))
        #expect(text.contains("Còn lại cuối kỳ (dự toán − sử dụng − hủy dự toán): 331.187\n"))
        #expect(text.contains("Tổng nguồn                                    461.506  100,0%"))
        #expect(text.contains("CHƯA KIỂM TRA ĐƯỢC: DTTS tại huyện Quảng Hòa"))
    }

    @Test func budgetInBillionsKeepsTotalsExact() throws {
        let run = try ntp("budget", "Scenarios/quang-hoa-2021-2025.yaml", "--unit", "ty", "--lang", "en")
        #expect(run.status == 0)
        // 70,285 + 0,484 + 11,430 + 293,687 + 11,556 + 74,064: the rounded parts add up to the rounded total.
        #expect(run.standardOutput.contains("461.5         0.0  130.3                 331.2     0.0\n"))
        #expect(run.standardOutput.contains("Left at the end (envelopes − used − lapsed): 331.2\n"))
        #expect(run.standardOutput.contains("293.7"))
    }

    @Test func budgetJSONCarriesDong() throws {
        let run = try ntp("budget", "Scenarios/lang-son-2022.yaml", "--format", "json", "--unit", "ty")
        #expect(run.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let total = json?["total_sources"] as? [String: Any]
        #expect(total?["dong"] as? Int == 4_770_000_000_000)
        #expect(total?["shown"] as? String == "4770.0")
        let shares = (json?["shares"] as? [[String: Any]])?.compactMap { $0["percent"] as? String }
        #expect(shares == ["13.4", "12.1", "1.7", "67.1", "5.7"])
    }

    @Test func budgetCSV() throws {
        let run = try ntp("budget", "Scenarios/lang-son-2022.yaml", "--format", "csv")
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines.first == "table,program,source,level,years,locality,year,measure,amount_dong,amount,unit,note")
        #expect(lines.contains("envelopes,NTM,credit,,2022,,,envelope,3200000000000,3200000,trieu,"))
        #expect(lines.contains("totals,,,,,,,sources,4770000000000,4770000,trieu,"))
    }

    @Test func budgetExitsWithThreeWhenAPlanBreaksARule() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-cli-budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            name: over
            phase: "2021-2025"
            scope: cao-bang/quang-hoa
            criteria_set: qd318-2021-2025-commune
            money_unit: trieu
            envelopes:
              - {program: NTM, source: local, years: 2022, amount: "100", provenance: test}
            plan: {file: plan.csv}
            """.write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        try "locality,criterion,program,source,year,amount,unit,provenance\nPhúc Sen,2,NTM,local,2022,150,trieu_dong,test\n"
            .write(to: folder.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
        let run = try ntp("budget", folder.appendingPathComponent("s.yaml").path)
        #expect(run.status == 3)
        #expect(run.standardOutput.contains("VƯỢT KẾ HOẠCH: NTM, Ngân sách địa phương, 2022: sử dụng 150 triệu đồng, chỉ có 100 triệu đồng (vượt 50 triệu đồng)"))
    }

    @Test func costsOfQuangHoa() throws {
        let run = try ntp("costs", "Scenarios/quang-hoa-2021-2025.yaml")
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("Mức chi phí: base; đơn vị: triệu đồng"))
        #expect(run.standardOutput.contains("Cộng        121 tiêu chí"))
        #expect(run.standardOutput.contains("mountainous × 1.2 (construction)"))
        let low = try ntp("costs", "Scenarios/quang-hoa-2021-2025.yaml", "--level", "low", "--format", "csv")
        #expect(low.standardOutput.hasPrefix("locality,criterion,level,amount_dong,construction_dong,recurrent_dong,credit_dong,community_enterprise_dong,build_years,maintenance_per_year_dong,steps\n"))
        #expect(low.standardOutput.split(separator: "\n").count == 122)
    }

    @Test func calibrateSaysWhyNoFactorFitsAndFindsOneForTheBudgetPart() throws {
        let whole = try ntp("calibrate", "Scenarios/quang-hoa-2021-2025.yaml", "--lang", "en")
        #expect(whole.status == 2)
        #expect(whole.standardOutput.contains("No factor makes the plan affordable"))
        #expect(whole.standardOutput.contains("credit: 50 items (criteria 9, 10, 11, 12, 13; 2022-2025)"))

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-calibration-\(UUID().uuidString).yaml")
        let part = try ntp("calibrate", "Scenarios/quang-hoa-2021-2025.yaml", "--kinds", "construction,recurrent", "--out", out.path, "--lang", "en")
        #expect(part.status == 0)
        #expect(part.standardOutput.contains("Official plan: 121 criteria costing 358,590 million VND at the norms; budget 461,506 million VND"))
        #expect(part.standardOutput.contains("Factor overall: 1.2870"))
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written.contains("scale:\n  \"*\": 1.287\n"))
    }

    @Test func showFollowsThe2025Merges() throws {
        let old = try ntp("show", "Phúc Sen")
        #expect(old.standardOutput.contains("Sáp nhập ngày 2025-07-01 vào: xã Quảng Uyên (1657/NQ-UBTVQH15), id cao-bang/quang-uyen"))
        let new = try ntp("show", "cao-bang/quang-uyen", "--lang", "en")
        #expect(new.status == 0)
        #expect(new.standardOutput.contains("Formed on 2025-07-01 from: xã Phúc Sen, xã Chí Thảo, xã Phi Hải (1657/NQ-UBTVQH15"))
    }

    @Test func planQuangHoaAndCrossCheckItsModel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("plan.json"), mps = folder.appendingPathComponent("model.mps")
        let run = try ntp("plan", "Scenarios/quang-hoa-2021-2025.yaml", "--lang", "en", "--out", out.path, "--write-mps", mps.path)
        #expect(run.status == 0)
        // Only criteria whose whole cost the scenario's state envelopes may pay can be met: 14 of 121, all in 2022.
        // The scenario has no credit or community envelope: 107 criteria cannot be paid, said before the status.
        #expect(run.standardOutput.contains("Status: optimal within what the envelopes may pay, gap 0.00%"))
        #expect(run.standardOutput.contains("Cap: no envelope may pay all of 107 of the 121 missing criteria; at most 14 can be met."))
        #expect(run.standardOutput.contains("Criteria-years gained: 56"))
        #expect(run.standardOutput.contains("Total      14 / 121"))
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        #expect(plan?["format"] as? String == "ntp-plan" && plan?["version"] as? Int == 3)
        #expect((plan?["completions"] as? [Any])?.count == 14)
        // The exported model, solved on its own, gives the same objective.
        let solved = try ntp("solve", mps.path, "--lang", "en")
        #expect(solved.standardOutput.contains("Objective   56\n"))
    }

    @Test func officialTargetsThatNoMoneyCanMeet() throws {
        // The Quảng Hòa schedule needs credit and community money the scenario has no envelope for.
        let run = try ntp("plan", "Scenarios/quang-hoa-2021-2025.yaml", "--official-targets", "--lang", "en")
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("No plan found: infeasible"))
        #expect(run.standardOutput.contains("No extra money in the scenario's envelopes meets the targets"))
    }

    @Test func explainReadsThePlanItExplains() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-explain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("plan.json")
        let run = try ntp(
            "plan", "Scenarios/quang-hoa-2021-2025.yaml", "--kinds", "construction,recurrent", "--capacity", "3", "--min-progress", "1",
            "--lang", "en", "--out", out.path)
        #expect(run.status == 0)
        // With at most 3 criteria a commune a year, the 121 spread over 2022-2025 and the 16 communes reach standard by 2025.
        #expect(run.standardOutput.contains("Total     121 / 121"))
        #expect(run.standardOutput.contains("2025              5                    16"))
        let explained = try ntp("explain", out.path, "Bế Văn Đàn", "6", "--lang", "en")
        #expect(explained.status == 0)
        // The year is the plan's (GLPK may pick another of several optima).
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        let completion = (plan?["completions"] as? [[String: Any]])?.first {
            $0["commune"] as? String == "cao-bang/quang-hoa/be-van-dan" && $0["criterion"] as? String == "6"
        }
        let year = try #require(completion?["year"] as? Int)
        #expect(explained.standardOutput.contains("Criterion 6 (Cultural facilities): met in \(year)"))
        #expect(explained.standardOutput.contains("NTM, Central budget - development investment, 2021-2025: spent "))
        let unknown = try ntp("explain", out.path, "Nowhere", "--lang", "en")
        #expect(unknown.status != 0 && unknown.standardError.contains("Nowhere is not a commune of Scenarios/quang-hoa-2021-2025.yaml"))
        let badTarget = try ntp("plan", "Scenarios/quang-hoa-2021-2025.yaml", "--target", "cao-bang/x@2024", "--lang", "en")
        #expect(badTarget.status != 0 && badTarget.standardError.contains("unknown commune “cao-bang/x”"))
    }

    @Test func replanningKeepsTheLockedYears() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let first = folder.appendingPathComponent("first.json"), second = folder.appendingPathComponent("second.json")
        let scenario = "Scenarios/quang-hoa-2021-2025.yaml"
        #expect(try ntp("plan", scenario, "--kinds", "construction,recurrent", "--capacity", "2", "--out", first.path).status == 0)
        let run = try ntp("plan", scenario, "--kinds", "construction,recurrent", "--capacity", "3", "--lock-plan", first.path, "--lock-through", "2023", "--out", second.path)
        #expect(run.status == 0)
        let completions = { (url: URL) throws -> Set<String> in
            let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
            return Set(((plan?["completions"] as? [[String: Any]]) ?? []).compactMap { done in
                (done["year"] as? Int).flatMap { $0 <= 2023 ? "\(done["commune"]!)#\(done["criterion"]!)@\($0)" : nil }
            })
        }
        // The first two years are the first plan's, exactly; a higher capacity only changes what follows.
        #expect(try completions(first) == completions(second))
        // A target in the locked years on a criterion the first plan meets later contradicts them.
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: first)) as? [String: Any]
        let late = try #require(((plan?["completions"] as? [[String: Any]]) ?? []).first { $0["year"] as? Int == 2025 })
        let target = "\(late["commune"]!)#\(late["criterion"]!)@2023"
        let conflict = try ntp("plan", scenario, "--kinds", "construction,recurrent", "--lock-plan", first.path, "--lock-through", "2023", "--target", target, "--lang", "en")
        #expect(conflict.status != 0)
        #expect(conflict.standardError.contains("the target \(target) falls in the locked years"))
    }
}
