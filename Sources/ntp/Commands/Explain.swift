import ArgumentParser
import Foundation
import NTPData
import NTPDomain
import NTPPlanning
import NTPReports
import NTPText

/// `ntp explain`: why a commune's criteria land in the years a plan gives them.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a plan: why each missing criterion of a commune is met in its year, or not at all.",
        discussion: """
            Rebuilds the model from the settings the plan file records (scenario, data, options), then, for \
            each criterion: its cost and the criteria-years it earns per billion VND, the envelopes that may \
            pay it with what the plan spends of them and the marginal value of their money (criteria-years \
            per extra billion, docs/model.md "Marginal value of money"), capacity and targets.
            """
    )

    @Argument(help: "The plan file (ntp plan --out).")
    var plan: String

    @Argument(help: "The commune: its locality id or its name.")
    var commune: String

    @Argument(help: "One criterion code (default: every criterion the commune misses).")
    var criterion: String?

    @Option(help: "Language of the report: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let document = try PlanDocument.read(from: plan)
        for change in document.inputChanges(path: plan) { StandardError.write(inputChangeNote(change, plan: plan, lang: lang) + "\n") }
        let run = try ExplainRun(plan: plan, document: document, commune: commune, criterion: criterion)
        print(lang("Commune \(run.commune.name) (\(run.commune.id)), plan \(plan)"))
        if let policy = run.needsAssessmentPolicy {
            print(NeedsAssessmentText(codes: run.needsAssessment, policy: policy, lang: lang).text)
        }
        for explanation in run.explanations {
            print("")
            print(ExplanationText(explanation: explanation, criteria: run.criteria, lang: lang, needsAssessment: run.presumedMissing(explanation), sources: run.sources).text)
        }
    }
}
