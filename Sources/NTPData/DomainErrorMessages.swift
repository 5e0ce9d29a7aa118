import NTPDomain
import NTPText

// NTPDomain has no languages: its errors are typed, and the layers that show them word them here.

extension CentralAllocationError {
    /// What is wrong and what to do, in either language.
    public var message: Message {
        switch self {
        case .unknownClass(let commune, let attributes):
            attributes.count == 1
                ? "\(commune): the coefficient cannot be set, because \(attributes[0]) is not known; state it in the classification table (unknown is not 'other')"
                : "\(commune): the coefficient cannot be set, because \(attributes.joined(separator: ", ")) are not known; state them in the classification table (unknown is not 'other')"
        case .negativeVillages(let commune, let villages): "\(commune): \(villages) especially difficult villages; expected 0 or more"
        case .duplicateCommune(let commune): "\(commune) is listed twice"
        case .noCommunes: "no commune to split the money over"
        case .negativeEnvelope(let money): "the envelope \(Message("\(money.dong) dong")) is negative"
        case .zeroCoefficients: "every commune's coefficient is 0, so the envelope cannot be split"
        case .several(let errors): .joined(errors.map(\.message))
        }
    }
}

extension MoneyError {
    /// What is wrong with an amount, in either language.
    public var message: Message {
        switch self {
        case .fractionOfDong(let amount, let unit): "\(amount) \(unit.nameVi) is not a whole number of đồng"
        case .outOfRange(let amount, let unit): "\(amount) \(unit.nameVi) is beyond the range of amounts"
        case .overflow: "the sum of the amounts overflows"
        }
    }
}
