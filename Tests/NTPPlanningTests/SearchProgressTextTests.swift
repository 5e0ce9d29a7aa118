import Foundation
import NTPOptimization
import NTPReports
import NTPText
import Testing

/// The progress line of `ntp plan`: time against the limit, the phase, what it counts, the plan, the
/// bound and the gap, in the report's language with its number format.
@Suite struct SearchProgressTextTests {
    @Test func aLineDuringColumnGenerationInBothLanguages() {
        let progress = SearchProgress(
            phase: .bound, work: .columnGeneration(rounds: 37, proposals: 4812), elapsed: .milliseconds(12_300), timeLimit: .seconds(60),
            incumbent: 12245, bound: 12418.64)
        #expect(SearchProgressText(progress, lang: .vi).text
            == "12,3 / 60 s (còn 47,7 s) · tìm cận · vòng 37, 4.812 phương án xã · kế hoạch 12.245 · cận 12.418,6 · cách 1,42 %")
        #expect(SearchProgressText(progress, lang: .en).text
            == "12.3 / 60 s (47.7 s left) · bound · round 37, 4,812 proposals · plan 12,245 · bound 12,418.6 · gap 1.42 %")
    }

    /// Before the first plan and bound the line says so and shows no gap; without a limit, only the time.
    @Test func theFirstLineHasNoPlanYet() {
        let progress = SearchProgress(
            phase: .bound, work: .columnGeneration(rounds: 0, proposals: 0), elapsed: .zero, timeLimit: nil, incumbent: nil, bound: nil)
        #expect(SearchProgressText(progress, lang: .vi).text == "0,0 s · tìm cận · vòng 0, 0 phương án xã · kế hoạch chưa có")
        #expect(SearchProgressText(progress, lang: .en).text == "0.0 s · bound · round 0, 0 proposals · plan none yet")
    }

    /// Each phase's work in its own unit: communes planned, kicks, neighbourhoods, branch-and-cut nodes.
    @Test func everyPhaseSaysWhatItCounts() {
        func line(_ phase: SearchPhase, _ work: SearchWork, _ lang: Language) -> String {
            SearchProgressText(
                SearchProgress(phase: phase, work: work, elapsed: .seconds(5), timeLimit: .seconds(10), incumbent: 100, bound: 101), lang: lang
            ).text
        }
        #expect(line(.repair, .communes(planned: 3, of: 12), .vi) == "5,0 / 10 s (còn 5,0 s) · lập chung các xã trộn · 3/12 xã · kế hoạch 100 · cận 101,0 · cách 1,00 %")
        #expect(line(.improve, .localSearch(kicks: 1200), .en) == "5.0 / 10 s (5.0 s left) · improve · 1,200 kicks · plan 100 · bound 101.0 · gap 1.00 %")
        #expect(line(.improve, .neighbourhoods(solved: 40, improved: 7), .vi).contains("40 nhóm xã, 7 tốt hơn"))
        #expect(line(.branchAndCut, .nodes(total: 1500, active: 20), .en).contains("branch-and-cut · 1,500 nodes, 20 open"))
        #expect(line(.firstPlan, .communes(planned: 12, of: 12), .en).contains("first plan · 12 of 12 communes"))
    }
}
