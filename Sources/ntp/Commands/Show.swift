import ArgumentParser
import Foundation
import NTPPlanning
import NTPReports
import NTPText
import NTPData
import NTPDomain

/// `ntp show`: what the plans under Data/ say about a province, district or commune.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a province, district or commune: criteria met, targets by year, averages, programs and capital.",
        discussion: """
            LOCALITY is a name with its diacritics, in composed or decomposed Unicode (\"Quảng Hòa\", \
            \"Phúc Sen\"), or a locality id (cao-bang/quang-hoa). When a district and a commune share the name, \
            the district is shown and the commune is offered by its id; several places of one level sharing \
            the name are listed by id.
            """
    )

    @Argument(help: "The province, district or commune.")
    var locality: String

    @Option(help: "Show instead the status this scenario starts from: for each of its communes in LOCALITY, the group and the criteria met, missing and needing assessment (cần đánh giá lại); for one commune, each criterion or indicator.")
    var scenario: String?

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    func run() throws {
        let dataSet = try options.load()
        let describe = { (other: Locality) in
            "  \(other.id)  (\(dataSet.catalogs.localities.path(to: other.id).map { "\($0.unitType) \($0.name)" }.joined(separator: " › ")))"
        }
        switch dataSet.lookUp(locality) {
        case .notFound:
            throw ValidationError(lang("no locality named “\(locality)”"))
        case .ambiguous(let matches):
            throw ValidationError(
                lang("“\(locality)” names several places; give an id:\n")
                    + matches.map(describe).joined(separator: "\n"))
        case .found(let place, let others):
            if let scenario {
                let loaded = try LoadedScenario(scenario, data: options.data, dataSet: dataSet)
                print(ScenarioStatusReport(costs: loaded.costs, locality: place, catalogs: dataSet.catalogs, lang: lang).text, terminator: "")
                return
            }
            print(StatusReport(status: dataSet.status(of: place), catalogs: dataSet.catalogs, lang: lang).text, terminator: "")
            if !others.isEmpty {
                print(lang("\nSame name (show by id):\n") + others.map(describe).joined(separator: "\n"))
            }
        }
    }
}
