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

extension NumberError {
    /// What is wrong with a number a file writes, in either language.
    public var message: Message {
        switch self {
        case .malformed(let text, let notation):
            switch notation {
            case .vietnamese: "“\(text)” is not a number in Vietnamese notation (1.234.567,89)"
            case .plain: "“\(text)” is not a plain number (1234567.89)"
            case .either: "“\(text)” is not a number (write 1234567.89 or 1.234.567,89)"
            }
        case .ambiguous(let text, let vietnamese, let plain):
            "“\(text)” reads as \(vietnamese) in Vietnamese notation but \(plain) in plain notation; "
                + "write it without grouping (\(vietnamese)) or with a decimal comma"
        case .negative(let text): "“\(text)” is negative; amounts must be zero or more"
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
    default: .verbatim("\(error)")
    }
}
