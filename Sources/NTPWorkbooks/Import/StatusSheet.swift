import Foundation
import NTPDomain
import NTPText
import XLSXSwift

/// The criteria status in the layout of the "Biểu kế hoạch thực hiện tiêu chí": one row per commune
/// (TT, the commune, the criteria it meets, then one column per criterion holding `x` for met, the year
/// it is planned, or nothing), then the document's own totals: the communes meeting each criterion
/// ("Tổng cộng"), the criteria planned per year ("Hoàn thành năm 2022"), the mean per commune ("TB tiêu
/// chí/xã"). Each stated total is recomputed from the rows above it; a disagreement is a warning with
/// both figures, as `ntp validate` reports a document's own.
struct StatusSheet {
    struct Row {
        let row: Int
        let name: String
        /// The commune's id, where the table has a column of them.
        let id: String?
        /// By criterion code.
        var cells: [String: WorkbookScenario.CriterionStatus]
        let statedMet: Int?
    }

    let view: SheetView
    let communeColumn: Int
    /// Criterion code → column, in the set's order.
    let criteria: [(code: String, column: Int)]
    var rows: [Row] = []

    /// The header band: the commune column's header row and the rows under it that still hold headers
    /// (column letters, criterion numbers), at most three.
    static func band(_ view: SheetView, header: Int, communeColumn: Int, numberColumn: Int?) -> ClosedRange<Int> {
        var last = header
        while last < header + 3, last + 1 <= view.lastRow {
            let name = view.text(last + 1, communeColumn)
            let number = numberColumn.map { view.text(last + 1, $0) } ?? ""
            let looksLikeHeader = name.isEmpty && number.isEmpty
                || isMarker(name) || Columns.commune.matchesHeader(name) || Columns.number.matchesHeader(number)
            guard looksLikeHeader, !(name.isEmpty && Int(number) != nil) else { break }
            last += 1
        }
        return header...last
    }

    /// A column letter or number standing for a header: `B`, `(2)`, `2`.
    static func isMarker(_ text: String) -> Bool {
        var core = Substring(text)
        if core.hasPrefix("("), core.hasSuffix(")") { core = core.dropFirst().dropLast() }
        return (1...2).contains(core.count) && core.allSatisfy { $0.isLetter || $0.isNumber }
    }

    /// The criterion a header text names, among `codes`: `5`, `TC5`, `Tiêu chí 5`, `Tiêu chí số 5`,
    /// `5. Trường học`, or the criterion's name.
    static func criterion(in text: String, codes: [String], names: [String: [String]]) -> String? {
        let folded = Fold.key(text)
        guard !folded.isEmpty else { return nil }
        if codes.contains(folded) { return folded }
        for prefix in ["tiêu chí số ", "tiêu chí ", "tc số ", "tc ", "tc", "criterion "] where folded.hasPrefix(prefix) {
            let rest = String(folded.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            let number = String(rest.prefix { $0.isNumber || $0 == "." }).trimmingCharacters(in: CharacterSet(charactersIn: "."))
            if codes.contains(number), rest.dropFirst(number.count).first.map({ !$0.isNumber }) ?? true { return number }
        }
        // "5. Trường học", "5 - Trường học"
        let leading = String(folded.prefix { $0.isNumber })
        if !leading.isEmpty, codes.contains(leading) {
            let rest = folded.dropFirst(leading.count)
            if let next = rest.first, next == "." || next == " " || next == "-" || next == ")" { return leading }
        }
        for (code, known) in names where known.contains(folded) { return code }
        return nil
    }

    /// Finds the table in `view`: nil when the sheet has no commune column with criteria columns beside
    /// it. `codes` are the criteria set's (in order); `names` each criterion's names, folded.
    static func locate(_ view: SheetView, codes: [String], names: [String: [String]]) -> (header: Int, band: ClosedRange<Int>, commune: Int, number: Int?, met: Int?, id: Int?, criteria: [(String, Int)], duplicates: [(String, Int, Int)])? {
        var start = 0
        while let found = view.headerRow([Columns.commune], from: start) {
            let header = found.row, communeColumn = found.columns[0]
            let number = view.column(of: Columns.number, in: header)
            let band = band(view, header: header, communeColumn: communeColumn, numberColumn: number)
            let met = view.column(of: Columns.criteriaMet, inBand: band)
            let id = view.column(of: Columns.communeID, inBand: band)
            var criteria: [(String, Int)] = []
            var duplicates: [(String, Int, Int)] = []
            for column in 0...max(0, view.lastColumn) where column != communeColumn && column != number && column != met && column != id {
                // The band's rows, bottom up: a row of numbers under the names is the surest.
                for row in band.reversed() {
                    if let code = criterion(in: view.text(row, column), codes: codes, names: names) {
                        if let first = criteria.first(where: { $0.0 == code }) { duplicates.append((code, first.1, column)) } else { criteria.append((code, column)) }
                        break
                    }
                }
            }
            if !criteria.isEmpty { return (header, band, communeColumn, number, met, id, criteria, duplicates) }
            start = header + 1
        }
        return nil
    }

    /// Reads the table. `codes`: the set's criteria; `years`: the years a planned cell may hold.
    init?(view: SheetView, codes: [String], names: [String: [String]], years: ClosedRange<Int>, diagnostics: inout WorkbookDiagnostics) {
        guard let table = Self.locate(view, codes: codes, names: names) else { return nil }
        self.view = view
        communeColumn = table.commune
        let order = Dictionary(codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        criteria = table.criteria.sorted { order[$0.0]! < order[$1.0]! }.map { (code: $0.0, column: $0.1) }
        for (code, first, second) in table.duplicates {
            diagnostics.add(view.error(table.band.upperBound, second, "a second column for criterion \(code) (the first is column \(CellAddress.columnName(first))); keep one"))
        }
        let found = Set(criteria.map(\.code))
        let missing = codes.filter { !found.contains($0) }
        if !missing.isEmpty {
            diagnostics.add(view.error(table.header, communeColumn, missing.count == 1
                ? "no column for criterion \(missing[0]) of the criteria set (found \(criteria.map(\.code).joined(separator: ", "))); a column is found by the criterion's number or name in the header"
                : "no column for criteria \(missing.joined(separator: ", ")) of the criteria set (found \(criteria.map(\.code).joined(separator: ", "))); a column is found by the criterion's number or name in the header"))
        }
        let numberColumn = table.number, metColumn = table.met, idColumn = table.id
        var afterTotals = false
        var totalRows: [(row: Int, kind: TotalKind)] = []
        var seenNames: [String: Int] = [:]
        var row = table.band.upperBound + 1
        while row <= view.lastRow {
            defer { row += 1 }
            let name = view.text(row, communeColumn)
            let number = numberColumn.map { view.text(row, $0) } ?? ""
            if let kind = TotalKind(name.isEmpty ? number : name) {
                totalRows.append((row, kind))
                afterTotals = true
                continue
            }
            let values = criteria.map { view.text(row, $0.column) }
            let empty = values.allSatisfy(\.isEmpty) && (metColumn.map { view.isEmpty(row, $0) } ?? true)
            if afterTotals {
                // Notes under the totals ("Ghi chú: …") end the table.
                break
            }
            if name.isEmpty {
                if !empty { diagnostics.add(view.error(row, communeColumn, "this row has criteria but no commune name")) }
                continue
            }
            // A heading between communes (a district's name over its communes): no number, no values.
            if empty, Int(number) == nil { continue }
            if let first = seenNames.updateValue(row, forKey: Fold.key(name)) {
                diagnostics.add(view.error(row, communeColumn, "\(quoted(name)) is listed a second time (first on row \(first + 1)); give each commune one row"))
                continue
            }
            var cells: [String: WorkbookScenario.CriterionStatus] = [:]
            for (code, column) in criteria {
                if let state = Self.state(view, row, column, years: years, diagnostics: &diagnostics) {
                    cells[code] = WorkbookScenario.CriterionStatus(state, provenance: Provenance(view.provenance(row, column)))
                }
            }
            let id = idColumn.map { view.text(row, $0) }.flatMap { $0.isEmpty ? nil : $0 }
            rows.append(Row(row: row, name: name, id: id, cells: cells, statedMet: metColumn.flatMap { view.wholeNumber(row, $0) }))
            if let metColumn, !view.isEmpty(row, metColumn), view.wholeNumber(row, metColumn) == nil {
                diagnostics.add(view.error(row, metColumn, "found \(view.found(row, metColumn)); expected the number of criteria met"))
            }
        }
        reconcile(totalRows, metColumn: metColumn, diagnostics: &diagnostics)
    }

    enum TotalKind: Equatable {
        case total, average
        case year(Int)

        init?(_ label: String) {
            if label.isEmpty { return nil }
            if TotalRows.total.matches(label) { self = .total; return }
            if TotalRows.average.matches(label) { self = .average; return }
            let folded = Fold.key(label)
            for prefix in TotalRows.yearPrefixes where folded.hasPrefix(prefix + " ") {
                if let year = Int(folded.dropFirst(prefix.count + 1).trimmingCharacters(in: .whitespaces)), (1900...2200).contains(year) {
                    self = .year(year)
                    return
                }
            }
            return nil
        }
    }

    /// A status cell: `x` (or `X`, `đạt`) met, a year of `years` planned, empty missing.
    static func state(_ view: SheetView, _ row: Int, _ column: Int, years: ClosedRange<Int>, diagnostics: inout WorkbookDiagnostics) -> WorkbookScenario.CriterionStatus.State? {
        let cell = view.cell(row, column)
        if cell?.value == nil, let formula = cell?.formula {
            diagnostics.add(view.error(row, column, "the formula =\(formula) has no stored value; open the file in Excel, let it calculate, and save it again"))
            return nil
        }
        let text = view.text(row, column)
        let folded = Fold.key(text)
        if StatusWords.missing.contains(folded) { return .missing }
        if StatusWords.met.contains(folded) { return .met }
        var yearText = folded
        if yearText.hasPrefix("năm ") { yearText = String(yearText.dropFirst(4)) }
        if let year = Int(yearText) {
            if years.contains(year) { return .planned(year) }
            diagnostics.add(view.error(row, column, "found \(view.found(row, column)); a planned year must lie in \(years.lowerBound)-\(years.upperBound)"))
            return nil
        }
        diagnostics.add(view.error(row, column, "found \(view.found(row, column)); expected x (met), a year \(years.lowerBound)-\(years.upperBound) (planned) or an empty cell (not met)"))
        return nil
    }

    /// The stated totals against the rows above them.
    private func reconcile(_ totals: [(row: Int, kind: TotalKind)], metColumn: Int?, diagnostics: inout WorkbookDiagnostics) {
        let first = rows.first?.row ?? 0, last = rows.last?.row ?? 0
        let metCounts = rows.map { row in row.cells.values.filter { $0.state == .met }.count }
        func check(_ row: Int, _ column: Int, _ what: Message, computed: Decimal, from: Message) {
            guard let stated = view.statedNumber(row, column) else {
                if !view.isEmpty(row, column) { diagnostics.add(view.warning(row, column, "\(what): found \(view.found(row, column)), not a number; not checked")) }
                return
            }
            let rounded = computed.rounded(stated.decimals, .plain)
            if rounded != stated.value {
                diagnostics.add(view.warning(row, column, "\(what): the workbook states \(stated.value); its rows give \(rounded) (\(from))"))
            }
        }
        for (index, row) in rows.enumerated() {
            if let metColumn, let stated = row.statedMet, stated != metCounts[index] {
                diagnostics.add(view.warning(row.row, metColumn, "criteria met in \(quoted(row.name)): the workbook states \(stated); the row gives \(metCounts[index]) (cells holding x in \(view.range(row.row, criteria.first?.column ?? 0, criteria.last?.column ?? 0)))"))
            }
        }
        guard !rows.isEmpty else { return }
        for (row, kind) in totals {
            switch kind {
            case .total:
                for (code, column) in criteria {
                    let count = rows.filter { $0.cells[code]?.state == .met }.count
                    check(row, column, "communes meeting criterion \(code)", computed: Decimal(count), from: "cells holding x in \(view.reference(first, column)):\(view.reference(last, column))")
                }
                if let metColumn {
                    let stated = rows.compactMap(\.statedMet)
                    let sum = stated.count == rows.count ? stated.reduce(0, +) : metCounts.reduce(0, +)
                    check(row, metColumn, "criteria met in all communes", computed: Decimal(sum), from: "the sum of \(view.reference(first, metColumn)):\(view.reference(last, metColumn))")
                }
            case .year(let year):
                for (code, column) in criteria {
                    let count = rows.filter { $0.cells[code]?.state == .planned(year) }.count
                    check(row, column, "communes planning criterion \(code) in \(year)", computed: Decimal(count), from: "cells holding \(year) in \(view.reference(first, column)):\(view.reference(last, column))")
                }
                if let metColumn {
                    let count = rows.reduce(0) { $0 + $1.cells.values.filter { $0.state == .planned(year) }.count }
                    check(row, metColumn, "criteria planned in \(year)", computed: Decimal(count), from: "cells holding \(year) in the criteria columns")
                }
            case .average:
                guard let metColumn else { continue }
                let stated = rows.compactMap(\.statedMet)
                let counts = stated.count == rows.count ? stated : metCounts
                check(row, metColumn, "criteria met per commune (mean)", computed: Decimal(counts.reduce(0, +)) / Decimal(rows.count),
                      from: "\(counts.reduce(0, +)) / \(rows.count) communes")
            }
        }
    }
}
