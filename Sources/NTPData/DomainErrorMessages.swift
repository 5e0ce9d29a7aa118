import NTPDomain
import NTPFiles
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

/// Why an amount a file states cannot be read, in either language: a number, money or limit problem
/// worded here, anything else as its library writes it.
func amountProblem(_ error: any Error) -> Message {
    switch error {
    case let error as NumberError: error.message
    case let error as MoneyError: error.message
    case let error as AmountBeyondLimit: error.message
    default: Message(.reason(of: error))
    }
}
