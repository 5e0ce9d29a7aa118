import CXlsxWriter
import Foundation
import NTPFiles

extension Workbook {
    /// Writes the workbook to `url` atomically (`OutputFile`): it is validated first, written to a
    /// temporary file in the same folder and renamed over `url` only when libxlsxwriter has finished
    /// without an error. `url` must be a regular file or a new path (a folder, device, named pipe or
    /// symbolic link is refused, a `FileError`). A failure leaves no file behind and `url` as it was.
    public func write(to url: URL) throws {
        try validate()
        try OutputFile.write(to: url.path) { temporary in try writeUnchecked(to: temporary) }
    }

    private func writeUnchecked(to path: String) throws {
        guard let workbook = workbook_new(path) else {
            throw XLSXError("cannot create a workbook at \(path) (libxlsxwriter could not allocate it)")
        }
        var failure: XLSXError?
        do {
            try fill(workbook)
        } catch let error as XLSXError {
            failure = error
        }
        // workbook_close writes the file and frees the workbook in every case.
        let closed = workbook_close(workbook)
        if let failure { throw failure }
        if closed != LXW_NO_ERROR {
            throw XLSXError("cannot write \(path): \(String(cString: lxw_strerror(closed)))")
        }
    }

    private func fill(_ workbook: UnsafeMutablePointer<lxw_workbook>) throws {
        try setProperties(workbook)
        var formats = FormatCache(workbook: workbook)
        for sheet in sheets {
            guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
                throw XLSXError(sheet: sheet.name, "libxlsxwriter refused the sheet name")
            }
            try sheet.fill(worksheet, formats: &formats)
        }
    }

    private func setProperties(_ workbook: UnsafeMutablePointer<lxw_workbook>) throws {
        guard title != nil || author != nil || comments != nil else { return }
        let title = title.map { strdup($0) } ?? nil, author = author.map { strdup($0) } ?? nil
        let comments = comments.map { strdup($0) } ?? nil
        defer { free(title); free(author); free(comments) }
        var properties = lxw_doc_properties()
        properties.title = title
        properties.author = author
        properties.comments = comments
        try check(workbook_set_properties(workbook, &properties), sheet: nil, cell: nil, "the document properties")
    }
}

extension Sheet {
    fileprivate func fill(_ worksheet: UnsafeMutablePointer<lxw_worksheet>, formats: inout FormatCache) throws {
        for (column, width) in columnWidths.sorted(by: { $0.key < $1.key }) {
            let col = lxw_col_t(column)
            try check(worksheet_set_column(worksheet, col, col, width, nil), sheet: name, cell: CellAddress.columnName(column), "the column width")
        }
        for (row, height) in rowHeights.sorted(by: { $0.key < $1.key }) {
            try check(worksheet_set_row(worksheet, lxw_row_t(row), height, nil), sheet: name, cell: "row \(row + 1)", "the row height")
        }
        let merged = Set(merges.map(\.first))
        for (address, cell) in cells.sorted(by: { $0.key < $1.key }) where !merged.contains(address) {
            let row = lxw_row_t(address.row), col = lxw_col_t(address.column)
            let format = formats.format(for: cell.style)
            let status: lxw_error
            switch cell.value {
            case .blank: status = worksheet_write_blank(worksheet, row, col, format)
            case .text(let text): status = worksheet_write_string(worksheet, row, col, text, format)
            case .number(let value): status = worksheet_write_number(worksheet, row, col, value, format)
            case .formula(let formula, let cached):
                status = worksheet_write_formula_num(worksheet, row, col, formula.hasPrefix("=") ? formula : "=" + formula, format, cached)
            }
            try check(status, sheet: name, cell: address.description, "the cell")
        }
        for range in merges {
            let cell = cells[range.first]
            let format = formats.format(for: cell?.style ?? CellStyle())
            let status: lxw_error
            switch cell?.value {
            case .number(let value):
                // worksheet_merge_range writes text; a number goes into the first cell afterwards.
                status = worksheet_merge_range(worksheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                    lxw_row_t(range.last.row), lxw_col_t(range.last.column), "", format)
                if status == LXW_NO_ERROR {
                    try check(worksheet_write_number(worksheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column), value, format),
                        sheet: name, cell: range.first.description, "the merged cell")
                }
            case .text(let text):
                status = worksheet_merge_range(worksheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                    lxw_row_t(range.last.row), lxw_col_t(range.last.column), text, format)
            case .formula, .blank, nil:
                status = worksheet_merge_range(worksheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                    lxw_row_t(range.last.row), lxw_col_t(range.last.column), "", format)
            }
            try check(status, sheet: name, cell: range.description, "the merged range")
        }
        if frozenRows > 0 || frozenColumns > 0 {
            worksheet_freeze_panes(worksheet, lxw_row_t(frozenRows), lxw_col_t(frozenColumns))
        }
        for validation in validations { try write(validation, to: worksheet) }
        if let range = autoFilter {
            try check(worksheet_autofilter(worksheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column), lxw_row_t(range.last.row), lxw_col_t(range.last.column)),
                sheet: name, cell: range.description, "the filter")
        }
        if let protection {
            var options = lxw_protection()
            options.format_columns = protection.formatColumns ? 1 : 0
            options.format_rows = protection.formatRows ? 1 : 0
            options.autofilter = protection.useAutoFilter ? 1 : 0
            options.sort = protection.sort ? 1 : 0
            options.insert_rows = protection.insertRows ? 1 : 0
            options.delete_rows = protection.deleteRows ? 1 : 0
            worksheet_protect(worksheet, nil, &options)
        }
        if hidden { worksheet_hide(worksheet) }
        if landscape { worksheet_set_landscape(worksheet) }
        if fitToPageWidth { worksheet_fit_to_pages(worksheet, 1, 0) }
        if let rows = printTitleRows {
            try check(worksheet_repeat_rows(worksheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)), sheet: name, cell: nil, "the print title rows")
        }
    }
}

extension Sheet {
    /// libxlsxwriter copies every string of the rule, so the C strings live only for the call.
    fileprivate func write(_ validation: DataValidation, to worksheet: UnsafeMutablePointer<lxw_worksheet>) throws {
        var rule = lxw_data_validation()
        var strings: [UnsafeMutablePointer<CChar>?] = []
        defer { for string in strings { free(string) } }
        func c(_ text: String) -> UnsafeMutablePointer<CChar>? {
            let copy = strdup(text)
            strings.append(copy)
            return copy
        }
        var list: [UnsafeMutablePointer<CChar>?] = []
        switch validation.rule {
        case .list(let values):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            list = values.map(c) + [nil]
        case .listFrom(let formula):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            rule.value_formula = c(formula.hasPrefix("=") ? formula : "=" + formula)
        case .wholeNumber(let bounds):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            rule.minimum_number = Double(bounds.lowerBound)
            rule.maximum_number = Double(bounds.upperBound)
        case .decimal(let bounds):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            rule.minimum_number = bounds.lowerBound
            rule.maximum_number = bounds.upperBound
        }
        rule.ignore_blank = UInt8((validation.allowBlank ? LXW_VALIDATION_ON : LXW_VALIDATION_OFF).rawValue)
        if let prompt = validation.prompt {
            rule.input_title = c(prompt.title)
            rule.input_message = c(prompt.text)
        }
        if let error = validation.error {
            rule.error_title = c(error.title)
            rule.error_message = c(error.text)
        }
        let range = validation.range
        let status = list.withUnsafeMutableBufferPointer { buffer -> lxw_error in
            if !buffer.isEmpty { rule.value_list = buffer.baseAddress }
            return worksheet_data_validation_range(
                worksheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column), lxw_row_t(range.last.row), lxw_col_t(range.last.column), &rule)
        }
        try check(status, sheet: name, cell: range.description, "the data validation")
    }
}

/// One libxlsxwriter format per distinct style; the workbook owns and frees them.
private struct FormatCache {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]

    mutating func format(for style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        if style == CellStyle() { return nil }
        if let format = formats[style] { return format }
        guard let format = workbook_add_format(workbook) else { return nil }
        if style.bold { format_set_bold(format) }
        if style.italic { format_set_italic(format) }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if let numberFormat = style.numberFormat { format_set_num_format(format, numberFormat) }
        switch style.alignment {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        if style.verticalCenter { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)) }
        if style.wrap { format_set_text_wrap(format) }
        if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if !style.locked { format_set_unlocked(format) }
        if let fill = style.fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(fill))
        }
        formats[style] = format
        return format
    }
}

private func check(_ status: lxw_error, sheet: String?, cell: String?, _ what: String) throws {
    if status != LXW_NO_ERROR {
        throw XLSXError(sheet: sheet, cell: cell, "libxlsxwriter refused \(what): \(String(cString: lxw_strerror(status)))")
    }
}
