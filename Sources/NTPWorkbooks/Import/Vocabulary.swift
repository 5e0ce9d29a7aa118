import Foundation
import NTPData
import NTPDomain

/// What a department writes for the catalogs' programs, sources and budget levels: their codes, their
/// Vietnamese and English names, and the way plans nest them ("Ngân sách trung ương" over "Vốn đầu tư
/// phát triển"). Everything is matched against the catalogs, so a new source or program needs no code.
struct Vocabulary {
    let catalogs: Catalogs

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
        if let source = catalogs.sources.first(where: { Fold.key($0.code) == label }) { return source.code }
        // "Ngân sách trung ương > Vốn đầu tư phát triển" as the seeds transcribe a nested row.
        let flattened = label.replacingOccurrences(of: " > ", with: " - ")
        if let source = catalogs.sources.first(where: { Fold.key($0.nameVi) == flattened || Fold.key($0.nameEn) == flattened }) { return source.code }
        if let parent, let parentSource = catalogs.source(parent) {
            for joined in ["\(Fold.key(parentSource.nameVi)) - \(label)", "\(Fold.key(parentSource.nameEn)) - \(label)"] {
                if let source = catalogs.sources.first(where: { Fold.key($0.nameVi) == joined || Fold.key($0.nameEn) == joined }) { return source.code }
            }
        }
        let endings = catalogs.sources.filter { [$0.nameVi, $0.nameEn].contains { Fold.key($0).hasSuffix(" - " + label) } }
        return endings.count == 1 ? endings[0].code : nil
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
