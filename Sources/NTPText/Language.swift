import Foundation
import NTPDomain

/// The language of an output: Vietnamese by default, English on request. One output is in one language.
public enum Language: String, Sendable, Codable, CaseIterable {
    case vi, en

    /// Picks the Vietnamese or the English text.
    public func pick(_ vi: String, _ en: String) -> String { self == .vi ? vi : en }

    /// A number as a reader of this language writes it: `1.234,5` in Vietnamese, `1,234.5` in English.
    public func format(_ value: Decimal, decimals: Int) -> String {
        self == .vi
            ? Numbers.format(value, decimals: decimals)
            : Numbers.format(value, decimals: decimals, grouping: ",", decimalMark: ".")
    }

    public func levelName(_ level: StandardLevel) -> String {
        switch level {
        case .commune: pick("NTM", "NTM")
        case .communeAdvanced: pick("NTM nâng cao", "advanced")
        case .communeModel: pick("NTM kiểu mẫu", "model")
        case .village: pick("thôn NTM", "village")
        case .villageModel: pick("thôn kiểu mẫu", "model village")
        case .district: pick("huyện NTM", "district")
        }
    }
}
