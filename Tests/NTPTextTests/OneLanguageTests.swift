import Foundation
import NTPDomain
import NTPTestSupport
import NTPText
import Testing

/// The problems NTPDomain states as facts, worded once in the catalogue: the Vietnamese keeps no English
/// word, the English no Vietnamese letter.
@Suite struct OneLanguageTests {
    @Test func aLimitsProblemIsWordedInEitherLanguage() throws {
        let seconds = try #require(Limits.timeLimitSeconds.problem(1e20))
        #expect(seconds.message.text(.en) == "must be between 0.001 and 86400 seconds, not 1e+20")
        #expect(seconds.message.text(.vi) == "phải từ 0.001 đến 86400 giây, không phải 1e+20")
        let problems = [
            seconds, try #require(Limits.capacity.problem(0)), try #require(Limits.phaseYears.problem(20)),
            try #require(Limits.percentChange.problem(2000, written: "“2000”")),
        ]
        for problem in problems { #expect(OneLanguage.problems(problem.message).isEmpty, "\(OneLanguage.problems(problem.message))") }
        #expect(OneLanguage.problems(Limits.capacity.bounds.message).isEmpty)
    }

    @Test func yearsOutsideTheirPhaseAreWordedInEitherLanguage() throws {
        let phase = Phase(id: "nq257", years: 2026...2035, programCodes: [], provenance: Provenance("test"))
        for problem in [phase.horizonProblem(2020...2030), phase.targetYearProblem(2040)] {
            let message = try #require(problem).message
            #expect(OneLanguage.problems(message).isEmpty, "\(OneLanguage.problems(message))")
        }
        #expect(phase.targetYearProblem(2040)?.message.text(.vi) == "năm 2040 nằm ngoài giai đoạn nq257 (2026-2035)")
    }
}
