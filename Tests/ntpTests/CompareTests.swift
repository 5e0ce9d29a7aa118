import Foundation
import Testing

/// `ntp compare`, run as a user runs it, on plans made by `ntp plan` and checked against the plan files
/// read here independently.
@Suite struct CompareTests {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let scenario = "Scenarios/quang-hoa-2021-2025.yaml"

    /// Runs the `ntp` built next to this test bundle.
    static func ntp(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("ntp")
        process.arguments = arguments
        process.currentDirectoryURL = repository
        process.environment = ProcessInfo.processInfo.environment.merging(["NTP_CATALOGUE_CHECK": "1"]) { $1 }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }

    func ntp(_ arguments: String...) throws -> Run { try Self.ntp(arguments) }

    static func temporaryFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-compare-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Two plans of the shipped scenario (construction and recurrent money planned): at most 3 criteria a
    /// commune a year, and at most 1. Made once for the suite, with what `ntp plan` printed.
    struct Plans {
        let three, one: URL
        let threeSummary: String
    }

    static let plans = Result { () throws -> Plans in
        let folder = try temporaryFolder("plans")
        let three = folder.appendingPathComponent("capacity-3.json"), one = folder.appendingPathComponent("capacity-1.json")
        let made = try ntp(["plan", scenario, "--kinds", "construction,recurrent", "--capacity", "3", "--lang", "en", "--out", three.path])
        guard made.status == 0 else { throw Problem("ntp plan --capacity 3 failed: \(made.standardError)") }
        let other = try ntp(["plan", scenario, "--kinds", "construction,recurrent", "--capacity", "1", "--out", one.path])
        guard other.status == 0 else { throw Problem("ntp plan --capacity 1 failed: \(other.standardError)") }
        return Plans(three: three, one: one, threeSummary: made.standardOutput)
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A plan file as this test reads it, without the program's types.
    struct PlanFile {
        let years: [Int]
        /// "commune#criterion" → year.
        let completion: [String: Int]
        let criteriaYears: Int?
        /// "source|year" → đồng, and "locality|source" → đồng.
        let spendBySourceYear: [String: Int64]
        let moneyByCommuneSource: [String: Int64]

        init(_ url: URL) throws {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            years = try #require(json["years"] as? [Int])
            var completion: [String: Int] = [:]
            for done in try #require(json["completions"] as? [[String: Any]]) {
                completion["\(done["commune"]!)#\(done["criterion"]!)"] = try #require(done["year"] as? Int)
            }
            self.completion = completion
            criteriaYears = json["criteria_years"] as? Int
            var bySourceYear: [String: Int64] = [:], byCommuneSource: [String: Int64] = [:]
            for line in try #require(json["lines"] as? [[String: Any]]) {
                let amount = try #require((line["amount_dong"] as? NSNumber)?.int64Value)
                bySourceYear["\(line["source"]!)|\(line["year"]!)", default: 0] += amount
                byCommuneSource["\(line["locality"]!)|\(line["source"]!)", default: 0] += amount
            }
            spendBySourceYear = bySourceYear
            moneyByCommuneSource = byCommuneSource
        }
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func int64(_ value: Any?) -> Int64? { (value as? NSNumber)?.int64Value }

    // MARK: Tests

    @Test func aPlanComparedWithItselfHasNoDifferencesAndEqualColumns() throws {
        let plans = try Self.plans.get()
        let run = try ntp("compare", plans.three.path, plans.three.path, "--format", "json")
        #expect(run.status == 0, "\(run.standardError)")
        let report = try json(run.standardOutput)
        #expect(report["same_scenario"] as? Bool == true)
        let columns = try #require(report["plans"] as? [[String: Any]])
        #expect(columns.count == 2)
        #expect(columns.map { $0["name"] as? String } == ["capacity-3.json", "capacity-3.json #2"])
        // Every figure of the two columns is the same; only the name differs.
        var first = columns[0], second = columns[1]
        first["name"] = nil
        second["name"] = nil
        #expect(NSDictionary(dictionary: first).isEqual(to: second))
        let diff = try #require((report["diffs"] as? [[String: Any]])?.first)
        #expect((diff["criteria"] as? [Any])?.isEmpty == true)
        #expect((diff["money"] as? [Any])?.isEmpty == true)

        let table = try ntp("compare", plans.three.path, plans.three.path, "--lang", "en")
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("No criterion moves."))
        #expect(table.standardOutput.contains("No difference in money."))
    }

    @Test func capacityOneAgainstThreeAgreesWithThePlanFiles() throws {
        let plans = try Self.plans.get()
        let three = try PlanFile(plans.three), one = try PlanFile(plans.one)
        let run = try ntp("compare", plans.three.path, plans.one.path, "--format", "json")
        #expect(run.status == 0, "\(run.standardError)")
        let report = try json(run.standardOutput)
        let columns = try #require(report["plans"] as? [[String: Any]])
        #expect(columns.map { $0["name"] as? String } == ["capacity-3.json", "capacity-1.json"])

        // Per year, each column against its own plan file.
        for (column, file) in zip(columns, [three, one]) {
            let byYear = try #require(column["by_year"] as? [[String: Any]])
            #expect(byYear.compactMap { $0["year"] as? Int } == file.years)
            var cumulative = 0
            for row in byYear {
                let year = try #require(row["year"] as? Int)
                let met = file.completion.values.filter { $0 == year }.count
                cumulative += met
                #expect(row["criteria_met"] as? Int == met, "\(year)")
                #expect(row["criteria_met_by_end"] as? Int == cumulative, "\(year)")
                #expect(int64(row["spent_dong"]) == file.spendBySourceYear.filter { $0.key.hasSuffix("|\(year)") }.values.reduce(0, +))
            }
            // Criteria-years: a criterion met in year y over a horizon ending L counts L − y + 1; the sum of
            // the criteria met by the end of each year is the same number.
            let last = try #require(file.years.last)
            let criteriaYears = file.completion.values.reduce(0) { $0 + last - $1 + 1 }
            #expect(column["criteria_years"] as? Int == criteriaYears)
            #expect(file.criteriaYears == criteriaYears)
            #expect(byYear.compactMap { $0["criteria_met_by_end"] as? Int }.reduce(0, +) == criteriaYears)
            #expect(column["criteria_met"] as? Int == file.completion.count)
            // Spend by source and year, to the đồng.
            let spend = try #require(column["spend"] as? [[String: Any]])
            var shownSpend: [String: Int64] = [:]
            for entry in spend { shownSpend["\(entry["source"]!)|\(entry["year"]!)"] = int64(entry["amount_dong"]) }
            #expect(shownSpend == file.spendBySourceYear)
            #expect(int64(column["spent_dong"]) == file.spendBySourceYear.values.reduce(0, +))
            #expect(int64(column["unspent_dong"]).map { $0 + file.spendBySourceYear.values.reduce(0, +) } == int64(column["available_dong"]))
        }
        // Capacity 1 spreads one criterion a commune a year: 16 communes × 4 years.
        #expect(one.completion.count == 16 * one.years.count)

        // Communes at standard agree with what ntp plan printed for the capacity-3 plan.
        let byYear = try #require(columns[0]["by_year"] as? [[String: Any]])
        for row in byYear {
            let year = try #require(row["year"] as? Int)
            let met = try #require(row["criteria_met"] as? Int), atStandard = try #require(row["communes_at_standard"] as? Int)
            #expect(plans.threeSummary.contains(try Regex("\n\(year) +\(met) +\(atStandard)\n")), "\(year): \(met) met, \(atStandard) at standard")
        }
        // Every criterion is met in the capacity-3 plan, so a commune reaches standard in the year of its last one.
        #expect(columns[0]["criteria_met"] as? Int == columns[0]["criteria_missing"] as? Int)
        let lastYear = Dictionary(three.completion.map { (String($0.key.split(separator: "#")[0]), $0.value) }, uniquingKeysWith: max)
        for row in byYear {
            let year = try #require(row["year"] as? Int)
            #expect(row["communes_reaching_standard"] as? Int == lastYear.values.filter { $0 == year }.count, "\(year)")
        }

        // The moved criteria are exactly those whose years differ in the two files.
        let diff = try #require((report["diffs"] as? [[String: Any]])?.first)
        #expect(diff["from"] as? String == "capacity-3.json" && diff["to"] as? String == "capacity-1.json")
        var moved: [String: (Int?, Int?)] = [:]
        for move in try #require(diff["criteria"] as? [[String: Any]]) {
            moved["\(move["commune"]!)#\(move["criterion"]!)"] = (move["year_from"] as? Int, move["year_to"] as? Int)
            if let from = move["year_from"] as? Int, let to = move["year_to"] as? Int { #expect(move["shift"] as? Int == to - from) }
            #expect(move["status_to"] as? String == (move["year_to"] is Int ? "met" : "not_met"))
        }
        let expected = Set(three.completion.keys).union(one.completion.keys).filter { three.completion[$0] != one.completion[$0] }
        #expect(Set(moved.keys) == expected)
        #expect(!expected.isEmpty)
        for key in expected {
            #expect(moved[key]?.0 == three.completion[key] && moved[key]?.1 == one.completion[key], "\(key)")
        }
        // Money by commune and source: only the rows that differ, with exact đồng.
        var money: [String: (Int64?, Int64?, Int64?)] = [:]
        for move in try #require(diff["money"] as? [[String: Any]]) {
            money["\(move["commune"]!)|\(move["source"]!)"] = (int64(move["from_dong"]), int64(move["to_dong"]), int64(move["difference_dong"]))
        }
        let differing = Set(three.moneyByCommuneSource.keys).union(one.moneyByCommuneSource.keys)
            .filter { three.moneyByCommuneSource[$0] != one.moneyByCommuneSource[$0] }
        #expect(Set(money.keys) == differing)
        for key in differing {
            let from = three.moneyByCommuneSource[key] ?? 0, to = one.moneyByCommuneSource[key] ?? 0
            #expect(money[key]?.0 == from && money[key]?.1 == to && money[key]?.2 == to - from, "\(key)")
        }
    }

    /// The rows of the section titled `title` in a terminal table: cells of the rows before the rule
    /// that precedes the total, and the total row.
    func terminalSection(_ text: String, _ title: String) throws -> (rows: [[String]], total: [String]) {
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: title), "no section \(title)")
        var body: [[String]] = []
        var rules = 0
        for line in lines[(start + 2)...] {
            if line.hasPrefix("─") { rules += 1; continue }
            if line.isEmpty { break }
            let cells = line.split(separator: /\s{2,}/).map(String.init)
            if rules == 1 { body.append(cells) } else { return (body, cells) }
        }
        throw Problem("no total row in \(title)")
    }

    /// The same from a Markdown table: the rows after the header, the last one the total.
    func markdownSection(_ text: String, _ title: String) throws -> (rows: [[String]], total: [String]) {
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "## " + title), "no section \(title)")
        var rows: [[String]] = []
        for line in lines[(start + 4)...] {
            guard line.hasPrefix("|") else { break }
            // Empty cells dropped, as the terminal table's columns of spaces are.
            rows.append(line.split(separator: " | ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "| *")) }.filter { !$0.isEmpty })
        }
        let total = rows.popLast()
        return (rows, try #require(total))
    }

    /// A shown number of million VND in English notation ("1,234", "+56", "-7"), or nil.
    func shownNumber(_ cell: String) -> Int64? { Int64(cell.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "+", with: "")) }

    @Test func shownMillionsAddUpToTheShownTotals() throws {
        let plans = try Self.plans.get()
        let three = try PlanFile(plans.three), one = try PlanFile(plans.one)
        let table = try ntp("compare", plans.three.path, plans.one.path, "--lang", "en")
        let markdown = try ntp("compare", plans.three.path, plans.one.path, "--lang", "en", "--format", "md")
        #expect(table.status == 0 && markdown.status == 0)
        let spendTitle = "Spend by source and year (million VND)"
        let moneyTitle = "Money by commune and source (million VND): capacity-1.json against capacity-3.json"
        for (format, section) in [("table", terminalSection), ("md", markdownSection)] as [(String, (String, String) throws -> ([[String]], [String]))] {
            let text = format == "table" ? table.standardOutput : markdown.standardOutput
            // Spend: source, year, one column per plan.
            let (spendRows, spendTotal) = try section(text, spendTitle)
            #expect(spendRows.count == Set(three.spendBySourceYear.keys).union(one.spendBySourceYear.keys).count)
            for (column, file) in [(2, three), (3, one)] {
                let parts = spendRows.compactMap { shownNumber($0[column]) }
                #expect(parts.count == spendRows.count)
                #expect(parts.reduce(0, +) == shownNumber(spendTotal[column - 1]), "\(format) column \(column)")
                // The shown total is the exact total rounded to the million.
                let exact = file.spendBySourceYear.values.reduce(0, +)
                #expect(shownNumber(spendTotal[column - 1]) == (exact + 500_000) / 1_000_000)
            }
            // Money moved: commune, source, A, B, difference; the difference is B − A on every row and the total.
            let (moneyRows, moneyTotal) = try section(text, moneyTitle)
            #expect(!moneyRows.isEmpty)
            for column in 2...4 {
                let parts = moneyRows.compactMap { shownNumber($0[column]) }
                #expect(parts.count == moneyRows.count)
                #expect(parts.reduce(0, +) == shownNumber(moneyTotal[column - 1]), "\(format) column \(column)")
            }
            for row in moneyRows + [[""] + moneyTotal] {
                #expect(shownNumber(row[4]).map { $0 == shownNumber(row[3])! - shownNumber(row[2])! } == true, "\(row)")
            }
        }
    }

    @Test func jsonRoundTripsWithStableKeysAndExactDong() throws {
        let plans = try Self.plans.get()
        let folder = try Self.temporaryFolder("json")
        let out = folder.appendingPathComponent("comparison.json")
        let written = try ntp("compare", plans.three.path, plans.one.path, "--format", "json", "--out", out.path)
        #expect(written.status == 0)
        let printed = try ntp("compare", plans.three.path, plans.one.path, "--format", "json")
        let text = try String(contentsOf: out, encoding: .utf8)
        // The file holds what standard output would have shown.
        #expect(text == printed.standardOutput)
        // Decoded and encoded again with sorted keys, it is the same text: keys are sorted and stable.
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let again = try JSONSerialization.data(withJSONObject: decoded, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        #expect(String(decoding: again, as: UTF8.self) + "\n" == text)
        let report = try json(text)
        #expect(report["format"] as? String == "ntp-compare" && report["version"] as? Int == 1)
        #expect(Set(report.keys) == ["diffs", "format", "plans", "same_scenario", "version", "years"])
        // Amounts are whole đồng, not rounded to millions.
        let column = try #require((report["plans"] as? [[String: Any]])?.first)
        let file = try PlanFile(plans.three)
        let spent = file.spendBySourceYear.values.reduce(0, +)
        #expect(int64(column["spent_dong"]) == spent)
        #expect(text.contains("\"spent_dong\" : \(spent),\n"))
    }

    @Test func plansOfDifferentScenarioFilesAreSaidToBeSo() throws {
        let plans = try Self.plans.get()
        // A copy of the scenario under another file name is the same scenario (plans are told apart by
        // what they were made from, not by where it was).
        let folder = try Self.temporaryFolder("scenario")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Scenarios"), to: folder.appendingPathComponent("Scenarios"))
        let copy = folder.appendingPathComponent("Scenarios/quang-hoa-2021-2025.yaml")
        let same = folder.appendingPathComponent("same.json")
        let planned = try ntp("plan", copy.path, "--kinds", "construction,recurrent", "--capacity", "3", "--out", same.path)
        #expect(planned.status == 0, "\(planned.standardError)")
        let sameReport = try json(try ntp("compare", plans.three.path, same.path, "--format", "json").standardOutput)
        #expect(sameReport["same_scenario"] as? Bool == true)

        // Renamed in the copy, it is another scenario: the report names both, and each column is computed from its own.
        let text = try String(contentsOf: copy, encoding: .utf8)
        let renamed = text.replacingOccurrences(of: "\nname: \"", with: "\nname: \"Bản sao - ")
        #expect(renamed != text)
        try Data(renamed.utf8).write(to: copy)
        let other = folder.appendingPathComponent("copy.json")
        let made = try ntp("plan", copy.path, "--kinds", "construction,recurrent", "--capacity", "3", "--out", other.path)
        #expect(made.status == 0, "\(made.standardError)")
        let run = try ntp("compare", plans.three.path, other.path, "--lang", "en")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("The plans were made from different scenarios; each column is computed with its own plan's scenario:"))
        #expect(run.standardOutput.contains("  copy.json: "))
        #expect(run.standardOutput.contains(copy.path))
        let report = try json(try ntp("compare", plans.three.path, other.path, "--format", "json").standardOutput)
        #expect(report["same_scenario"] as? Bool == false)
        let columns = try #require(report["plans"] as? [[String: Any]])
        #expect(columns[0]["criteria_missing"] as? Int == columns[1]["criteria_missing"] as? Int)
        #expect(int64(columns[0]["available_dong"]) == int64(columns[1]["available_dong"]))
    }

    @Test func aBaselineIsComparedWithWhatMadeItAndTheMoneyItLacks() throws {
        let plans = try Self.plans.get()
        let folder = try Self.temporaryFolder("baseline")
        // The official schedule with every kind of money: the scenario has no credit or community envelope.
        let baseline = folder.appendingPathComponent("official.json")
        let made = try ntp("baseline", Self.scenario, "--method", "official", "--out", baseline.path)
        #expect(made.status == 0, "\(made.standardError)")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: baseline)) as? [String: Any])
        let unfunded = try #require(file["unfunded"] as? [[String: Any]]).compactMap { int64($0["amount_dong"]) }.reduce(0, +)
        #expect(unfunded > 0)
        let report = try json(try ntp("compare", plans.three.path, baseline.path, "--format", "json").standardOutput)
        let columns = try #require(report["plans"] as? [[String: Any]])
        #expect(columns.map { $0["method"] as? String } == ["optimizer", "official"])
        #expect(columns.map { int64($0["unfunded_dong"]) } == [0, unfunded])
        #expect(columns[1]["criteria_met"] as? Int == (file["completions"] as? [Any])?.count)
        let table = try ntp("compare", plans.three.path, baseline.path, "--lang", "en")
        #expect(table.standardOutput.contains(try Regex("Made by +optimizer \\(ntp plan\\) +baseline: official schedule\n")))
        #expect(table.standardOutput.contains(try Regex("Unfunded, beyond the envelopes \\(million VND\\) +0 +\(Self.groupedMillions(unfunded))\n")))
    }

    /// đồng as whole millions rounded half up, in English notation (1,234).
    static func groupedMillions(_ dong: Int64) -> String {
        let millions = String((dong + 500_000) / 1_000_000)
        var groups: [String] = []
        var rest = Substring(millions)
        while rest.count > 3 {
            groups.insert(String(rest.suffix(3)), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(String(rest), at: 0)
        return groups.joined(separator: ",")
    }

    @Test func errorsExitNonZeroAndWriteNothing() throws {
        let plans = try Self.plans.get()
        let folder = try Self.temporaryFolder("errors")
        let out = folder.appendingPathComponent("report.md")
        let missing = folder.appendingPathComponent("missing.json").path
        let cases: [(arguments: [String], message: String)] = [
            ([plans.three.path, missing], "\(missing): no such file"),
            ([plans.three.path, "README.md"], "README.md: not an ntp plan file"),
            ([plans.three.path], "give at least two plan files to compare (got 1)"),
        ]
        for (arguments, message) in cases {
            let run = try Self.ntp(["compare"] + arguments + ["--format", "md", "--out", out.path, "--lang", "en"])
            #expect(run.status != 0, "\(arguments)")
            #expect(run.standardError.contains(message), "\(run.standardError)")
            #expect(run.standardOutput.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }
}
