import Foundation
import NTPDomain
import NTPText

/// Which locality each commune of the status is: the communes sheet's row for it (by name or id) when
/// there is one, else the data's commune of that name within the area. A commune the data does not
/// know becomes a new unit of the scenario, with the communes sheet's flags and an id from its name
/// when none is given.
struct CommuneResolver {
    let scopeID: String
    let registry: LocalityRegistry
    let sheet: CommunesSheet?
    let workbook: String
    /// The new communes, in the order met.
    private(set) var created: [Locality] = []
    /// The communes sheet's rows used.
    private(set) var used: Set<Int> = []
    /// The communes sheet's rows by id, by folded name and by name without its unit type (first row wins).
    private var entriesByID: [String: CommunesSheet.Row] = [:]
    private var entriesByName: [String: CommunesSheet.Row] = [:]
    /// The data's communes within the area, by folded name and by name without its unit type.
    private var knownByName: [String: [Locality]] = [:]

    init(scopeID: String, registry: LocalityRegistry, sheet: CommunesSheet?, workbook: String) {
        self.scopeID = scopeID
        self.registry = registry
        self.sheet = sheet
        self.workbook = workbook
        for entry in sheet?.rows ?? [] {
            if let id = entry.id, entriesByID[id] == nil { entriesByID[id] = entry }
            for key in Self.keys(entry.name) where entriesByName[key] == nil { entriesByName[key] = entry }
        }
        for locality in registry.descendants(of: scopeID) where locality.level == .commune {
            knownByName[Fold.key(locality.name), default: []].append(locality)
        }
    }

    /// A name folded, and without its unit type when it has one.
    static func keys(_ name: String) -> [String] {
        let folded = Fold.key(name)
        let bare = withoutUnitType(folded)
        return bare == folded ? [folded] : [folded, bare]
    }

    /// "xã đại sơn" → "đại sơn": documents put the unit type before some names and not others.
    static func withoutUnitType(_ folded: String) -> String {
        for prefix in ["xã ", "phường ", "thị trấn ", "commune ", "ward ", "town "] where folded.lowercased().hasPrefix(prefix) {
            return String(folded.dropFirst(prefix.count))
        }
        return folded
    }

    /// `Phúc Sen` → `phuc-sen`: an ASCII slug for a new commune's id.
    static func slug(_ name: String) -> String {
        let ascii = withoutUnitType(Fold.key(name)).replacingOccurrences(of: "đ", with: "d").applyingTransform(.stripDiacritics, reverse: false) ?? name
        var slug = ""
        for scalar in ascii.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { slug.unicodeScalars.append(scalar) } else if !slug.hasSuffix("-") && !slug.isEmpty { slug += "-" }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }

    private func inScope(_ id: String) -> Bool { registry.path(to: id).contains { $0.id == scopeID } }

    /// The data's communes named `name` within the area (with or without its unit type).
    private func known(_ name: String) -> [Locality] {
        for key in Self.keys(name) {
            if let found = knownByName[key], !found.isEmpty { return found.sorted { $0.id < $1.id } }
        }
        return []
    }

    mutating func resolve(name: String, id: String?, view: SheetView, row: Int, column: Int, diagnostics: inout WorkbookDiagnostics) -> Locality? {
        // An id beside the name (the export's schedule) settles which commune it is.
        if let id, entriesByID[id] == nil {
            guard let locality = registry[id], locality.level == .commune, inScope(id) else {
                diagnostics.add(view.error(row, column, "the commune id \(quoted(id)) of \(quoted(name)) is no commune of \(scopeID) in the data"))
                return nil
            }
            return locality
        }
        let byName = entriesByName
        if let sheet, let entry = id.flatMap({ entriesByID[$0] }) ?? entriesByID[name] ?? Self.keys(name).compactMap({ byName[$0] }).first {
            used.insert(entry.row)
            return resolve(entry, sheet: sheet.view, diagnostics: &diagnostics)
        }
        let found = known(name)
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            diagnostics.add(view.error(row, column, "\(quoted(name)) is no commune of \(scopeID) in the data; to plan a commune the data does not know, list it on the communes sheet (\(SheetNames.communes.vi)) with its name and, if you wish, its id"))
        } else {
            diagnostics.add(view.error(row, column, "\(quoted(name)) names \(found.count) communes of \(scopeID) (\(found.map(\.id).joined(separator: ", "))); list it on the communes sheet with its id"))
        }
        return nil
    }

    private mutating func resolve(_ entry: CommunesSheet.Row, sheet view: SheetView, diagnostics: inout WorkbookDiagnostics) -> Locality? {
        if let id = entry.id, let locality = registry[id] {
            guard locality.level == .commune, inScope(id) else {
                diagnostics.add(view.error(entry.row, entry.idColumn, inScope(id)
                    ? "\(quoted(id)) is \(locality.unitType) \(quoted(locality.name)), not a commune; expected a commune of the area"
                    : "\(quoted(id)) lies outside \(scopeID); expected a commune of the area"))
                return nil
            }
            if NameKey(locality.name) != NameKey(entry.name) {
                diagnostics.add(view.warning(entry.row, entry.nameColumn, "the data names \(id) \(quoted(locality.name)), the workbook \(quoted(entry.name)); the data's commune is used"))
            }
            note(entry, differsFrom: locality, view: view, diagnostics: &diagnostics)
            return locality
        }
        if entry.id == nil {
            let found = known(entry.name)
            if found.count == 1 {
                note(entry, differsFrom: found[0], view: view, diagnostics: &diagnostics)
                return found[0]
            }
            if found.count > 1 {
                diagnostics.add(view.error(entry.row, entry.idColumn, "\(quoted(entry.name)) names \(found.count) communes of \(scopeID) (\(found.map(\.id).joined(separator: ", "))); write the id of the one meant"))
                return nil
            }
        }
        // A commune the data does not know.
        let parentID = entry.parentID ?? scopeID
        let id = entry.id ?? "\(parentID)/\(Self.slug(entry.name))"
        guard WorkbookTemplate.isSlugPath(id), !Self.slug(entry.name).isEmpty || entry.id != nil else {
            diagnostics.add(view.error(entry.row, entry.idColumn, "\(quoted(id)) cannot be an id: lower-case ASCII letters, digits and hyphens, parts joined by / (e.g. \(scopeID)/xa-moi)"))
            return nil
        }
        if registry[id] != nil || created.contains(where: { $0.id == id }) {
            diagnostics.add(view.error(entry.row, entry.idColumn, "the id \(quoted(id)) is already taken; write another one in \(Columns.communeID.vi)"))
            return nil
        }
        guard let parent = registry[parentID] ?? created.first(where: { $0.id == parentID }), parent.level < .commune, parentID == scopeID || registry.path(to: parentID).contains(where: { $0.id == scopeID }) else {
            diagnostics.add(view.error(entry.row, entry.parentColumn ?? entry.idColumn, "the parent \(quoted(parentID)) is no district or province within \(scopeID)"))
            return nil
        }
        let basis = entry.basis.map { "; " + $0 } ?? ""
        let locality = Locality(
            id: id, level: .commune, unitType: entry.unitType ?? "xã", name: entry.name, parentID: parent.id,
            especiallyDifficult: entry.especiallyDifficult, border: entry.border, ethnicZone: entry.ethnicZone, safeZone: entry.safeZone,
            provenance: Provenance(view.provenance(entry.row, entry.nameColumn) + basis))
        created.append(locality)
        return locality
    }

    /// A known commune's flags come from the data; the workbook's, where it states others, are reported.
    private func note(_ entry: CommunesSheet.Row, differsFrom locality: Locality, view: SheetView, diagnostics: inout WorkbookDiagnostics) {
        let pairs: [(String, Bool?, Bool?)] = [
            (Columns.especiallyDifficult.vi, entry.especiallyDifficult, locality.especiallyDifficult), (Columns.border.vi, entry.border, locality.border),
            (Columns.safeZone.vi, entry.safeZone, locality.safeZone),
        ]
        for (label, stated, data) in pairs where stated != nil && stated != data {
            diagnostics.add(view.warning(entry.row, entry.nameColumn, "\(label): the workbook says \(stated! ? "có" : "không"), the data \(data.map { Message.verbatim($0 ? "có" : "không") } ?? "not known") for \(locality.id); the data's value is used (change Data/localities to change it)"))
        }
        if let zone = entry.ethnicZone, zone != locality.ethnicZone {
            diagnostics.add(view.warning(entry.row, entry.nameColumn, "\(Columns.ethnicZone.vi): the workbook says \(zone.rawValue), the data \(locality.ethnicZone.map { Message.verbatim($0.rawValue) } ?? "not known") for \(locality.id); the data's value is used"))
        }
    }
}
