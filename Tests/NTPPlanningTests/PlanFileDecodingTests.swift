import Foundation
import NTPPlanning
import NTPTestSupport
import NTPText
import Testing

/// A damaged plan file is refused naming the field, the value found and what was expected, in the
/// language asked: not Foundation's decoder English, nor a type's own refusal in English only.
@Suite struct PlanFileDecodingTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ntpTests/Fixtures/quang-hoa-optimizer.json")

    func refusal(_ edit: (inout [String: Any]) -> Void) throws -> Message {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture)) as? [String: Any])
        edit(&object)
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try PlanDocument.decode(data, path: "plan.json")
        } catch {
            return error.message
        }
        Issue.record("the plan was read")
        return ""
    }

    func expectOneLanguage(_ message: Message, sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = OneLanguage.problems(message, sameInBoth: ["json", "plan", "null", "settings", "kinds", "lines", "year", "nowhere"])
        #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
    }

    @Test func aTextWhereAYearIsExpected() throws {
        let message = try refusal { object in
            var lines = object["lines"] as! [[String: Any]]
            lines[0]["year"] = "2023x"
            object["lines"] = lines
        }
        #expect(message.text(.en) == "plan.json: the plan file is damaged: lines[0].year: “2023x” is not a whole number")
        #expect(message.text(.vi) == "plan.json: tệp kế hoạch bị hỏng: lines[0].year: “2023x” không phải là số nguyên")
        expectOneLanguage(message)
    }

    @Test func aMissingFieldAndAWrongKindOfValue() throws {
        let missing = try refusal { object in
            var settings = object["settings"] as! [String: Any]
            settings["kinds"] = nil
            object["settings"] = settings
        }
        #expect(missing.text(.en).hasSuffix("settings.kinds: missing"))
        expectOneLanguage(missing)
        let list = try refusal { object in object["lines"] = ["a": 1] }
        #expect(list.text(.en).hasSuffix("lines: an object is not a list"))
        expectOneLanguage(list)
    }

    /// A type's own refusal (the kinds of money, KEY=WEIGHT) keeps its words in both languages.
    @Test func aTypesOwnRefusalIsInTheLanguageAsked() throws {
        let message = try refusal { object in
            var settings = object["settings"] as! [String: Any]
            settings["kinds"] = "nowhere"
            object["settings"] = settings
        }
        #expect(message.text(.en).hasSuffix("settings.kinds: “nowhere” is not a list of kinds of money"))
        expectOneLanguage(message)
    }
}
