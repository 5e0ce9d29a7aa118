import Foundation
import NTPData
import NTPDomain
import PropertyBased
import Testing

/// What-ifs written as scenario files (`ScenarioEdit`), read back by the loaders; and the files a
/// scenario names (`ScenarioReference`).
@Suite struct ScenarioEditTests {
    typealias Folder = ScenarioFileTests.Folder

    func options(_ path: String) throws -> ScenarioOptions {
        let (_, _, options, diagnostics) = ScenarioFileTests().load(path)
        #expect(!diagnostics.hasErrors, "\(diagnostics.errors)")
        return try #require(options)
    }

    @Test func onlyTheValuesThatChangeAreWrittenAndTheLoaderReadsThemBack() throws {
        let before = try options(ScenarioFileTests.shipped)
        let current = ScenarioEdit.Values(before)
        #expect(current.capacity == "3" && current.horizon == "2022-2025")
        var wanted = current
        wanted.capacity = "2"
        wanted.minimumProgress = "1"
        wanted.priority = "border=2, especially-difficult=3"
        wanted.targets = "cao-bang/quang-hoa/phuc-sen@2024\n*#16@2025"
        let edit = ScenarioEdit(
            from: current, to: wanted, envelopeChanges: [.init(source: "central_investment", percent: "-20", reason: "cắt: 20%")], name: nil)
        let yaml = try edit.yaml(extending: ScenarioFileTests.shipped)
        #expect(!yaml.contains("horizon"), "an unchanged value is not written")
        let folder = try Folder(["what-if.yaml": yaml])
        let after = try options(folder.path("what-if.yaml"))
        #expect(after.capacity == 2 && after.minimumProgress == 1 && after.horizon == before.horizon)
        #expect(after.priority.description == "border=2,especially-difficult=3")
        #expect(after.targets.map(\.text) == ["cao-bang/quang-hoa/phuc-sen@2024", "*#16@2025"])
        let (budget, _, _, _) = ScenarioFileTests().load(folder.path("what-if.yaml"))
        let (parent, _, _, _) = ScenarioFileTests().load(ScenarioFileTests.shipped)
        let old = try #require(parent?.envelopes.first { $0.source == "central_investment" }?.amount.dong)
        #expect(budget?.envelopes.first { $0.source == "central_investment" }?.amount.dong == (Decimal(old) * 80 / 100).rounded(0, .plain).int64Value)
    }

    @Test func anEmptiedValueAndALeftOutWeightAreRemoved() throws {
        let parent = try Folder(["parent.yaml": "extends: \(ScenarioFileTests.shipped)\npolicy: {priority: {border: 2, especially-difficult: 3}, minimum_progress: 1}\n"])
        let current = ScenarioEdit.Values(try options(parent.path("parent.yaml")))
        var wanted = current
        wanted.capacity = ""
        wanted.minimumProgress = ""
        wanted.priority = "border=2"
        let yaml = try ScenarioEdit(from: current, to: wanted, envelopeChanges: []).yaml(extending: parent.path("parent.yaml"))
        let child = try Folder(["child.yaml": yaml])
        let after = try options(child.path("child.yaml"))
        #expect(after.capacity == nil && after.minimumProgress == nil)
        #expect(after.priority.description == "border=2")
    }

    @Test func nothingChangedIsAnEmptyEdit() throws {
        let current = ScenarioEdit.Values(try options(ScenarioFileTests.shipped))
        #expect(ScenarioEdit(from: current, to: current, envelopeChanges: [.init(reason: "only a reason")]).isEmpty)
        var spaced = current
        spaced.priority = " " + current.priority + " "
        spaced.targets = current.targets + "\n\n"
        #expect(ScenarioEdit(from: current, to: spaced, envelopeChanges: []).isEmpty)
    }

    /// Any text typed into a field reaches the loader as that text, never as more YAML.
    @Test func typedTextStaysOneValue() async {
        await propertyCheck(count: 200, input: Gen<Character?>.element(of: Array("ab1:#{}[]'\" \n-&*!|>%@")).map { $0 ?? "a" }.string(of: 0...12)) { text in
            var wanted = ScenarioEdit.Values()
            wanted.capacity = text + "x"
            let yaml = try ScenarioEdit(from: ScenarioEdit.Values(), to: wanted, envelopeChanges: []).yaml(extending: "parent.yaml")
            let folder = try Folder(["parent.yaml": "name: p\n", "child.yaml": yaml])
            var diagnostics = Diagnostics()
            let resolved = try #require(ResolvedScenario.load(url: URL(fileURLWithPath: folder.path("child.yaml")), catalogs: ScenarioFileTests.data.catalogs, diagnostics: &diagnostics))
            let value = resolved.values.first { $0.key == "policy.capacity" }?.value
            #expect(value == (text + "x").trimmingCharacters(in: .whitespacesAndNewlines), "\(yaml)")
            #expect(resolved.values.filter { $0.key.hasPrefix("policy.") }.count == 1)
        }
    }

    @Test func aPriorityWithoutAWeightIsRefusedAtItsField() {
        let edit = ScenarioEdit(from: ScenarioEdit.Values(), to: { var v = ScenarioEdit.Values(); v.priority = "border"; return v }(), envelopeChanges: [])
        #expect(throws: ScenarioEditError(field: .priority, message: "“\("border")”: write KEY=WEIGHT, e.g. border=2")) { try edit.yaml(extending: "p.yaml") }
    }

    @Test func aLoaderKeyFindsItsField() {
        let cases: [(String, ScenarioEdit.Field?)] = [
            ("policy.capacity", .capacity), ("policy.priority.border", .priority), ("policy.targets[2]", .targets), ("horizon", .horizon),
            ("envelope_changes[3].percent", .envelopeChange(3)), ("envelope_changes[0]", .envelopeChange(0)), ("policy.minimum_progress", .minimumProgress),
            ("envelopes[1].amount", nil), ("policy", nil), ("policy.capacityx", nil),
        ]
        for (key, field) in cases { #expect(ScenarioEdit.field(ofKey: key) == field, "\(key)") }
    }

    @Test func theFilesAScenarioNamesAreReadWithoutOpeningThem() {
        let references = ScenarioReference.of(yaml: "extends: ../base.yaml\nstatus: {file: status/s.csv}\ncosts: {overrides: /etc/passwd, level: base}\nplan: {file: p.csv}\n")
        #expect(references.map(\.key) == ["extends", "costs.overrides", "plan.file", "status.file"])
        #expect(ScenarioReference.of(yaml: "- not a mapping").isEmpty)
        #expect(ScenarioReference.contained("status/s.csv", from: "a/b.yaml") == "a/status/s.csv")
        #expect(ScenarioReference.contained("../base.yaml", from: "a/b.yaml") == "base.yaml")
        #expect(ScenarioReference.contained("../../base.yaml", from: "a/b.yaml") == nil)
        #expect(ScenarioReference.contained("/etc/passwd", from: "b.yaml") == nil)
        #expect(ScenarioReference.contained("./x/../y.csv", from: "b.yaml") == "y.csv")
    }
}
