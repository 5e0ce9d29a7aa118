import Foundation
import GLPKSwift
import NTPPlanning
import NTPReports
import NTPText

/// How a run ended, kept with the run as facts (JSON in its message) and worded in the language of
/// the page or the request that shows it: a status word, a gap as a reader of that language writes it.
enum RunOutcome: Codable, Sendable, Equatable {
    /// The search made a plan: why it stopped, and the relative gap it proved.
    case planned(termination: String, gap: Double?)
    /// The search stopped without a plan.
    case noPlan(termination: String)
    /// Cancelled while it ran: nothing it found was kept.
    case cancelled
    /// A baseline made by its method.
    case baseline(PlanMethod)
    /// A sweep solved this many points.
    case sweep(points: Int)
    /// The run failed: why.
    case failed(Message)

    /// What the run keeps as its message.
    var stored: String { String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self) }

    /// A run's kept message in `lang`: an outcome worded, or a text the store wrote ("the server
    /// stopped while it ran"), from the catalogue when it has it.
    static func text(_ stored: String, _ lang: Language) -> String {
        guard let outcome = try? JSONDecoder().decode(RunOutcome.self, from: Data(stored.utf8)) else {
            return Catalogue.entries[stored] != nil ? lang(Message(template: stored)) : stored
        }
        return outcome.text(lang)
    }

    func text(_ lang: Language) -> String {
        switch self {
        case .planned(let termination, let gap?):
            lang("\(lang.termination(termination)), gap \(lang.format(Decimal(gap * 100), decimals: 2)) %")
        case .planned(let termination, nil):
            lang.termination(termination)
        case .noPlan(let termination):
            lang("no plan found: \(lang.termination(termination))")
        case .cancelled:
            lang("cancelled; no plan was kept")
        case .baseline(let method):
            lang.name(of: method)
        case .sweep(let points):
            points == 1 ? lang("1 point") : lang("\(points) points")
        case .failed(let message):
            lang(message)
        }
    }
}
