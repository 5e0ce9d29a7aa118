import Foundation
import NTPDomain
import NTPText

/// A text in both languages. The template writes one; the import recognises either, so that a
/// Vietnamese template filled in by an English-speaking colleague (or the reverse) still reads.
struct Label: Sendable {
    let vi: String
    let en: String
    /// Every spelling the import accepts, folded once: both languages, and `also` (a department's own
    /// headers).
    private let keys: Set<String>

    init(_ vi: String, _ en: String, also: [String] = []) {
        self.vi = vi
        self.en = en
        keys = Set(([vi, en] + also).map(Fold.key))
    }

    func text(_ lang: Language) -> String { lang == .vi ? vi : en }

    func matches(_ text: String) -> Bool {
        let key = Fold.key(text)
        return !key.isEmpty && keys.contains(key)
    }
}

/// How texts are compared: case, runs of spaces, line breaks and a trailing colon or asterisk do not
/// count; diacritics do (Swift compares composed and decomposed forms as equal).
enum Fold {
    static func key(_ text: String) -> String {
        var folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        while let last = folded.last, last == ":" || last == "*" { folded.removeLast() }
        return folded.trimmingCharacters(in: .whitespaces)
    }
}

/// The sheets of the template and of the product's own export that the import recognises by name.
enum SheetNames {
    static let instructions = Label("Hướng dẫn", "Instructions")
    static let scenario = Label("Kịch bản", "Scenario")
    static let communes = Label("Danh sách xã", "Communes")
    static let status = Label("Biểu tiêu chí", "Criteria status")
    static let capital = Label("Vốn", "Capital")
    static let overrides = Label("Chi phí riêng", "Cost overrides")
    static let lists = Label("Danh mục", "Lists")
    // The export's sheets (Sources/NTPReports/Export/XLSXExport.swift).
    static let exportSummary = Label("Tổng hợp", "Summary")
    static let exportSchedule = Label("Kế hoạch tiêu chí", "Criteria schedule")
    static let exportFunding = Label("Phân bổ chi tiết", "Funding")
    static let exportSourcesAndUses = Label("Cân đối nguồn vốn", "Sources and uses")
}

/// The rows of the scenario sheet (and of the export's summary), each a label in column A and its value
/// in column B.
enum ScenarioFields {
    static let name = Label("Tên kịch bản", "Scenario name", also: ["Kịch bản", "Scenario"])
    static let description = Label("Mô tả", "Description")
    static let phase = Label("Giai đoạn", "Phase")
    static let criteriaSet = Label("Bộ tiêu chí", "Criteria set")
    static let scope = Label("Mã địa bàn", "Area id")
    static let scopeName = Label("Tên địa bàn", "Area name")
    static let scopeLevel = Label("Cấp địa bàn", "Area level")
    static let scopeParent = Label("Mã tỉnh của địa bàn", "Province id of the area")
    static let unit = Label("Đơn vị tiền", "Money unit")
    static let firstYear = Label("Năm đầu kế hoạch", "First year of the plan")
    static let lastYear = Label("Năm cuối kế hoạch", "Last year of the plan")
    /// The export's summary lists the plan's years in one cell (`2022, 2023, 2024, 2025`).
    static let years = Label("Các năm", "Years")
    static let capacity = Label("Số tiêu chí tối đa mỗi xã mỗi năm", "At most criteria per commune a year")
    static let minimumProgress = Label("Số tiêu chí tối thiểu mỗi xã mỗi năm", "At least criteria per commune a year")
    static let officialTargets = Label("Giữ đúng năm ghi trong biểu tiêu chí", "Hold the years of the criteria status")
    static let kinds: [(MoneyKind, Label)] = [
        (.construction, Label("Lập kế hoạch phần vốn xây dựng", "Plan the construction part")),
        (.recurrent, Label("Lập kế hoạch phần vốn sự nghiệp", "Plan the recurrent part")),
        (.credit, Label("Lập kế hoạch phần vốn tín dụng", "Plan the credit part")),
        (.communityEnterprise, Label("Lập kế hoạch phần cộng đồng, doanh nghiệp", "Plan the community and enterprise part")),
    ]
    static let targets = Label("Mục tiêu bắt buộc", "Required targets")
}

/// Yes and no as the drop-downs write them.
enum Answers {
    static let yes = Label("có", "yes", also: ["c", "y", "x", "true", "1"])
    static let no = Label("không", "no", also: ["k", "n", "false", "0"])
}

/// Column headers of the template's tables; the import finds columns by these (and their other
/// spellings), never by position.
enum Columns {
    static let number = Label("TT", "No.", also: ["STT", "Số TT", "Số thứ tự"])
    static let commune = Label("Xã", "Commune", also: ["Tên xã", "Tên đơn vị", "Đơn vị", "Xã, phường, thị trấn", "Tên xã, phường, thị trấn"])
    static let criteriaMet = Label("KQ đạt số tiêu chí", "Criteria met", also: [
        "Số tiêu chí đạt", "Số tiêu chí đã đạt", "Tổng số tiêu chí đạt", "Criteria met before", "KQ đạt", "Kết quả đạt số tiêu chí",
    ])
    // The communes sheet.
    static let communeID = Label("Mã xã", "Commune id")
    static let communeName = Label("Tên xã", "Commune name")
    static let unitType = Label("Loại đơn vị", "Unit type")
    static let parentID = Label("Mã đơn vị cấp trên", "Parent id")
    static let especiallyDifficult = Label("Đặc biệt khó khăn", "Especially difficult")
    static let border = Label("Biên giới", "Border")
    static let safeZone = Label("An toàn khu", "Safe zone")
    static let ethnicZone = Label("Vùng dân tộc thiểu số", "Ethnic minority zone", also: ["Vùng DTTS", "Khu vực"])
    static let basis = Label("Căn cứ", "Source", also: ["Nguồn số liệu", "Ghi chú", "Căn cứ ước tính", "Basis", "Provenance"])
    // The capital sheet.
    static let program = Label("Chương trình", "Program", also: ["Chương trình MTQG"])
    static let source = Label("Nguồn vốn", "Source of funds", also: ["Source", "Nguồn"])
    static let level = Label("Cấp ngân sách", "Budget level", also: ["Cấp", "Level"])
    static let firstYear = Label("Từ năm", "From", also: ["From year"])
    static let lastYear = Label("Đến năm", "To", also: ["To year"])
    static let year = Label("Năm", "Year")
    static let amount = Label("Số tiền", "Amount", also: ["Dự toán", "Envelope", "Kinh phí", "Tổng vốn"])
    static let amountDong = Label("Số tiền (đồng)", "Amount (VND)")
    static let integratedFrom = Label("Lồng ghép từ chương trình", "Integrated from", also: ["Lồng ghép từ"])
    // The overrides and funding sheets.
    static let criterion = Label("Tiêu chí", "Criterion")
    static let cost = Label("Chi phí", "Cost")
    static let construction = Label("Xây dựng (%)", "Construction (%)")
    static let recurrent = Label("Sự nghiệp (%)", "Recurrent (%)")
    static let credit = Label("Tín dụng (%)", "Credit (%)")
    static let communityEnterprise = Label("Cộng đồng, doanh nghiệp (%)", "Community and enterprise (%)")
    static let target = Label("Xã (để trống: mọi xã)", "Commune (empty: every commune)")
    static let targetCriterion = Label("Tiêu chí (để trống: đạt chuẩn)", "Criterion (empty: at standard)")
    static let targetYear = Label("Năm", "Year")
}

/// Rows under a table that sum or average the rows above it.
enum TotalRows {
    static let total = Label("Tổng cộng", "Total", also: ["Tổng", "Cộng", "Tổng số", "Grand total", "Tổng cộng (đã đạt trước kỳ)", "Total (met before the plan)"])
    static let average = Label("TB tiêu chí/xã", "Criteria per commune (mean)", also: [
        "TB tiêu chí /xã", "TB tiêu chí / xã", "Bình quân tiêu chí/xã", "Bình quân", "Trung bình", "Trung bình tiêu chí/xã", "Average",
    ])
    /// "Hoàn thành năm 2022", "Met in 2022".
    static let yearPrefixes = ["hoàn thành năm", "met in", "năm", "đạt năm"]
}

/// The words a status cell may hold for a criterion met.
enum StatusWords {
    static let met: Set<String> = ["x", "đạt", "đ", "met", "✓", "✔"]
    static let missing: Set<String> = ["", "-", "–", "chưa đạt", "not met"]
}
