import Foundation
import NTPDomain

/// The language of an output: Vietnamese by default, English on request. One output is in one language:
/// every text is a `Message`, whose Vietnamese is in the catalogue (`lang("Wrote \(path)")`).
public enum Language: String, Sendable, Codable, CaseIterable {
    case vi, en

    /// A number as a reader of this language writes it: `1.234,5` in Vietnamese, `1,234.5` in English.
    public func format(_ value: Decimal, decimals: Int) -> String {
        self == .vi
            ? Numbers.format(value, decimals: decimals)
            : Numbers.format(value, decimals: decimals, grouping: ",", decimalMark: ".")
    }

    public func levelName(_ level: StandardLevel) -> String {
        switch level {
        case .commune: self("NTM")
        case .communeAdvanced: self("advanced NTM")
        case .communeModel: self("model NTM")
        case .village: self("NTM village")
        case .villageModel: self("model village")
        case .district: self("NTM district")
        }
    }
}
