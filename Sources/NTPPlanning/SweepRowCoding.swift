import Foundation
import NTPDomain

/// A sweep's rows read back from the JSON `ntp sweep --format json` writes (the workbench keeps a
/// finished sweep that way).
extension SweepRun.Row: Decodable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            scale: try container.decode(Decimal.self, forKey: .scale), money: Money(dong: try container.decode(Int64.self, forKey: .money_dong)),
            objective: try container.decodeIfPresent(Double.self, forKey: .objective), gap: try container.decodeIfPresent(Double.self, forKey: .relative_gap),
            criteriaYears: try container.decodeIfPresent(Int.self, forKey: .criteria_years),
            criteriaMet: try container.decodeIfPresent(Int.self, forKey: .criteria_met),
            communesAtStandard: try container.decodeIfPresent(Int.self, forKey: .communes_at_standard))
    }
}
