import Foundation
import NTPData
import NTPDomain
import NTPTestSupport
import NTPText
import Testing

/// A scenario or data file a person wrote by hand and a YAML decoder refuses: the key path, line and
/// column, what is written and what was expected, in the language asked (not Yams' or libyaml's English).
@Suite struct DecodingErrorLanguageTests {
    static let sameInBoth: Set<String> = ["lots"]

    func onlyError(_ files: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let folder = try ScenarioFileTests.Folder(files)
        let (_, _, _, diagnostics) = ScenarioFileTests().load(folder.path("child.yaml"))
        #expect(diagnostics.errors.count == 1, "\(diagnostics.errors)", sourceLocation: sourceLocation)
        return try #require(diagnostics.errors.first, sourceLocation: sourceLocation)
    }

    /// The first error about `key` (a scenario refused for one thing may be refused for others too).
    func firstError(at key: String, _ files: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let folder = try ScenarioFileTests.Folder(files)
        let (_, _, _, diagnostics) = ScenarioFileTests().load(folder.path("child.yaml"))
        return try #require(diagnostics.errors.first { $0.key == key }, "\(diagnostics.errors)", sourceLocation: sourceLocation)
    }

    func expectOneLanguage(_ message: Message, sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = OneLanguage.problems(message, sameInBoth: Self.sameInBoth)
        #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
    }

    @Test func aTextWhereAListIsExpected() throws {
        let error = try onlyError(["child.yaml": "extends: \(ScenarioFileTests.shipped)\ncosts:\n  kinds: lots\n"])
        #expect(error.key == "costs.kinds")
        #expect(error.file.hasSuffix("child.yaml") && error.line == 3 && error.column != nil, "\(error)")
        #expect(error.message.text(.en) == "must be a list; found “lots”")
        #expect(error.message.text(.vi) == "phải là một danh sách; ở đây là “lots”")
        expectOneLanguage(error.message)
    }

    @Test func aMappingWhereOneValueIsExpected() throws {
        let error = try onlyError(["child.yaml": "extends: \(ScenarioFileTests.shipped)\npolicy:\n  capacity: {a: 1}\n"])
        #expect(error.key == "policy.capacity")
        #expect(error.message.text(.en) == "must be a single value (text or a number); found a mapping")
        #expect(error.message.text(.vi) == "phải là một giá trị đơn (văn bản hoặc số); ở đây là một ánh xạ")
        expectOneLanguage(error.message)
    }

    /// libyaml's common syntax problems are worded, at their line and column; any other keeps
    /// libyaml's words, marked.
    @Test func syntaxErrorsAtTheirLineAndColumn() throws {
        let cases: [(String, Int, String)] = [
            ("name: x\n\tpolicy: 1\n", 2, "có ký tự Tab trong phần thụt lề (hãy thụt lề bằng dấu cách)"),
            ("name: a: b\n", 1, "có “khóa: giá trị” ở chỗ không được có (giá trị chứa “: ” phải đặt trong ngoặc kép, hoặc một dòng thụt lề quá sâu)"),
            ("horizon: [2022, 2023\n", 2, "danh sách trong [ ] chưa đóng hoặc thiếu dấu phẩy"),
            ("name: \"abc\n", 2, "tệp kết thúc khi giá trị trong ngoặc kép chưa đóng"),
            ("name: *missing\n", 1, "bí danh (*tên) không có neo (&tên) đứng trước"),
        ]
        for (text, line, vietnamese) in cases {
            let error = try onlyError(["child.yaml": text])
            #expect(error.line == line, "\(text)")
            #expect(error.message.text(.vi) == "cú pháp YAML: \(vietnamese)" || error.message.text(.vi) == "YAML: \(vietnamese)", "\(text): \(error.message.text(.vi))")
            expectOneLanguage(error.message)
        }
    }

    /// An amount that is not a number, in an envelope, an envelope change, or a cost norm, is refused
    /// in the words of the catalogue in either language, the same English as the domain's description.
    @Test func anAmountThatIsNotANumberIsWordedOnce() throws {
        let scenario = """
            name: x
            phase: "2021-2025"
            scope: cao-bang/quang-hoa
            criteria_set: qd318-2021-2025-commune
            money_unit: trieu
            envelopes:
              - {program: NTM, source: local, years: 2021-2025, amount: "12abc", provenance: "test"}
            """
        let error = try firstError(at: "envelopes[0].amount", ["child.yaml": scenario])
        #expect(error.message.text(.en) == "“12abc” is not a number (write 1234567.89 or 1.234.567,89)")
        #expect(error.message.text(.en) == NumberError.malformed("12abc", .either).description)
        #expect(error.message.text(.vi).hasPrefix("“12abc” không phải số"), "\(error.message.text(.vi))")
        expectOneLanguage(error.message)
        let change = try firstError(at: "envelope_changes[0].amount", ["child.yaml": "extends: \(ScenarioFileTests.shipped)\nenvelope_changes: [{source: local, amount: \"1.234\"}]\n"])
        #expect(change.message.text(.en) == NumberError.ambiguous("1.234", vietnamese: 1234, plain: Decimal(string: "1.234")!).description)
        expectOneLanguage(change.message)
    }

    /// An amount to set that is not a number is one error, however many envelopes the change matches.
    @Test func aBadAmountToSetIsReportedOnce() throws {
        let folder = try ScenarioFileTests.Folder(["child.yaml": "extends: \(ScenarioFileTests.shipped)\nenvelope_changes: [{amount: \"1.234\"}]\n"])
        let (_, _, _, diagnostics) = ScenarioFileTests().load(folder.path("child.yaml"))
        #expect(diagnostics.errors.map(\.key) == ["envelope_changes[0].amount"], "\(diagnostics.errors)")
    }
}
