/// Where a record comes from: a seed document's line and table, a legal decision, or "assumption"
/// with its reason, exactly as the data file states it.
public struct Provenance: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public var description: String { text }
}

/// A legal or administrative decision a record rests on.
public struct LegalReference: Hashable, Sendable, Codable {
    /// Its number as written, e.g. "318/QĐ-TTg".
    public var reference: String
    /// ISO date, as precise as known ("2022-03-08", "2022").
    public var date: String?
    public var issuer: String?
    /// The part of it that applies ("Phụ lục I", "Điều 2").
    public var part: String?

    public init(reference: String, date: String? = nil, issuer: String? = nil, part: String? = nil) {
        self.reference = reference
        self.date = date
        self.issuer = issuer
        self.part = part
    }
}

/// A name as a person types it: compared case-insensitively and by canonical equivalence (Swift
/// compares strings after Unicode normalisation, so NFC and NFD spellings match), shown as written.
public struct NameKey: Hashable, Sendable {
    private let folded: String

    public init(_ name: String) {
        folded = name.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}

/// Written as its text.
extension Provenance: Codable {
    public init(from decoder: Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
