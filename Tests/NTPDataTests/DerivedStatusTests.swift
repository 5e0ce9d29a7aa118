import Foundation
import NTPData
import NTPDomain
import Testing

/// Commune status estimated from per-criterion counts (`StatusFromCounts`): Lạng Sơn 2022 reproduced
/// count for count, the procedure on small tables worked by hand, and counts it refuses.
@Suite struct DerivedStatusTests {
    static let loaded = DataSet.load(root: DataFixture.repositoryData)
    var data: DataSet { Self.loaded.0 }

    /// Lạng Sơn 2022: communes meeting each criterion at the start (target − increase, notes.md §(f)) and
    /// at the end (the stated N/181).
    static let langSonStart = [
        "1": 181, "2": 90, "3": 175, "4": 123, "5": 80, "6": 77, "7": 161, "8": 128, "9": 137, "10": 85,
        "11": 101, "12": 181, "13": 137, "14": 180, "15": 156, "16": 139, "17": 77, "18": 107, "19": 175,
    ]
    static let langSonEnd = [
        "1": 181, "2": 102, "3": 179, "4": 143, "5": 87, "6": 87, "7": 173, "8": 140, "9": 147, "10": 96,
        "11": 112, "12": 181, "13": 149, "14": 180, "15": 161, "16": 149, "17": 89, "18": 117, "19": 175,
    ]

    func langSon() throws -> [LocalityStatus.CommuneStatus] {
        let province = try #require(data.catalogs.localities["lang-son"])
        let status = data.status(of: province)
        #expect(status.estimateRefusals.isEmpty, "\(status.estimateRefusals)")
        return status.communes.filter { $0.documentID == "lang-son-2022" }
    }

    @Test func langSonCountsAreReproducedExactly() throws {
        let communes = try langSon()
        #expect(communes.count == 181)
        #expect(communes.allSatisfy { $0.estimatedFromCounts })
        let codes = (1...19).map(String.init)
        let start = Dictionary(uniqueKeysWithValues: codes.map { code in (code, communes.filter { $0.met.contains(code) }.count) })
        let end = Dictionary(
            uniqueKeysWithValues: codes.map { code in (code, communes.filter { $0.met.contains(code) || $0.planned[2022]?.contains(code) == true }.count) })
        #expect(start == Self.langSonStart)
        #expect(end == Self.langSonEnd)
        // Every stated target and increase of criteria_counts.csv (the criterion rows, not the radio indicator).
        let province = try #require(data.catalogs.localities["lang-son"])
        let stated = data.status(of: province).criterionCounts.filter { $0.documentID == "lang-son-2022" && $0.indicatorVi == nil }
        #expect(stated.count == 19)
        for count in stated {
            if let target = count.communesMet { #expect(end[count.criterion] == target, "criterion \(count.criterion)") }
            if let increase = count.increase { #expect(end[count.criterion]! - start[count.criterion]! == increase, "criterion \(count.criterion)") }
        }
        // The planned completions: the 146 "có thêm" plus criterion 8's 10 + 02, all in 2022.
        #expect(communes.allSatisfy { Set($0.planned.keys).isSubset(of: [2022]) })
        #expect(communes.map { $0.planned[2022]?.count ?? 0 }.reduce(0, +) == 158)
        #expect(communes.allSatisfy { $0.met.isDisjoint(with: $0.planned[2022] ?? []) })
    }

    @Test func langSonStandardGoesFrom75To85WithTheTwoNamedCommunes() throws {
        let communes = try langSon()
        let all = Set((1...19).map(String.init))
        #expect(communes.filter { $0.met == all }.count == 75)
        #expect(communes.filter { $0.standard == .commune }.count == 75)
        let reaching = communes.filter { $0.targets[.commune] == 2022 }
        #expect(reaching.count == 10)
        #expect(reaching.allSatisfy { $0.met.union($0.planned[2022] ?? []) == all && $0.met != all })
        #expect(communes.filter { $0.met.union($0.planned[2022] ?? []) == all }.count == 85)
        let ids = Set(reaching.map(\.commune.id))
        #expect(ids.isSuperset(of: ["lang-son/trang-dinh/de-tham", "lang-son/huu-lung/van-nham"]))
        // Criterion 8 is completed first by the 10 communes reaching standard ("tại 10 xã phấn đấu đạt chuẩn năm 2022").
        #expect(reaching.allSatisfy { $0.planned[2022]?.contains("8") == true })
    }

    @Test func langSonAverageAndWhatTheTenNewCommunesComplete() throws {
        let communes = try langSon()
        let met = communes.map(\.met.count).reduce(0, +)
        let planned = communes.map { $0.planned[2022]?.count ?? 0 }.reduce(0, +)
        #expect(met == 2490 && met + planned == 2648)
        #expect(Decimal(met + planned) / 181 >= Decimal(string: "14.5")!)  // 14,63: the stated "14,5 trở lên" holds
        let document = try #require(data.document("lang-son-2022"))
        let estimate = try #require(try data.statusFromCounts(of: document))
        let byCriterion = Dictionary(uniqueKeysWithValues: estimate.summary.map { ($0.code, $0.completionsInCommunesReachingStandard) })
        #expect(byCriterion.filter { $0.value > 0 } == ["5": 5, "6": 8, "8": 10, "17": 8])
        #expect(estimate.summary.allSatisfy { $0.completionsInCommunesReachingStandard <= $0.completions })
        // The plain staircase puts 2 more communes at standard at the end: step 4 moves criterion 5's.
        #expect(estimate.adjustments.count == 1 && estimate.adjustments[0].hasPrefix("criterion 5 "))
    }

    @Test func placeholderCommunesResolveThroughTheRegistry() throws {
        let communes = try langSon()
        let placeholders = communes.filter { $0.commune.id.hasPrefix("lang-son/xa-gia-dinh-") }
        #expect(placeholders.count == 179)
        for commune in communes {
            #expect(data.catalogs.localities[commune.commune.id] == commune.commune)
        }
        #expect(placeholders.allSatisfy { $0.commune.provenance.text.contains("assumption:") && $0.commune.parentID == "lang-son" })
        // Lộc Bình's real communes are not used: their status is the 2024 document's.
        #expect(!communes.contains { $0.commune.parentID == "lang-son/loc-binh" })
    }

    @Test func twoLoadsGiveTheSameEstimate() throws {
        let (other, _) = DataSet.load(root: DataFixture.repositoryData)
        let document = try #require(data.document("lang-son-2022"))
        let first = try data.statusFromCounts(of: document)
        let second = try other.statusFromCounts(of: try #require(other.document("lang-son-2022")))
        #expect(first != nil && first == second)
        let province = try #require(other.catalogs.localities["lang-son"])
        let again = other.status(of: province).communes.filter { $0.documentID == "lang-son-2022" }
        let shape = { (communes: [LocalityStatus.CommuneStatus]) in communes.map { "\($0.commune.id) \($0.met.sorted()) \($0.planned.mapValues { $0.sorted() })" } }
        #expect(shape(try langSon()) == shape(again))
    }

    @Test func documentsWithACommuneTableAreNotEstimated() throws {
        for id in ["quang-hoa-2021-2025", "loc-binh-2024", "krong-no-2022", "bac-kan-2025"] {
            #expect(try data.statusFromCounts(of: try #require(data.document(id))) == nil, "\(id)")
        }
    }

    // MARK: - The procedure on small tables

    typealias Criterion = StatusFromCounts.Criterion

    /// (met at the start, completed) by position.
    func cells(_ estimate: StatusFromCounts) -> [[String]] {
        estimate.communes.map { [$0.metAtStart.sorted().joined(), $0.completed.sorted().joined()] }
    }

    /// 5 communes, 1 at standard, 2 at the end: the plain staircase works.
    @Test func aPlainStaircase() throws {
        let estimate = try StatusFromCounts(
            .init(communes: 5, atStandardStart: 1, atStandardEnd: 2, criteria: [Criterion(code: "a", atStart: 2, atEnd: 3), Criterion(code: "b", atStart: 1, atEnd: 2)]))
        #expect(cells(estimate) == [["ab", ""], ["a", "b"], ["", "a"], ["", ""], ["", ""]])
        #expect(estimate.communes.map(\.rank) == [nil, 1, 2, 3, 4])
        #expect(estimate.communes.map(\.reachesStandard) == [false, true, false, false, false])
        #expect(estimate.adjustments.isEmpty)
    }

    /// Criteria x and y are met by one commune more than the one reaching standard: in a staircase that
    /// commune (rank 2) would be at standard too, so x's extra commune moves to rank 3 (step 4).
    @Test func theFewestCriterionMovesDownAtTheEnd() throws {
        let estimate = try StatusFromCounts(
            .init(
                communes: 6, atStandardStart: 1, atStandardEnd: 2,
                criteria: [Criterion(code: "x", atStart: 2, atEnd: 3), Criterion(code: "y", atStart: 2, atEnd: 3), Criterion(code: "z", atStart: 1, atEnd: 4)]))
        #expect(cells(estimate) == [["xyz", ""], ["xy", "z"], ["", "yz"], ["", "xz"], ["", ""], ["", ""]])
        #expect(estimate.communes.filter(\.reachesStandard).map(\.rank) == [1])
        #expect(estimate.adjustments.count == 1 && estimate.adjustments[0].contains("take ranks 3-3"))
    }

    /// No commune at standard, one reaching it; q is never completed, so the commune reaching standard
    /// must complete p, whose start commune moves away from rank 1 (steps 4 and 6).
    @Test func theCommuneReachingStandardCompletesTheFewestCriterion() throws {
        let estimate = try StatusFromCounts(
            .init(communes: 4, atStandardStart: 0, atStandardEnd: 1, criteria: [Criterion(code: "p", atStart: 1, atEnd: 2), Criterion(code: "q", atStart: 2, atEnd: 2)]))
        #expect(cells(estimate) == [["q", "p"], ["q", ""], ["p", ""], ["", ""]])
        #expect(estimate.communes.map(\.reachesStandard) == [true, false, false, false])
        #expect(estimate.adjustments.count == 2)
    }

    /// A criterion the plan says the communes reaching standard complete (Lạng Sơn's criterion 8): the
    /// same counts as `aPlainStaircase`, but rank 1 completes a and rank 2 met it already.
    @Test func completionsFirstByTheCommunesReachingStandard() throws {
        let estimate = try StatusFromCounts(
            .init(
                communes: 5, atStandardStart: 1, atStandardEnd: 2,
                criteria: [Criterion(code: "a", atStart: 2, atEnd: 3, completedFirstByCommunesReachingStandard: true), Criterion(code: "b", atStart: 1, atEnd: 2)]))
        #expect(cells(estimate) == [["ab", ""], ["", "ab"], ["a", ""], ["", ""], ["", ""]])
        #expect(estimate.summary.map(\.completionsInCommunesReachingStandard) == [1, 1])
    }

    // MARK: - Refusals

    func refusal(_ counts: StatusFromCounts.Counts) -> String? {
        do {
            _ = try StatusFromCounts(counts)
            return nil
        } catch let refusal as StatusFromCounts.Refusal {
            return refusal.message.description
        } catch {
            return "\(error)"
        }
    }

    @Test func countsNoCommuneListCanRealiseAreRefused() {
        let above = refusal(.init(communes: 3, atStandardStart: 0, atStandardEnd: 0, criteria: [Criterion(code: "a", atStart: 4, atEnd: 4)]))
        #expect(above == "criterion a: 4 communes meeting it is more than the 3 communes")
        let lost = refusal(.init(communes: 3, atStandardStart: 0, atStandardEnd: 0, criteria: [Criterion(code: "a", atStart: 3, atEnd: 2)]))
        #expect(lost == "criterion a: 3 communes at the start is more than the 2 at the end")
        let belowStandard = refusal(.init(communes: 3, atStandardStart: 2, atStandardEnd: 2, criteria: [Criterion(code: "a", atStart: 1, atEnd: 3)]))
        #expect(belowStandard?.contains("but 2 are at standard and meet every criterion") == true)
        let standardDown = refusal(.init(communes: 3, atStandardStart: 2, atStandardEnd: 1, criteria: [Criterion(code: "a", atStart: 3, atEnd: 3)]))
        #expect(standardDown?.contains("must satisfy 0 ≤ 2 ≤ 1 ≤ 3") == true)
        // One criterion: meeting it is being at standard, so 2 communes meeting it cannot leave only 1 at standard.
        let single = refusal(.init(communes: 3, atStandardStart: 0, atStandardEnd: 1, criteria: [Criterion(code: "a", atStart: 0, atEnd: 2)]))
        #expect(single?.contains("the only criterion") == true)
    }

    @Test func aDocumentWithImpossibleCountsIsRefusedNotApproximated() throws {
        let fixture = try DataFixture()
        let file = "seeds/lang-son-2022/criteria_counts.csv"
        try fixture.edit(file) { $0.replacingOccurrences(of: "\n2,,12,102,181,", with: "\n2,,12,190,181,") }
        let (data, _) = fixture.load()
        let province = try #require(data.catalogs.localities["lang-son"])
        let status = data.status(of: province)
        #expect(status.communes.filter { $0.documentID == "lang-son-2022" }.isEmpty)
        #expect(status.estimateRefusals == ["lang-son-2022: criterion 2: 190 communes meeting it is more than the 181 communes"])
    }

    @Test func aMissingPlaceholderIsRefused() throws {
        let fixture = try DataFixture()
        try fixture.edit("seeds/lang-son-2022/placeholder_communes.csv") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("lang-son/xa-gia-dinh-179,") }.joined(separator: "\n")
        }
        let (data, diagnostics) = fixture.load()
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        let document = try #require(data.document("lang-son-2022"))
        #expect(throws: StatusFromCounts.Refusal.self) { try data.statusFromCounts(of: document) }
    }

    @Test func aPlaceholderMustSayItIsAnAssumption() throws {
        let fixture = try DataFixture()
        let file = "seeds/lang-son-2022/placeholder_communes.csv"
        try fixture.append(file, "lang-son/xa-gia-dinh-999,commune,xã,Giả định 999,lang-son,,,,,,,002_958c76eff211b803.txt#L69 test")
        let (_, diagnostics) = fixture.load()
        #expect(diagnostics.errors.count == 1, "\(diagnostics.errors)")
        #expect(diagnostics.errors.first?.file == file && diagnostics.errors.first?.key == "provenance")
    }
}
