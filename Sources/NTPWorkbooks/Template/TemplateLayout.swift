import Foundation
import NTPData
import NTPDomain
import NTPText
import XLSXSwift

/// The sheets of the template, laid out as a finance officer reads them: a title and a note over each
/// table, a bold shaded header, the cells to fill unlocked (white), the rest protected (shaded).
struct TemplateLayout {
    let lang: Language
    let phase: Phase
    let set: CriteriaSet
    let unit: MoneyUnit
    let horizon: ClosedRange<Int>
    let catalogs: Catalogs
    let blankRows: Int
    let scopeID: String?
    let prefill: WorkbookScenario?

    var workbook: Workbook {
        var book = Workbook(
            title: lang("Allocation scenario template"),
            author: "ntp template",
            comments: lang("Fill in the white cells, then run: ntp import FILE.xlsx --out FOLDER"))
        book.sheets = [instructions, scenario, communes, status, capital, overrides, lists]
        for index in book.sheets.indices where book.sheets[index].name != SheetNames.lists.text(lang) {
            book.sheets[index].landscape = true
            book.sheets[index].fitToPageWidth = true
        }
        return book
    }

    // MARK: Styles

    static let headerFill: UInt32 = 0xD9E1F2
    static let lockedFill: UInt32 = 0xF2F2F2
    static let totalFill: UInt32 = 0xE7E6E6

    var title: CellStyle { CellStyle(bold: true, fontSize: 14) }
    var note: CellStyle { CellStyle(italic: true) }
    var header: CellStyle { CellStyle(bold: true, alignment: .center, verticalCenter: true, wrap: true, border: true, fill: Self.headerFill) }
    var label: CellStyle { CellStyle(verticalCenter: true, wrap: true, border: true, fill: Self.lockedFill) }
    var fixed: CellStyle { CellStyle(alignment: .center, border: true, fill: Self.lockedFill) }
    var input: CellStyle { CellStyle(verticalCenter: true, border: true, locked: false) }
    var inputCenter: CellStyle { CellStyle(alignment: .center, border: true, locked: false) }
    var inputYear: CellStyle { CellStyle(numberFormat: "0", alignment: .center, border: true, locked: false) }
    var inputInteger: CellStyle { CellStyle(numberFormat: "0", alignment: .center, border: true, locked: false) }
    var inputMoney: CellStyle { CellStyle(numberFormat: "#,##0.0##", border: true, locked: false) }
    var totalLabel: CellStyle { CellStyle(bold: true, border: true, fill: Self.totalFill) }
    var totalNumber: CellStyle { CellStyle(bold: true, numberFormat: "#,##0", alignment: .center, border: true, fill: Self.totalFill) }
    var totalMoney: CellStyle { CellStyle(bold: true, numberFormat: "#,##0.0##", border: true, fill: Self.totalFill) }
    var totalMean: CellStyle { CellStyle(bold: true, numberFormat: "0.0", alignment: .center, border: true, fill: Self.totalFill) }

    var unitName: String { (lang == .vi ? unit.nameVi : unit.nameEn) }
    var years: [Int] { Array(horizon) }
    var span: String { "\(horizon.lowerBound)-\(horizon.upperBound)" }

    /// Tables a department extends: rows may be inserted and deleted; labels and formulas stay locked.
    static let tableProtection = SheetProtection(insertRows: true, deleteRows: true)

    func heading(_ sheet: inout Sheet, _ text: String, width: Int, notes: [String]) {
        sheet.set(0, 0, .text(text), title)
        if width > 1 { sheet.merge(CellRange(0, 0, 0, width - 1)) }
        for (index, line) in notes.enumerated() { sheet.set(1 + index, 0, .text(line), note) }
    }

    func headerRow(_ sheet: inout Sheet, row: Int, _ titles: [String], widths: [Double], height: Double = 45) {
        for (column, text) in titles.enumerated() { sheet.set(row, column, .text(text), header) }
        for (column, width) in widths.enumerated() { sheet.columnWidths[column] = width }
        sheet.rowHeights[row] = height
    }

    func number(_ value: Decimal) -> CellValue { .number(Double(value.description) ?? 0) }

    static func message(_ title: String, _ text: String) -> DataValidation.Message { .init(title: title, text: text) }

    var yesNo: [String] { [Answers.yes.text(lang), Answers.no.text(lang)] }

    func yesNoText(_ value: Bool?) -> CellValue { value.map { .text($0 ? Answers.yes.text(lang) : Answers.no.text(lang)) } ?? .blank }

    // MARK: Instructions

    var instructions: Sheet {
        var sheet = Sheet(name: SheetNames.instructions.text(lang))
        sheet.set(0, 0, .text(lang("HOW TO FILL IN THE SCENARIO TEMPLATE")), title)
        let lines: [String] = lang == .vi ? [
            "Mẫu này mô tả một huyện hoặc một tỉnh để lập kế hoạch phân bổ vốn: các xã, tiêu chí đã đạt và dự kiến đạt, các nguồn vốn và chính sách.",
            "Chỉ điền vào các ô trắng. Ô có nền xám (tiêu đề, công thức, giai đoạn, bộ tiêu chí, đơn vị tiền) được khóa để tránh sửa nhầm; không cần mật khẩu.",
            "Giai đoạn: \(phase.id). Bộ tiêu chí: \(set.nameVi) (\(set.id), \(set.criteria.count) tiêu chí). Năm kế hoạch: \(span). Đơn vị tiền: \(unitName).",
            "1. Trang \(SheetNames.scenario.vi): tên kịch bản, mã và tên địa bàn (huyện hoặc tỉnh), năm đầu, năm cuối, số tiêu chí tối đa và tối thiểu mỗi xã mỗi năm, các mục tiêu bắt buộc.",
            "2. Trang \(SheetNames.communes.vi): mỗi xã một dòng. Mã xã có thể để trống: xã đã có trong dữ liệu được tìm theo tên; xã mới được đặt mã theo tên. Đánh dấu xã đặc biệt khó khăn, biên giới, an toàn khu, vùng dân tộc thiểu số (I, II, III) nếu có căn cứ.",
            "3. Trang \(SheetNames.status.vi): biểu kế hoạch thực hiện tiêu chí. Mỗi ô: \"x\" là tiêu chí đã đạt; một năm (\(span)) là năm dự kiến đạt; để trống là chưa đạt. Cột KQ và các dòng tổng tự tính.",
            "4. Trang \(SheetNames.capital.vi): mỗi khoản vốn một dòng: chương trình, nguồn vốn, cấp ngân sách (nếu có), từ năm, đến năm, số tiền (\(unitName)) và căn cứ (văn bản, dòng).",
            "5. Trang \(SheetNames.overrides.vi) (không bắt buộc): chi phí do địa phương tự ước tính cho một tiêu chí của một xã, thay cho định mức.",
            "Xong thì lưu tệp (.xlsx) và chạy: ntp import TỆP.xlsx --out THƯ_MỤC. Lệnh kiểm tra từng ô; mọi lỗi được liệt kê một lượt theo dạng TỆP.xlsx:Trang!Ô: error: …, và không ghi gì khi còn lỗi.",
            "Sau đó: ntp plan THƯ_MỤC/scenario.yaml --out kehoach.json, rồi ntp export kehoach.json --format xlsx --out kehoach.xlsx.",
        ] : [
            "This template describes a district or a province for capital allocation planning: its communes, the criteria met and planned, the capital and the policy.",
            "Fill in the white cells only. Shaded cells (labels, formulas, the phase, the criteria set, the money unit) are locked against mistakes; no password is needed.",
            "Phase: \(phase.id). Criteria set: \(set.nameEn) (\(set.id), \(set.criteria.count) criteria). Years of the plan: \(span). Money in \(unitName).",
            "1. Sheet \(SheetNames.scenario.en): the scenario's name, the area's id and name (district or province), first and last year, at most and at least criteria per commune a year, required targets.",
            "2. Sheet \(SheetNames.communes.en): one row per commune. The id may be left empty: a commune the data has is found by its name; a new one gets an id from its name. Mark especially difficult, border, safe-zone communes and the ethnic minority zone (I, II, III) where a source says so.",
            "3. Sheet \(SheetNames.status.en): the criteria status. Each cell: \"x\" for a criterion met; a year (\(span)) for the year it is planned; empty when not met. The count column and the total rows compute themselves.",
            "4. Sheet \(SheetNames.capital.en): one row per envelope: program, source, budget level (optional), first and last year, amount (\(unitName)) and its source (document, line).",
            "5. Sheet \(SheetNames.overrides.en) (optional): a cost the department estimates itself for one criterion of one commune, replacing the norm.",
            "Then save the file (.xlsx) and run: ntp import FILE.xlsx --out FOLDER. Every cell is checked; all errors are listed in one run as FILE.xlsx:Sheet!Cell: error: …, and nothing is written while there is one.",
            "Then: ntp plan FOLDER/scenario.yaml --out plan.json, and ntp export plan.json --format xlsx --out plan.xlsx.",
        ]
        for (index, line) in lines.enumerated() {
            sheet.set(2 + index, 0, .text(line), CellStyle(verticalCenter: true, wrap: true))
            sheet.rowHeights[2 + index] = 48
        }
        sheet.columnWidths[0] = 120
        sheet.protection = SheetProtection()
        return sheet
    }

    // MARK: Scenario and policy

    /// Column A the label, B the value, C what it means.
    var scenario: Sheet {
        var sheet = Sheet(name: SheetNames.scenario.text(lang))
        heading(&sheet, lang("SCENARIO AND POLICY"), width: 3, notes: [
            lang("Fill in the white cells of column B; an empty policy is not applied."),
        ])
        headerRow(&sheet, row: 3, [lang("Item"), lang("Value"), lang("Meaning")], widths: [44, 34, 80], height: 20)
        let scope = scopeID.flatMap { catalogs.localities[$0] }
        let policy = prefill?.policy
        let newScope = prefill.flatMap { p in p.newLocalities.first { $0.id == p.scopeID } }
        let kindsChosen = policy?.kinds.map(Set.init)
        var rows: [(Label, CellValue, CellStyle, String, DataValidation.Rule?)] = [
            (ScenarioFields.name, prefill.map { .text($0.name) } ?? .blank, input,
             lang("A short name, e.g. Quảng Hòa 2022-2025"), nil),
            (ScenarioFields.description, prefill?.description.map { .text($0) } ?? .blank, input, lang("Optional"), nil),
            (ScenarioFields.phase, .text(phase.id), fixed, lang("Chosen when the template was made (ntp template --phase)"), nil),
            (ScenarioFields.criteriaSet, .text(set.id), fixed, (lang == .vi ? set.nameVi : set.nameEn), nil),
            (ScenarioFields.scope, (prefill?.scopeID ?? scopeID).map { .text($0) } ?? .blank, input,
             lang("The district's or province's id in the data (ntp show), e.g. cao-bang/quang-hoa; a new area: province-id/name-in-ascii"), nil),
            (ScenarioFields.scopeName, (newScope?.name ?? scope?.name).map { .text($0) } ?? .blank, input,
             lang("The area's name; required when the data does not know the area"), nil),
            (ScenarioFields.scopeLevel, (newScope ?? scope).map { .text(levelName($0.level)) } ?? .blank, input,
             lang("district or province; required for a new area"),
             .list([levelName(.district), levelName(.province)])),
            (ScenarioFields.scopeParent, newScope?.parentID.map { .text($0) } ?? .blank, input,
             lang("When a new area is a district: its province's id, e.g. cao-bang"), nil),
            (ScenarioFields.unit, .text(unitName), fixed, lang("The unit of every amount in the file"), nil),
            (ScenarioFields.firstYear, .number(Double(horizon.lowerBound)), inputYear,
             lang("First year planned (\(phase.years.lowerBound)-\(phase.years.upperBound))"),
             .wholeNumber(phase.years.lowerBound...phase.years.upperBound)),
            (ScenarioFields.lastYear, .number(Double(horizon.upperBound)), inputYear, lang("Last year planned"),
             .wholeNumber(phase.years.lowerBound...phase.years.upperBound)),
            (ScenarioFields.capacity, policy?.capacity.map { .number(Double($0)) } ?? .blank, inputInteger,
             lang("Capacity: the most criteria a commune completes in a year"),
             .wholeNumber(1...100)),
            (ScenarioFields.minimumProgress, policy?.minimumProgress.map { .number(Double($0)) } ?? .blank, inputInteger,
             lang("Each commune not at standard gains at least this many criteria a year (on average)"),
             .wholeNumber(1...100)),
            (ScenarioFields.officialTargets, yesNoText(policy?.officialTargets), inputCenter,
             lang("yes: the years written in the criteria status are required targets"),
             .list(yesNo)),
        ]
        for (kind, text) in ScenarioFields.kinds {
            rows.append((text, kindsChosen.map { yesNoText($0.contains(kind)) } ?? .blank, inputCenter,
                         lang("yes/no; all four empty: every part is planned"), .list(yesNo)))
        }
        var row = 4
        for (label, value, style, meaning, rule) in rows {
            sheet.set(row, 0, .text(label.text(lang)), self.label)
            sheet.set(row, 1, value, style)
            sheet.set(row, 2, .text(meaning), CellStyle(italic: true, verticalCenter: true, wrap: true, border: true, fill: Self.lockedFill))
            if let rule { sheet.validate(DataValidation(CellRange(row, 1, row, 1), rule, error: Self.message(lang("Invalid value"), meaning))) }
            row += 1
        }
        row += 1
        sheet.set(row, 0, .text(ScenarioFields.targets.text(lang)), CellStyle(bold: true))
        sheet.set(row, 1, .text(lang("One target a row: a commune at standard by the year (criterion empty), one criterion of a commune, or a criterion in every commune (commune empty).")), note)
        row += 1
        for (column, text) in [Columns.target, Columns.targetCriterion, Columns.targetYear].enumerated() {
            sheet.set(row, column, .text(text.text(lang)), header)
        }
        row += 1
        let targets = policy?.targets ?? []
        let names = Dictionary((prefill?.communes ?? []).map { ($0.locality.id, $0.locality.name) }, uniquingKeysWith: { first, _ in first })
        let first = row
        for index in 0..<max(10, targets.count) {
            let target = index < targets.count ? targets[index] : nil
            sheet.set(row, 0, target?.commune.map { .text(names[$0] ?? $0) } ?? .blank, input)
            sheet.set(row, 1, target?.criterion.map { .text($0) } ?? .blank, inputCenter)
            sheet.set(row, 2, target?.year.map { .number(Double($0)) } ?? .blank, inputYear)
            row += 1
        }
        sheet.validate(DataValidation(CellRange(first, 1, row - 1, 1), .list(set.criteria.map(\.code))))
        sheet.validate(DataValidation(CellRange(first, 2, row - 1, 2), .wholeNumber(phase.years.lowerBound...phase.years.upperBound)))
        sheet.protection = SheetProtection()
        return sheet
    }

    func levelName(_ level: LocalityLevel) -> String {
        switch level {
        case .province: lang("province")
        case .district: lang("district")
        case .commune: lang("commune")
        case .village: lang("village")
        }
    }

    // MARK: Communes

    static let communesHeaderRow = 3

    var communes: Sheet {
        var sheet = Sheet(name: SheetNames.communes.text(lang))
        heading(&sheet, lang("COMMUNES"), width: 10, notes: [
            lang("Commune id empty: a commune the data has is found by its name within the area; a new one gets an id from its name. Parent id empty: the area."),
        ])
        let row0 = Self.communesHeaderRow
        headerRow(&sheet, row: row0, [
            Columns.number.text(lang), Columns.communeID.text(lang), Columns.communeName.text(lang), Columns.unitType.text(lang), Columns.parentID.text(lang),
            Columns.especiallyDifficult.text(lang), Columns.border.text(lang), Columns.safeZone.text(lang), Columns.ethnicZone.text(lang), Columns.basis.text(lang),
        ], widths: [5, 34, 22, 10, 24, 11, 10, 10, 11, 40])
        let prefilled = prefill?.communes ?? []
        let count = prefilled.isEmpty ? blankRows : prefilled.count
        for index in 0..<count {
            let row = row0 + 1 + index
            let commune = index < prefilled.count ? prefilled[index].locality : nil
            sheet.set(row, 0, .number(Double(index + 1)), fixed)
            sheet.set(row, 1, commune.map { .text($0.id) } ?? .blank, input)
            sheet.set(row, 2, commune.map { .text($0.name) } ?? .blank, input)
            sheet.set(row, 3, commune.map { .text($0.unitType) } ?? .blank, inputCenter)
            sheet.set(row, 4, commune?.parentID.map { $0 == scopeID ? .blank : .text($0) } ?? .blank, input)
            sheet.set(row, 5, yesNoText(commune?.especiallyDifficult), inputCenter)
            sheet.set(row, 6, yesNoText(commune?.border), inputCenter)
            sheet.set(row, 7, yesNoText(commune?.safeZone), inputCenter)
            sheet.set(row, 8, commune?.ethnicZone.map { .text($0.rawValue) } ?? .blank, inputCenter)
            sheet.set(row, 9, commune.map { .text($0.provenance.text) } ?? .blank, input)
        }
        let last = row0 + count
        sheet.validate(DataValidation(CellRange(row0 + 1, 3, last, 3), .list(lang == .vi ? ["xã", "phường", "thị trấn"] : ["xã", "phường", "thị trấn", "commune", "ward", "town"])))
        sheet.validate(DataValidation(CellRange(row0 + 1, 5, last, 7), .list(yesNo)))
        sheet.validate(DataValidation(CellRange(row0 + 1, 8, last, 8), .list(EthnicZone.allCases.map(\.rawValue))))
        sheet.frozenRows = row0 + 1
        sheet.frozenColumns = 3
        sheet.autoFilter = CellRange(row0, 0, last, 9)
        sheet.protection = Self.tableProtection
        return sheet
    }

    // MARK: Criteria status ("Biểu")

    static let statusHeaderRow = 4

    var status: Sheet {
        var sheet = Sheet(name: SheetNames.status.text(lang))
        let criteria = set.criteria
        let width = 3 + criteria.count
        let scopeName = (prefill?.scopeID ?? scopeID).flatMap { id in catalogs.localities[id]?.name ?? prefill?.newLocalities.first { $0.id == id }?.name }
        heading(&sheet, lang("SCHEDULE OF NEW RURAL CRITERIA, ") + span, width: width, notes: [
            lang("Area: ") + (scopeName ?? "…") + " · " + (lang == .vi ? set.nameVi : set.nameEn),
            lang("\"x\": criterion met; a year (\(span)): the year it is planned; empty: not met."),
        ])
        let row0 = Self.statusHeaderRow
        headerRow(&sheet, row: row0, [Columns.number.text(lang), Columns.commune.text(lang), Columns.criteriaMet.text(lang)] + criteria.map { (lang == .vi ? $0.nameVi : $0.nameEn) },
                  widths: [5, 22, 10] + criteria.map { _ in 9 }, height: 90)
        // The column letters of the seeds' tables: A, B, C, then the criteria's numbers.
        for (column, letter) in (["A", "B", "C"] + criteria.map(\.code)).enumerated() {
            sheet.set(row0 + 1, column, .text(letter), CellStyle(italic: true, alignment: .center, border: true, fill: Self.lockedFill))
        }
        let prefilled = prefill?.communes ?? []
        let count = prefilled.isEmpty ? blankRows : prefilled.count
        let firstRow = row0 + 2, lastRow = row0 + 1 + count
        let firstLetter = CellAddress.columnName(3), lastLetter = CellAddress.columnName(2 + criteria.count)
        var metCounts: [Int] = []
        for index in 0..<count {
            let row = firstRow + index
            let commune = index < prefilled.count ? prefilled[index] : nil
            sheet.set(row, 0, .number(Double(index + 1)), fixed)
            sheet.set(row, 1, commune.map { .text($0.locality.name) } ?? .blank, input)
            var met = 0
            for (offset, criterion) in criteria.enumerated() {
                switch commune?.status[criterion.code]?.state {
                case .met?:
                    met += 1
                    sheet.set(row, 3 + offset, .text("x"), inputCenter)
                case .planned(let year)?: sheet.set(row, 3 + offset, .number(Double(year)), inputYear)
                case .missing?, nil: sheet.set(row, 3 + offset, .blank, inputCenter)
                }
            }
            metCounts.append(met)
            sheet.set(row, 2, .formula("COUNTIF(\(firstLetter)\(row + 1):\(lastLetter)\(row + 1),\"x\")", cached: Double(met)),
                      CellStyle(numberFormat: "0", alignment: .center, border: true, fill: Self.lockedFill))
        }
        sheet.validate(DataValidation(
            CellRange(firstRow, 3, lastRow, 2 + criteria.count), .list(["x"] + years.map(String.init)),
            prompt: Self.message(lang("Criterion"), lang("x: met; a year: planned; empty: not met")),
            error: Self.message(lang("Invalid value"), lang("Write x, a year \(span), or leave it empty."))))

        // Totals, as the seeds write them: the communes meeting each criterion, per year the criteria
        // planned, and the mean of criteria met per commune.
        var row = lastRow + 1
        let range = { (column: Int) in "\(CellAddress.columnName(column))\(firstRow + 1):\(CellAddress.columnName(column))\(lastRow + 1)" }
        func communes(_ column: Int, _ what: WorkbookScenario.CriterionStatus.State) -> Int {
            prefilled.filter { $0.status[criteria[column - 3].code]?.state == what }.count
        }
        sheet.set(row, 0, .blank, totalLabel)
        sheet.set(row, 1, .text(TotalRows.total.text(lang)), totalLabel)
        sheet.set(row, 2, .formula("SUM(\(range(2)))", cached: Double(metCounts.reduce(0, +))), totalNumber)
        for column in 3..<(3 + criteria.count) {
            sheet.set(row, column, .formula("COUNTIF(\(range(column)),\"x\")", cached: Double(communes(column, .met))), totalNumber)
        }
        row += 1
        for year in years {
            sheet.set(row, 0, .blank, totalLabel)
            sheet.set(row, 1, .text(lang("Met in ") + String(year)), totalLabel)
            let planned = (3..<(3 + criteria.count)).map { communes($0, .planned(year)) }
            sheet.set(row, 2, .formula("COUNTIF(\(firstLetter)\(firstRow + 1):\(lastLetter)\(lastRow + 1),\(year))", cached: Double(planned.reduce(0, +))), totalNumber)
            for column in 3..<(3 + criteria.count) {
                sheet.set(row, column, .formula("COUNTIF(\(range(column)),\(year))", cached: Double(planned[column - 3])), totalNumber)
            }
            row += 1
        }
        let named = prefilled.count
        let mean = named == 0 ? 0 : Double(metCounts.reduce(0, +)) / Double(named)
        sheet.set(row, 0, .blank, totalLabel)
        sheet.set(row, 1, .text(TotalRows.average.text(lang)), totalLabel)
        sheet.set(row, 2, .formula("IF(COUNTA(\(range(1)))=0,0,SUM(\(range(2)))/COUNTA(\(range(1))))", cached: mean), totalMean)
        sheet.frozenRows = firstRow
        sheet.frozenColumns = 2
        sheet.printTitleRows = row0...(row0 + 1)
        sheet.protection = Self.tableProtection
        return sheet
    }

    // MARK: Capital

    static let capitalHeaderRow = 3

    var capital: Sheet {
        var sheet = Sheet(name: SheetNames.capital.text(lang))
        heading(&sheet, lang("CAPITAL BY PROGRAM, SOURCE, LEVEL AND YEARS"), width: 9, notes: [
            lang("Amounts in ") + unitName,
            lang("One envelope a row; an envelope for several years: from the first to the last; for one year: the same year twice."),
        ])
        let row0 = Self.capitalHeaderRow
        headerRow(&sheet, row: row0, [
            Columns.number.text(lang), Columns.program.text(lang), Columns.source.text(lang), Columns.level.text(lang), Columns.firstYear.text(lang),
            Columns.lastYear.text(lang), Columns.amount.text(lang) + " (\(unitName))", Columns.integratedFrom.text(lang), Columns.basis.text(lang),
        ], widths: [5, 16, 44, 12, 9, 9, 16, 14, 50])
        let envelopes = prefill?.envelopes ?? []
        let count = envelopes.isEmpty ? min(blankRows, 30) : envelopes.count + 5
        for index in 0..<count {
            let row = row0 + 1 + index
            let envelope = index < envelopes.count ? envelopes[index] : nil
            sheet.set(row, 0, .number(Double(index + 1)), fixed)
            sheet.set(row, 1, envelope.map { .text($0.program) } ?? .blank, inputCenter)
            sheet.set(row, 2, envelope.flatMap { e in catalogs.source(e.source).map { .text((lang == .vi ? $0.nameVi : $0.nameEn)) } } ?? .blank, input)
            sheet.set(row, 3, envelope?.level.map { .text(budgetLevelName($0)) } ?? .blank, inputCenter)
            sheet.set(row, 4, envelope.map { .number(Double($0.years.lowerBound)) } ?? .blank, inputYear)
            sheet.set(row, 5, envelope.map { .number(Double($0.years.upperBound)) } ?? .blank, inputYear)
            sheet.set(row, 6, envelope.map { number($0.amount.amount(in: unit)) } ?? .blank, inputMoney)
            sheet.set(row, 7, envelope?.integratedFrom.map { .text($0) } ?? .blank, inputCenter)
            sheet.set(row, 8, envelope.map { .text($0.provenance.text) } ?? .blank, input)
        }
        let last = row0 + count
        let total = envelopes.reduce(Decimal(0)) { $0 + $1.amount.amount(in: unit) }
        sheet.set(last + 1, 0, .blank, totalLabel)
        sheet.set(last + 1, 1, .text(TotalRows.total.text(lang)), totalLabel)
        for column in [2, 3, 4, 5, 7, 8] { sheet.set(last + 1, column, .blank, totalLabel) }
        sheet.set(last + 1, 6, .formula("SUM(G\(row0 + 2):G\(last + 1))", cached: Double(total.description) ?? 0), totalMoney)
        let programs = catalogs.programs.map(\.code)
        sheet.validate(DataValidation(CellRange(row0 + 1, 1, last, 1), .list(phase.programCodes)))
        sheet.validate(DataValidation(CellRange(row0 + 1, 2, last, 2), .listFrom("'\(SheetNames.lists.text(lang))'!$A$2:$A$\(1 + catalogs.sources.count)")))
        sheet.validate(DataValidation(CellRange(row0 + 1, 3, last, 3), .list(GovernmentLevel.allCases.map(budgetLevelName))))
        sheet.validate(DataValidation(CellRange(row0 + 1, 4, last, 5), .wholeNumber(phase.years.lowerBound...phase.years.upperBound)))
        sheet.validate(DataValidation(CellRange(row0 + 1, 6, last, 6), .decimal(0...1e15)))
        sheet.validate(DataValidation(CellRange(row0 + 1, 7, last, 7), .list(programs)))
        sheet.frozenRows = row0 + 1
        sheet.autoFilter = CellRange(row0, 0, last, 8)
        sheet.protection = Self.tableProtection
        return sheet
    }

    func budgetLevelName(_ level: GovernmentLevel) -> String {
        switch level {
        case .central: lang("central")
        case .province: lang("province")
        case .district: lang("district")
        case .commune: lang("commune")
        }
    }

    // MARK: Cost overrides

    static let overridesHeaderRow = 3

    var overrides: Sheet {
        var sheet = Sheet(name: SheetNames.overrides.text(lang))
        heading(&sheet, lang("COSTS THE DEPARTMENT ESTIMATES (OPTIONAL)"), width: 9, notes: [
            lang("Each row replaces the norm's cost of one criterion in one commune. The four shares add up to 100, or are all empty to keep the norm's. Unit: ") + unitName,
        ])
        let row0 = Self.overridesHeaderRow
        headerRow(&sheet, row: row0, [
            Columns.number.text(lang), Columns.commune.text(lang), Columns.criterion.text(lang), Columns.cost.text(lang) + " (\(unitName))",
            Columns.construction.text(lang), Columns.recurrent.text(lang), Columns.credit.text(lang), Columns.communityEnterprise.text(lang), Columns.basis.text(lang),
        ], widths: [5, 22, 9, 14, 11, 11, 11, 13, 50])
        let overrides = prefill?.overrides ?? []
        let names = Dictionary((prefill?.communes ?? []).map { ($0.locality.id, $0.locality.name) }, uniquingKeysWith: { first, _ in first })
        let count = overrides.isEmpty ? 10 : overrides.count + 5
        for index in 0..<count {
            let row = row0 + 1 + index
            let item = index < overrides.count ? overrides[index] : nil
            sheet.set(row, 0, .number(Double(index + 1)), fixed)
            sheet.set(row, 1, item.map { .text(names[$0.locality] ?? $0.locality) } ?? .blank, input)
            sheet.set(row, 2, item.map { .text($0.criterion) } ?? .blank, inputCenter)
            sheet.set(row, 3, item.map { number($0.amount.amount(in: unit)) } ?? .blank, inputMoney)
            for (offset, kind) in MoneyKind.allCases.enumerated() {
                sheet.set(row, 4 + offset, item?.split?[kind].map { .number(Double($0)) } ?? .blank, inputInteger)
            }
            sheet.set(row, 8, item.map { .text($0.basis) } ?? .blank, input)
        }
        let last = row0 + count
        sheet.validate(DataValidation(CellRange(row0 + 1, 2, last, 2), .list(set.criteria.map(\.code))))
        sheet.validate(DataValidation(CellRange(row0 + 1, 3, last, 3), .decimal(0...1e15)))
        sheet.validate(DataValidation(CellRange(row0 + 1, 4, last, 7), .wholeNumber(0...100)))
        sheet.frozenRows = row0 + 1
        sheet.protection = Self.tableProtection
        return sheet
    }

    // MARK: Lists (hidden)

    var lists: Sheet {
        var sheet = Sheet(name: SheetNames.lists.text(lang))
        let headers = [lang("Source"), lang("Source code"), "", lang("Program"),
                       lang("Program name"), "", lang("Criterion"), lang("Criterion name")]
        for (column, text) in headers.enumerated() where !text.isEmpty { sheet.set(0, column, .text(text), CellStyle(bold: true)) }
        for (index, source) in catalogs.sources.enumerated() {
            sheet.set(1 + index, 0, .text((lang == .vi ? source.nameVi : source.nameEn)))
            sheet.set(1 + index, 1, .text(source.code))
        }
        for (index, program) in catalogs.programs.enumerated() {
            sheet.set(1 + index, 3, .text(program.code))
            sheet.set(1 + index, 4, .text((lang == .vi ? program.nameVi : program.nameEn)))
        }
        for (index, criterion) in set.criteria.enumerated() {
            sheet.set(1 + index, 6, .text(criterion.code))
            sheet.set(1 + index, 7, .text((lang == .vi ? criterion.nameVi : criterion.nameEn)))
        }
        sheet.columnWidths = [0: 44, 1: 20, 3: 16, 4: 60, 6: 8, 7: 40]
        sheet.hidden = true
        sheet.protection = SheetProtection()
        return sheet
    }
}
