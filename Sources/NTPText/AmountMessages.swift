import NTPDomain

// NTPDomain states why a number or an amount cannot be read as facts (`NumberError`, `MoneyError`);
// they are worded once, here, and their English `description` is that wording, so that an error
// interpolated anywhere keeps its message.

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

extension NumberError: CustomStringConvertible {
    public var description: String { message.text(.en) }
}

extension MoneyError: CustomStringConvertible {
    public var description: String { message.text(.en) }
}
