import NTPDomain
import NTPText

// The shapes of the catalog files in Data/catalogs (documented in Data/README.md), decoded from YAML
// and turned into domain values.

struct YearSpan: Decodable {
    let from: Int
    let to: Int
}

struct LegalReferenceRecord: Decodable {
    let reference: String
    let date: String?
    let issuer: String?
    let part: String?

    var value: LegalReference { LegalReference(reference: reference, date: date, issuer: issuer, part: part) }
}

struct ProgramsFile: Decodable {
    struct PhaseRecord: Decodable {
        let id: String
        let years: YearSpan
        let programs: [String]
        let provenance: String
    }

    struct ProgramRecord: Decodable {
        let code: String
        let phase: String
        let name_vi: String
        let name_en: String
        let decision: LegalReferenceRecord
        let continues: [String]?
        let provenance: String
    }

    let phases: [PhaseRecord]
    let programs: [ProgramRecord]
}

struct CapitalSourcesFile: Decodable {
    struct SourceRecord: Decodable {
        let code: String
        let parent: String?
        let name_vi: String
        let name_en: String
        let origin: String
        let level: String?
        let spending: String
        let provenance: String
    }

    let sources: [SourceRecord]
}

struct CriteriaSetFile: Decodable {
    struct Named: Decodable {
        let code: String
        let name_vi: String
        let name_en: String
    }

    struct ThresholdRecord: Decodable {
        let applies_to: String
        let requirement_vi: String?
        let comparator: String?
        let value: Double?
        let unit: String?
        let year: Int?
        let provenance: String
    }

    struct IndicatorRecord: Decodable {
        let code: String
        let name_vi: String
        let name_en: String?
        let thresholds: [ThresholdRecord]?
        let provenance: String
    }

    /// `{status: unsourced, reason: …}`: the part is a known gap, and why.
    struct SourcingRecord: Decodable {
        let status: String
        let reason: String?
    }

    struct CriterionRecord: Decodable {
        let code: String
        let group: String?
        let name_vi: String
        let name_en: String
        let indicators: [IndicatorRecord]?
        let indicators_status: SourcingRecord?
        let provenance: String
    }

    struct CountRecord: Decodable {
        let value: Int
        let provenance: String
    }

    let id: String
    let level: String
    let name_vi: String
    let name_en: String
    let legal_basis: LegalReferenceRecord
    let valid: YearSpan
    let classes: [Named]?
    let groups: [Named]?
    let criteria: [CriterionRecord]
    let provenance: String
    let in_force_from: String?
    let indicator_count: CountRecord?
}
