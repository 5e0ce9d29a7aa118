import Foundation
import NTPData
import NTPDomain
import NTPText

/// Capital envelopes, read from either layout a plan uses:
/// - a long table, one envelope a row (the template's "Vốn", the export's "Cân đối nguồn vốn"): program,
///   source, level, first and last year (or one year), amount;
/// - a wide table by year, as district plans print their capital: one row per program (a heading that
///   may state the program's total), per source (nested under a parent source row, "Ngân sách trung
///   ương" over "Vốn đầu tư phát triển"), columns for the years and the phase's total.
/// Stated totals (a "Tổng cộng" row, a program's or a parent source's row, a row's total column) are
/// recomputed from their parts; a disagreement is a warning with both figures.
struct CapitalSheet {
    struct Entry {
        let program: String
        let source: String
        let level: GovernmentLevel?
        let years: ClosedRange<Int>
        let amount: Money
        let integratedFrom: String?
        let provenance: String
    }

    let view: SheetView
    private(set) var entries: [Entry] = []
    /// The unit the sheet states over or in its table, and where.
    private(set) var statedUnit: (unit: MoneyUnit, row: Int, column: Int)?

    /// Whether `view` holds a capital table at all.
    static func isCapital(_ view: SheetView) -> Bool {
        view.headerRow([Columns.source, Columns.amount]) != nil || wideHeader(view) != nil
    }

    /// Reads the table. `unit`: the scenario's, for a sheet that states none; `phase`: the years and
    /// programs envelopes may have.
    init(view: SheetView, vocabulary: Vocabulary, phase: Phase, unit fallback: MoneyUnit?, diagnostics: inout WorkbookDiagnostics) {
        self.view = view
        if let header = view.headerRow([Columns.source, Columns.amount]) {
            statedUnit = view.statedUnit(rows: 0...header.row)
            readLong(header: header.row, vocabulary: vocabulary, phase: phase, unit: statedUnit?.unit ?? fallback, diagnostics: &diagnostics)
        } else if let wide = Self.wideHeader(view) {
            statedUnit = view.statedUnit(rows: 0...wide.row)
            readWide(wide, vocabulary: vocabulary, phase: phase, unit: statedUnit?.unit ?? fallback, diagnostics: &diagnostics)
        }
    }

    static func show(_ value: Decimal) -> String {
        let decimals = min(6, max(0, -Int(value.exponent)))
        return Numbers.format(value, decimals: decimals)
    }

    private func money(_ amount: Decimal, _ unit: MoneyUnit?, row: Int, column: Int, diagnostics: inout WorkbookDiagnostics) -> Money? {
        guard let unit else {
            diagnostics.add(view.error(row, column, "the unit of the amounts is not stated: write it over the table (Đơn vị tính: triệu đồng) or in the header (Số tiền (triệu đồng)), or give --unit"))
            return nil
        }
        do { return try Money(amount, unit) } catch {
            diagnostics.add(view.error(row, column, "found \(view.found(row, column)): \(error.message)"))
            return nil
        }
    }

    // MARK: Long table

    private mutating func readLong(header: Int, vocabulary: Vocabulary, phase: Phase, unit: MoneyUnit?, diagnostics: inout WorkbookDiagnostics) {
        let view = self.view
        let column = { (label: Label) in view.column(of: label, in: header) }
        guard let sourceColumn = column(Columns.source), let amountColumn = column(Columns.amount) else { return }
        let programColumn = column(Columns.program), levelColumn = column(Columns.level)
        let firstColumn = column(Columns.firstYear), lastColumn = column(Columns.lastYear), yearColumn = column(Columns.year)
        let integratedColumn = column(Columns.integratedFrom), basisColumn = column(Columns.basis)
        var sinceTotal: [Decimal] = []
        var unitReported = false
        guard header < view.lastRow else { return }
        for row in (header + 1)...view.lastRow {
            let labels = (0...min(2, max(0, view.lastColumn))).map { view.text(row, $0) }
            if labels.contains(where: { TotalRows.total.matches($0) }) {
                if let stated = view.amount(row, amountColumn, diagnostics: &diagnostics) {
                    let sum = sinceTotal.reduce(0, +)
                    if sum != stated {
                        diagnostics.add(view.warning(row, amountColumn, "total: the workbook states \(Self.show(stated)); its rows give \(Self.show(sum)) (the sum of the amounts above it)"))
                    }
                }
                sinceTotal = []
                continue
            }
            let sourceText = view.text(row, sourceColumn)
            let programText = programColumn.map { view.text(row, $0) } ?? ""
            let amountEmpty = view.isEmpty(row, amountColumn)
            if sourceText.isEmpty && amountEmpty { continue }
            if sourceText.isEmpty {
                diagnostics.add(view.error(row, sourceColumn, "an amount without its source of funds"))
                continue
            }
            var ok = true
            func fail(_ column: Int, _ message: Message) {
                diagnostics.add(view.error(row, column, message))
                ok = false
            }
            let source = vocabulary.source(sourceText)
            if source == nil {
                fail(sourceColumn, "found \(view.found(row, sourceColumn)); expected a source of funds of the catalog: \(vocabulary.sourceNames)")
            }
            var program: String?
            if let programColumn, !programText.isEmpty {
                program = vocabulary.program(programText, phase: phase)
                if program == nil {
                    fail(programColumn, "found \(view.found(row, programColumn)); expected a program of the phase \(phase.id): \(phase.programCodes.joined(separator: ", "))")
                }
            } else if phase.programCodes.count == 1 {
                program = phase.programCodes[0]
            } else {
                fail(programColumn ?? sourceColumn, "the program is missing; the phase \(phase.id) has \(phase.programCodes.joined(separator: ", "))")
            }
            var level: GovernmentLevel?
            if let levelColumn, !view.isEmpty(row, levelColumn) {
                level = Vocabulary.level(view.text(row, levelColumn))
                if level == nil { fail(levelColumn, "found \(view.found(row, levelColumn)); expected trung ương, tỉnh, huyện or xã (or empty)") }
            }
            func year(_ column: Int?) -> Int? {
                guard let column, !view.isEmpty(row, column) else { return nil }
                guard let value = view.wholeNumber(row, column), phase.years.contains(value) else {
                    fail(column, "found \(view.found(row, column)); expected a year of the phase \(phase.id) (\(phase.years.lowerBound)-\(phase.years.upperBound))")
                    return nil
                }
                return value
            }
            let single = year(yearColumn)
            let from = year(firstColumn) ?? single ?? phase.years.lowerBound
            let to = year(lastColumn) ?? single ?? (firstColumn.map { view.isEmpty(row, $0) } ?? true ? phase.years.upperBound : from)
            if from > to { fail(lastColumn ?? firstColumn ?? amountColumn, "the last year \(to) is before the first \(from)") }
            var integratedFrom: String?
            if let integratedColumn, !view.isEmpty(row, integratedColumn) {
                integratedFrom = vocabulary.program(view.text(row, integratedColumn), phase: nil)
                if integratedFrom == nil { fail(integratedColumn, "found \(view.found(row, integratedColumn)); expected a program code (\(vocabulary.catalogs.programs.map(\.code).joined(separator: ", ")))") }
            }
            if amountEmpty {
                fail(amountColumn, "the source \(quoted(sourceText)) has no amount")
                continue
            }
            guard let amount = view.amount(row, amountColumn, diagnostics: &diagnostics) else { continue }
            sinceTotal.append(amount)
            if unit == nil && unitReported { continue }
            guard let money = money(amount, unit, row: row, column: amountColumn, diagnostics: &diagnostics) else {
                unitReported = true
                continue
            }
            guard ok, let source, let program else { continue }
            let basis = basisColumn.map { view.text(row, $0) } ?? ""
            entries.append(Entry(
                program: program, source: source, level: level, years: from...to, amount: money, integratedFrom: integratedFrom,
                provenance: view.provenance(row, amountColumn) + (basis.isEmpty ? "" : "; " + basis)))
        }
    }

    // MARK: Wide table by year

    struct WideHeader {
        let row: Int
        let labelColumn: Int
        /// Year → column.
        let years: [(year: Int, column: Int)]
        let totalColumn: Int?
        /// The years a total column stands for when it names them ("Giai đoạn 2021-2025").
        let totalSpan: ClosedRange<Int>?
    }

    static let wideLabels = Label("Nguồn vốn", "Source of funds", also: ["Nội dung", "Chỉ tiêu", "Chương trình, nguồn vốn", "Nguồn vốn, chương trình", "Source", "Item"])
    static let wideTotals = Label("Tổng", "Total", also: ["Tổng cộng", "Tổng số", "Cả giai đoạn", "Tổng vốn", "Cộng"])

    static func year(in text: String) -> Int? {
        var folded = Fold.key(text)
        for prefix in ["năm ", "year "] where folded.hasPrefix(prefix) { folded = String(folded.dropFirst(prefix.count)) }
        guard folded.count == 4, let year = Int(folded), (1990...2100).contains(year) else { return nil }
        return year
    }

    static func span(in text: String) -> ClosedRange<Int>? {
        guard let match = text.range(of: #"(19|20)[0-9]{2}\s*[-–]\s*(19|20)[0-9]{2}"#, options: .regularExpression) else { return nil }
        let parts = text[match].components(separatedBy: CharacterSet(charactersIn: "-–")).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let from = parts[0], let to = parts[1], from <= to else { return nil }
        return from...to
    }

    static func wideHeader(_ view: SheetView) -> WideHeader? {
        guard let found = view.headerRow([wideLabels]), view.lastColumn >= 0 else { return nil }
        let row = found.row
        // The header may span two rows (a merged "Kế hoạch vốn" over the years).
        let band = row...min(view.lastRow, row + 1)
        var years: [(Int, Int)] = []
        var total: Int?
        var span: ClosedRange<Int>?
        var last = row
        for column in 0...view.lastColumn where column != found.columns[0] {
            for r in band where r == row || view.isEmpty(r, found.columns[0]) {
                let text = view.text(r, column)
                if let year = year(in: text) {
                    years.append((year, column))
                    last = max(last, r)
                    break
                }
                if total == nil, wideTotals.matches(text) || (Fold.key(text).hasPrefix("giai đoạn") && Self.span(in: text) != nil) {
                    total = column
                    span = Self.span(in: text)
                    last = max(last, r)
                    break
                }
            }
        }
        guard !years.isEmpty || total != nil else { return nil }
        return WideHeader(row: last, labelColumn: found.columns[0],
                          years: years.map { (year: $0.0, column: $0.1) }, totalColumn: total, totalSpan: span)
    }

    private mutating func readWide(_ header: WideHeader, vocabulary: Vocabulary, phase: Phase, unit: MoneyUnit?, diagnostics: inout WorkbookDiagnostics) {
        for (year, column) in header.years where !phase.years.contains(year) {
            diagnostics.add(view.error(header.row, column, "the year \(year) is not in the phase \(phase.id) (\(phase.years.lowerBound)-\(phase.years.upperBound))"))
        }
        let span = header.totalSpan ?? phase.years
        if !(phase.years.contains(span.lowerBound) && phase.years.contains(span.upperBound)) {
            diagnostics.add(view.error(header.row, header.totalColumn ?? header.labelColumn, "the years \(span.lowerBound)-\(span.upperBound) are not within the phase \(phase.id)"))
            return
        }
        var lines: [WideLine] = []
        var parent: String?
        let amountColumns = header.years.map(\.column) + (header.totalColumn.map { [$0] } ?? [])
        guard header.row < view.lastRow else { return }
        for row in (header.row + 1)...view.lastRow {
            let label = view.text(row, header.labelColumn)
            var amounts: [Int: Decimal] = [:]
            for column in amountColumns {
                if let amount = view.amount(row, column, diagnostics: &diagnostics) { amounts[column] = amount }
            }
            if label.isEmpty {
                if !amounts.isEmpty { diagnostics.add(view.error(row, header.labelColumn, "amounts without a program or source")) }
                continue
            }
            if TotalRows.total.matches(Vocabulary.clean(label)) {
                lines.append(WideLine(row: row, kind: .total, amounts: amounts))
                continue
            }
            if let named = vocabulary.source(label, under: parent) {
                lines.append(WideLine(row: row, kind: .source(named), amounts: amounts))
                if vocabulary.catalogs.sources.contains(where: { $0.parent == named }) { parent = named }
                continue
            }
            if let named = vocabulary.program(label, phase: phase) {
                parent = nil
                lines.append(WideLine(row: row, kind: .program(named), amounts: amounts))
                continue
            }
            if !amounts.isEmpty {
                diagnostics.add(view.error(row, header.labelColumn, "found \(view.found(row, header.labelColumn)) where a program or a source of funds was expected; sources: \(vocabulary.sourceNames)"))
            }
        }
        // Which source rows are parents: a row followed, within its program, by rows of its children.
        var currentProgram: String? = phase.programCodes.count == 1 ? phase.programCodes[0] : nil
        var programOf: [Int: String] = [:]
        for line in lines {
            switch line.kind {
            case .program(let code): currentProgram = code
            case .source: if let currentProgram { programOf[line.row] = currentProgram }
            case .total: break
            }
        }
        func children(of index: Int) -> [Int] {
            guard case .source(let code) = lines[index].kind else { return [] }
            var found: [Int] = []
            var next = index + 1
            while next < lines.count, case .source(let child) = lines[next].kind, programOf[lines[next].row] == programOf[lines[index].row],
                vocabulary.catalogs.sources.first(where: { $0.code == child })?.parent == code {
                found.append(next)
                next += 1
            }
            return found
        }
        var envelopeAmounts: [Int: [Int: Decimal]] = [:]
        for (index, line) in lines.enumerated() {
            guard case .source(let code) = line.kind else { continue }
            let kids = children(of: index)
            if !kids.isEmpty {
                reconcile(line, parts: kids.map { lines[$0] }, columns: amountColumns, what: "source \(code)", diagnostics: &diagnostics)
                continue
            }
            guard let program = programOf[line.row] else {
                diagnostics.add(view.error(line.row, header.labelColumn, "the source \(quoted(view.text(line.row, header.labelColumn))) is under no program; put a program's row above it"))
                continue
            }
            let yearAmounts = header.years.compactMap { year, column in line.amounts[column].map { (year, column, $0) } }
            if let total = header.totalColumn, let stated = line.amounts[total], !yearAmounts.isEmpty {
                let sum = yearAmounts.reduce(Decimal(0)) { $0 + $1.2 }
                if sum != stated {
                    diagnostics.add(view.warning(line.row, total, "total of \(code): the workbook states \(Self.show(stated)); its years give \(Self.show(sum))"))
                }
            }
            var pieces: [(ClosedRange<Int>, Int, Decimal)] = yearAmounts.map { ($0.0...$0.0, $0.1, $0.2) }
            if pieces.isEmpty, let total = header.totalColumn, let amount = line.amounts[total] { pieces = [(span, total, amount)] }
            for (years, column, amount) in pieces where phase.years.contains(years.lowerBound) {
                guard let money = money(amount, unit, row: line.row, column: column, diagnostics: &diagnostics) else { return }
                envelopeAmounts[line.row, default: [:]][column] = amount
                entries.append(Entry(program: program, source: code, level: nil, years: years, amount: money, integratedFrom: nil, provenance: view.provenance(line.row, column)))
            }
        }
        // A program's row and the total row against the envelopes under them.
        for (index, line) in lines.enumerated() {
            switch line.kind {
            case .program(let code):
                var parts: [WideLine] = []
                var next = index + 1
                while next < lines.count {
                    if case .program = lines[next].kind { break }
                    if case .total = lines[next].kind { break }
                    if envelopeAmounts[lines[next].row] != nil { parts.append(lines[next]) }
                    next += 1
                }
                reconcile(line, parts: parts, columns: amountColumns, what: "program \(code)", spanFill: header, diagnostics: &diagnostics)
            case .total:
                let parts = lines[..<index].filter { envelopeAmounts[$0.row] != nil }
                reconcile(line, parts: Array(parts), columns: amountColumns, what: "the total", spanFill: header, diagnostics: &diagnostics)
            case .source: break
            }
        }
    }

    /// A stated row against the sum of its parts, column by column; where a part states only its total
    /// and `spanFill` has a total column, the part's years count there.
    private func reconcile(_ line: WideLine, parts: [WideLine], columns: [Int], what: Message, spanFill: WideHeader? = nil, diagnostics: inout WorkbookDiagnostics) {
        for column in columns {
            guard let value = line.amounts[column] else { continue }
            var sum = Decimal(0)
            for part in parts {
                if let amount = part.amounts[column] {
                    sum += amount
                } else if let header = spanFill, column == header.totalColumn {
                    sum += header.years.reduce(Decimal(0)) { $0 + (part.amounts[$1.column] ?? 0) }
                }
            }
            if sum != value {
                diagnostics.add(view.warning(line.row, column, "\(what): the workbook states \(Self.show(value)); its rows give \(Self.show(sum)) (rows \(parts.map { String($0.row + 1) }.joined(separator: ", ")))"))
            }
        }
    }
}

/// One row of a wide capital table: a program's heading, a source, or the total, with the amounts it
/// states by column.
private struct WideLine {
    enum Kind { case program(String), source(String), total }
    let row: Int
    let kind: Kind
    let amounts: [Int: Decimal]
}
