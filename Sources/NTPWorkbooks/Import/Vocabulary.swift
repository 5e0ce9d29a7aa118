import Foundation
import NTPData
import NTPDomain

/// What a department writes for the catalogs' programs, sources and budget levels: their codes, their
/// Vietnamese and English names, and the way plans nest them ("Ngân sách trung ương" over "Vốn đầu tư
/// phát triển"). Everything is matched against the catalogs, so a new source or program needs no code.
struct Vocabulary {
    let catalogs: Catalogs
    /// A source's code and names, folded, → its code.
    private let sources: [String: String]
    /// The part after " - " of a child source's name ("vốn đầu tư phát triển") → the codes that end so.
    private let endings: [String: [String]]

    init(catalogs: Catalogs) {
        self.catalogs = catalogs
        var sources: [String: String] = [:]
        var endings: [String: [String]] = [:]
        for source in catalogs.sources {
            for name in [source.code, source.nameVi, source.nameEn] where sources[Fold.key(name)] == nil { sources[Fold.key(name)] = source.code }
            for name in [source.nameVi, source.nameEn] {
                if let dash = Fold.key(name).range(of: " - ") {
                    let ending = String(Fold.key(name)[dash.upperBound...])
                    if !(endings[ending]?.contains(source.code) ?? false) { endings[ending, default: []].append(source.code) }
                }
            }
        }
        self.sources = sources
        self.endings = endings
    }

    /// A label as plans write it, without the bullet or number in front (`- `, `+ `, `a) `, `(1) `, `1. `)
    /// and an amount or colon behind (`… 82.199 triệu đồng:`).
    static func clean(_ text: String) -> String {
        var folded = Fold.key(text)
        while let first = folded.first, "-+*•–".contains(first) { folded = String(folded.dropFirst()).trimmingCharacters(in: .whitespaces) }
        if let match = folded.range(of: #"^(\(?[0-9ivx]{1,4}[.)]|[a-zđ]\))\s*"#, options: .regularExpression) {
            folded = String(folded[match.upperBound...])
        }
        if let match = folded.range(of: #"[\s,]*(trong đó|bao gồm|gồm)[\s:]*$"#, options: .regularExpression) {
            folded = String(folded[..<match.lowerBound])
        }
        if let match = folded.range(of: #"[\s:,]*[0-9][0-9.,]*\s*(triệu|tỷ|nghìn)?\s*(đồng)?[\s:,;.]*$"#, options: .regularExpression), match.lowerBound != folded.startIndex {
            folded = String(folded[..<match.lowerBound])
        }
        while let last = folded.last, ":;,.".contains(last) { folded.removeLast() }
        return folded.trimmingCharacters(in: .whitespaces)
    }

    /// The program a label names among `phase`'s: its code, its name, or its name without "Chương trình
    /// mục tiêu quốc gia" and the years; the phase's only program when the label says "chương trình".
    func program(_ text: String, phase: Phase?) -> String? {
        let label = Self.clean(text)
        guard !label.isEmpty else { return nil }
        let codes = phase?.programCodes ?? catalogs.programs.map(\.code)
        if let code = codes.first(where: { Fold.key($0) == label }) { return code }
        if let code = codes.first(where: { label.hasPrefix(Fold.key($0) + " (") }) { return code }
        let candidates = codes.compactMap { catalogs.program($0) }.filter { program in
            [program.nameVi, program.nameEn].contains { name in
                let core = Self.programCore(name)
                return Fold.key(name) == label || (!core.isEmpty && label.contains(core))
            }
        }
        if candidates.count == 1 { return candidates[0].code }
        if candidates.isEmpty, codes.count == 1, label.hasPrefix("chương trình") || label.hasPrefix("program") { return codes[0] }
        return nil
    }

    /// "Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025" → "xây dựng nông thôn mới".
    static func programCore(_ name: String) -> String {
        var core = Fold.key(name)
        for prefix in ["chương trình mục tiêu quốc gia ", "chương trình mtqg ", "national target program on ", "national target program "] where core.hasPrefix(prefix) {
            core = String(core.dropFirst(prefix.count))
        }
        for marker in [" giai đoạn", ", 20", " 20"] {
            if let range = core.range(of: marker) { core = String(core[..<range.lowerBound]) }
        }
        return core.trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
    }

    /// The source a label names: its code, its name, or (under a parent row) the parent's name joined to
    /// it the way the catalog writes children ("Ngân sách trung ương - vốn đầu tư phát triển"), or the
    /// only source whose name ends so.
    func source(_ text: String, under parent: String? = nil) -> String? {
        let label = Self.clean(text)
        guard !label.isEmpty else { return nil }
        // "Ngân sách trung ương > Vốn đầu tư phát triển" as the seeds transcribe a nested row.
        if let code = sources[label] ?? sources[label.replacingOccurrences(of: " > ", with: " - ")] { return code }
        if let parent, let parentSource = catalogs.source(parent) {
            for joined in ["\(Fold.key(parentSource.nameVi)) - \(label)", "\(Fold.key(parentSource.nameEn)) - \(label)"] {
                if let code = sources[joined] { return code }
            }
        }
        let ending = endings[label] ?? []
        return ending.count == 1 ? ending[0] : nil
    }

    /// A budget level: `tỉnh`, `province`, `trung ương`…
    static func level(_ text: String) -> GovernmentLevel? {
        switch Fold.key(text) {
        case "trung ương", "central", "tw": .central
        case "tỉnh", "province", "cấp tỉnh": .province
        case "huyện", "district", "cấp huyện": .district
        case "xã", "commune", "cấp xã": .commune
        default: nil
        }
    }

    /// The names the import accepts for each source, for messages.
    var sourceNames: String { catalogs.sources.map { "\($0.code) (\($0.nameVi))" }.joined(separator: ", ") }
}
