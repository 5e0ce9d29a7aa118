import Foundation
import NTPData
import NTPDomain
import Testing

/// A scenario's own localities (`localities:`): a district the shipped data does not know is planned
/// from its own files, and every rule the table can break is reported with its line and column.
@Suite struct ScenarioLocalitiesTests {
    static let data = ScenarioFileTests.data
    static let header = "id,level,unit_type,name,parent_id,valid_from,valid_to,especially_difficult,border,ethnic_zone,safe_zone,provenance"

    /// A new district of Cao Bằng with two communes, and its scenario on the QĐ 318 set.
    static func folder(localities: String, status: String? = nil) throws -> ScenarioFileTests.Folder {
        try ScenarioFileTests.Folder([
            "scenario.yaml": """
                name: "Huyện Mới 2022-2025"
                phase: "2021-2025"
                scope: cao-bang/huyen-moi
                criteria_set: qd318-2021-2025-commune
                money_unit: trieu
                localities: units/localities.csv
                envelopes:
                  - {program: NTM, source: central_investment, years: 2022-2025, amount: "12000", provenance: "book.xlsx:Vốn!F6"}
                status:
                  file: status.csv
                horizon: 2022-2025
                """,
            "status.csv": status ?? """
                locality,criterion,status,year,provenance
                cao-bang/huyen-moi/xa-mot,1,met,,book.xlsx:Biểu!D8
                cao-bang/huyen-moi/xa-mot,2,planned,2023,book.xlsx:Biểu!E8
                Xã Hai,1,planned,2022,book.xlsx:Biểu!D9

                """,
        ]).writing("units/localities.csv", Self.header + "\n" + localities)
    }

    func load(_ path: String) -> (DataSet, BudgetScenario?, CostScenario?, Diagnostics) {
        var diagnostics = Diagnostics()
        guard let resolved = ResolvedScenario.load(url: URL(fileURLWithPath: path), catalogs: Self.data.catalogs, diagnostics: &diagnostics) else {
            return (Self.data, nil, nil, diagnostics)
        }
        let data = Self.data.including(resolved, diagnostics: &diagnostics)
        return (data, BudgetScenario.load(resolved, data: data, diagnostics: &diagnostics), CostScenario.load(resolved, data: data, diagnostics: &diagnostics), diagnostics)
    }

    static let good = """
        cao-bang/huyen-moi,district,huyện,Huyện Mới,cao-bang,,,,,,,book.xlsx:Kịch bản!B6
        cao-bang/huyen-moi/xa-mot,commune,xã,Xã Một,cao-bang/huyen-moi,,,yes,no,III,,book.xlsx:Danh sách xã!B5
        cao-bang/huyen-moi/xa-hai,commune,xã,Xã Hai,cao-bang/huyen-moi,,,,,,,book.xlsx:Danh sách xã!B6

        """

    @Test func aNewDistrictAndItsCommunesJoinTheRegistryForTheScenarioOnly() throws {
        let folder = try Self.folder(localities: Self.good)
        let (data, budget, costs, diagnostics) = load(folder.path("scenario.yaml"))
        #expect(!diagnostics.hasErrors, "\(diagnostics.all)")
        #expect(budget?.scopeID == "cao-bang/huyen-moi")
        #expect(costs?.communes.map(\.locality.id) == ["cao-bang/huyen-moi/xa-mot", "cao-bang/huyen-moi/xa-hai"])
        let one = try #require(data.catalogs.localities["cao-bang/huyen-moi/xa-mot"])
        #expect(one.especiallyDifficult == true && one.border == false && one.ethnicZone == .III && one.safeZone == nil)
        #expect(one.provenance.text == "book.xlsx:Danh sách xã!B5")
        #expect(data.catalogs.localities.path(to: one.id).map(\.id) == ["cao-bang", "cao-bang/huyen-moi", one.id])
        #expect(costs?.communes.first?.met == ["1"] && costs?.communes.first?.plannedYear == ["2": 2023])
        // The shipped registry is unchanged, and the units sort after the known ones under Cao Bằng.
        #expect(Self.data.catalogs.localities["cao-bang/huyen-moi"] == nil)
        #expect(data.catalogs.localities.children(of: "cao-bang").last?.id == "cao-bang/huyen-moi")
    }

    @Test func aScenarioWithoutLocalitiesSeesTheDataAsItIs() throws {
        var diagnostics = Diagnostics()
        let resolved = try #require(ResolvedScenario.load(url: URL(fileURLWithPath: ScenarioFileTests.shipped), catalogs: Self.data.catalogs, diagnostics: &diagnostics))
        #expect(resolved.localitiesFile == nil)
        #expect(Self.data.including(resolved, diagnostics: &diagnostics).catalogs.localities.localities.count == Self.data.catalogs.localities.localities.count)
    }

    static let broken: [(String, String)] = [
        ("cao-bang/quang-hoa/phuc-sen,commune,xã,Phúc Sen,cao-bang/quang-hoa,,,,,,,x", ":2:1: error: id: “cao-bang/quang-hoa/phuc-sen” is already a locality of the data"),
        ("cao-bang/huyen-moi/Xã Ba,commune,xã,Xã Ba,cao-bang/huyen-moi,,,,,,,x", ":2:1: error: id: “cao-bang/huyen-moi/Xã Ba” must be lower-case ASCII"),
        ("cao-bang/x,commune,xã,X,,,,,,,,x", ":2:5: error: parent_id: is empty: a commune needs the province or district it lies in"),
        ("cao-bang/x,commune,xã,X,cao-bang/nowhere,,,,,,,x", ":2:5: error: parent_id: unknown locality “cao-bang/nowhere”"),
        ("cao-bang/quang-hoa/phuc-sen/x,district,huyện,X,cao-bang/quang-hoa/phuc-sen,,,,,,,x", ":2:5: error: parent_id: “cao-bang/quang-hoa/phuc-sen” is a commune; a district lies in a larger unit"),
        ("cao-bang/x,village,thôn,X,cao-bang,,,,,,,x", ":2:2: error: level: a scenario adds provinces, districts and communes, not villages"),
        ("cao-bang/x,commune,xã,X,cao-bang,,,có,,,,x", ":2:8: error: especially_difficult: “có” must be yes, no or empty (not known)"),
        ("cao-bang/x,commune,xã,X,cao-bang,,,,,IV,,x", ":2:10: error: ethnic_zone: “IV” must be I, II, III or empty"),
        ("cao-bang/x,commune,xã,X,cao-bang,,,,,,,", ":2:12: error: provenance: is empty: say where the unit is named"),
        ("cao-bang/x,commune,xã,X,cao-bang,,,,,,,a\ncao-bang/x,commune,xã,X,cao-bang,,,,,,,b", ":3:1: error: id: “cao-bang/x” is already defined on line 2"),
    ]

    /// Each broken rule is an error naming the file, line and column; the scenario does not load.
    @Test(arguments: broken)
    func brokenRowsAreReportedWithTheirPlace(row: String, message: String) throws {
        let folder = try Self.folder(localities: row + "\n", status: "locality,criterion,status,year,provenance\n")
        let (_, _, _, diagnostics) = load(folder.path("scenario.yaml"))
        let file = folder.path("units/localities.csv")
        #expect(diagnostics.errors.contains { $0.description.hasPrefix(file + message) }, "\(diagnostics.errors.map(\.description))")
    }

    @Test func aWrongHeaderIsRefused() throws {
        let folder = try ScenarioFileTests.Folder([
            "scenario.yaml": "name: x\nphase: \"2021-2025\"\nscope: cao-bang\ncriteria_set: qd318-2021-2025-commune\nmoney_unit: trieu\nlocalities: l.csv\nenvelopes: []\nstatus: {file: s.csv}\n",
            "l.csv": "id,name\ncao-bang/x,X\n",
            "s.csv": "locality,criterion,status,year,provenance\n",
        ])
        let (_, _, _, diagnostics) = load(folder.path("scenario.yaml"))
        #expect(diagnostics.errors.contains { $0.description.contains("l.csv:1: error: the header must be id,level,unit_type") })
    }
}

extension ScenarioFileTests.Folder {
    /// The folder with one more file, in a sub-folder if the name has one.
    func writing(_ name: String, _ text: String) throws -> Self {
        let url = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return self
    }
}
