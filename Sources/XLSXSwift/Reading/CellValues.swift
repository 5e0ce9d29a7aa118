import Foundation

extension XLSXDocument {
    /// A number as the file writes it: the decimal text is kept, so that `decimal` is exactly what the
    /// file says (`1234.567`, not the double nearest to it).
    public struct Number: Sendable, Hashable, CustomStringConvertible {
        /// The text of the file (`1234.567`, `-0.5`, `1.5E-3`); the reader checks its syntax.
        public let text: String

        init?(_ text: String) {
            guard Self.isValid(text) else { return nil }
            self.text = text
        }

        /// Nil beyond `Decimal`'s range (an exponent beyond ±127, which money never reaches).
        public var decimal: Decimal? { Self.fastDecimal(text) ?? Decimal(string: text, locale: Self.posix) }

        /// The number rounded to `digits` significant digits (half away from zero). Excel computes and
        /// shows 15, but files carry up to 17 digits of a double: libxlsxwriter writes 89.094 as
        /// `89.09399999999999` and Excel writes computed results in full, so `decimal(significantDigits: 15)`
        /// is the number a person sees in Excel.
        public func decimal(significantDigits digits: Int) -> Decimal? {
            guard var value = decimal, !value.isZero else { return decimal }
            let mantissaDigits = value.significand.magnitude.description.count
            let excess = mantissaDigits - digits
            guard excess > 0 else { return value }
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, -(Int(value.exponent) + excess), .plain)
            return rounded
        }

        /// The nearest double.
        public var double: Double {
            // The syntax was checked: Double parses every valid text.
            Double(text) ?? .nan
        }

        public var description: String { text }

        private static let posix = Locale(identifier: "en_US_POSIX")

        /// XML Schema's double without INF and NaN, which a cell cannot hold: `[+-]? digits [. digits]
        /// [(e|E) [+-] digits]`, at least one digit before the exponent, at most 64 characters.
        static func isValid(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { bytes in
                guard !bytes.isEmpty, bytes.count <= 64 else { return false }
                var index = 0
                func digits() -> Int {
                    let start = index
                    while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
                    return index - start
                }
                if bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
                var mantissa = digits()
                if index < bytes.count, bytes[index] == 0x2E {
                    index += 1
                    mantissa += digits()
                }
                guard mantissa > 0 else { return false }
                if index < bytes.count, bytes[index] == 0x45 || bytes[index] == 0x65 {
                    index += 1
                    if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
                    guard digits() > 0 else { return false }
                }
                return index == bytes.count
            }
        }

        /// The decimal of a valid text whose digits fit in 64 bits, built from its digits and exponent
        /// (the common case, much faster than `Decimal(string:)`); nil otherwise.
        static func fastDecimal(_ text: String) -> Decimal? {
            var text = text
            return text.withUTF8 { bytes -> Decimal? in
                var index = 0
                var negative = false
                if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
                    negative = bytes[index] == 0x2D
                    index += 1
                }
                var significand: UInt64 = 0
                var digits = 0
                var exponent = 0
                var afterPoint = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == 0x2E {
                        afterPoint = true
                    } else if (0x30...0x39).contains(byte) {
                        if significand == 0 && byte == 0x30 {
                            // A leading zero adds no digit.
                        } else {
                            digits += 1
                            guard digits <= 19 else { return nil }
                            significand = significand * 10 + UInt64(byte - 0x30)
                        }
                        if afterPoint { exponent -= 1 }
                    } else {
                        break
                    }
                    index += 1
                }
                if index < bytes.count {
                    // The exponent part: (e|E) [+-] digits, at most 4 of them here.
                    index += 1
                    var sign = 1
                    if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
                        sign = bytes[index] == 0x2D ? -1 : 1
                        index += 1
                    }
                    guard bytes.count - index <= 4 else { return nil }
                    var value = 0
                    while index < bytes.count {
                        value = value * 10 + Int(bytes[index] - 0x30)
                        index += 1
                    }
                    exponent += sign * value
                }
                guard (-100...100).contains(exponent) else { return nil }
                return Decimal(sign: negative && significand != 0 ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
            }
        }
    }

    /// Where day 0 of the date serial numbers is.
    public enum DateSystem: Sendable {
        /// Excel for Windows: serial 1 is 1 January 1900, and serial 60 is 29 February 1900, a day that
        /// never was (Lotus 1-2-3's leap-year bug, kept by Excel).
        case from1900
        /// Old Excel for Mac: serial 0 is 1 January 1904.
        case from1904
    }

    /// A date and time as Excel shows it, to the second. The components are plain numbers because
    /// Excel shows two days that are not in the calendar: 0 January 1900 (serial 0) and
    /// 29 February 1900 (serial 60).
    public struct DateTime: Sendable, Hashable, CustomStringConvertible {
        public let year: Int
        public let month: Int
        public let day: Int
        public let hour: Int
        public let minute: Int
        public let second: Int
        /// The serial number the file writes; nil when it writes the date as ISO text.
        public let serial: Number?

        public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, serial: Number? = nil) {
            self.year = year
            self.month = month
            self.day = day
            self.hour = hour
            self.minute = minute
            self.second = second
            self.serial = serial
        }

        /// The largest serial Excel shows as a date: 31 December 9999.
        static let lastSerial = 2_958_465.0

        /// The date of a serial, rounded to the second; nil for a serial Excel does not show as a
        /// date (negative, or after 9999).
        init?(serial number: Number, system: DateSystem) {
            let value = number.double
            let limit = system == .from1900 ? Self.lastSerial : Self.lastSerial - 1_462
            guard value >= 0, value < limit + 1 else { return nil }
            var days = Int(value.rounded(.down))
            var seconds = Int(((value - Double(days)) * 86_400).rounded())
            if seconds == 86_400 {
                days += 1
                seconds = 0
            }
            let date: (year: Int, month: Int, day: Int)
            switch system {
            case .from1900:
                // Serials 1-59 count from 31 December 1899; 60 is the day that never was; from 61 on
                // Excel is one day ahead of the calendar, so count from 30 December 1899.
                if days == 0 { date = (1900, 1, 0) }
                else if days == 60 { date = (1900, 2, 29) }
                else if days < 60 { date = Self.civil(Self.daysFromCivil(1899, 12, 31) + days) }
                else { date = Self.civil(Self.daysFromCivil(1899, 12, 30) + days) }
            case .from1904:
                date = Self.civil(Self.daysFromCivil(1904, 1, 1) + days)
            }
            self.init(year: date.year, month: date.month, day: date.day, hour: seconds / 3_600, minute: seconds / 60 % 60,
                      second: seconds % 60, serial: number)
        }

        /// An ISO 8601 date of a `t="d"` cell: `2024-03-01`, `2024-03-01T13:45:00` (fractions of a
        /// second and a `Z` allowed), or a time `13:45:00`.
        init?(iso text: String) {
            let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
            // A time alone falls on serial day 0, as Excel shows it.
            var date = (year: 1900, month: 1, day: 0)
            var time = (hour: 0, minute: 0, second: 0)
            func numbers(_ part: Substring, separator: Character) -> [Int]? {
                let fields = part.split(separator: separator, omittingEmptySubsequences: false)
                let values = fields.map { field in field.allSatisfy(\.isASCII) ? Int(field) : nil }
                return values.contains(nil) ? nil : values.compactMap { $0 }
            }
            func parseTime(_ part: Substring) -> Bool {
                var clock = part
                if clock.hasSuffix("Z") { clock = clock.dropLast() }
                if let dot = clock.firstIndex(of: ".") {
                    guard clock[clock.index(after: dot)...].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
                    clock = clock[..<dot]
                }
                guard let values = numbers(clock, separator: ":"), values.count == 3,
                      (0...23).contains(values[0]), (0...59).contains(values[1]), (0...59).contains(values[2]) else { return false }
                time = (values[0], values[1], values[2])
                return true
            }
            if parts.count == 1, parts[0].contains(":") {
                guard parseTime(parts[0]) else { return nil }
            } else {
                guard let values = numbers(parts[0], separator: "-"), values.count == 3,
                      (1...9999).contains(values[0]), (1...12).contains(values[1]),
                      (1...Self.daysIn(month: values[1], year: values[0])).contains(values[2]) else { return nil }
                date = (values[0], values[1], values[2])
                if parts.count == 2, !parseTime(parts[1]) { return nil }
            }
            self.init(year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute, second: time.second)
        }

        /// `2024-03-01`, or `2024-03-01T13:45:00` when there is a time of day.
        public var description: String {
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            let date = "\(year < 1000 ? String(repeating: "0", count: 4 - String(year).count) : "")\(year)-\(two(month))-\(two(day))"
            return hour == 0 && minute == 0 && second == 0 ? date : "\(date)T\(two(hour)):\(two(minute)):\(two(second))"
        }

        /// The instant in `timeZone`; nil for the two days Excel shows that are not in the calendar.
        public func date(in timeZone: TimeZone) -> Date? {
            guard (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
        }

        private static func daysIn(month: Int, year: Int) -> Int {
            switch month {
            case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }

        /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
        static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }

        static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthIndex = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
            let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
            return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
        }
    }
}

/// A cell style's number format: its code, and whether Excel shows numbers in it as dates or times.
struct NumberFormat: Sendable, Equatable {
    let code: String
    let isDate: Bool

    static let general = NumberFormat(code: "General", isDate: false)

    /// The format of a built-in id (ECMA-376 Part 1, 18.8.30), as Excel shows it in an English locale;
    /// ids the standard leaves to the locale read as General.
    init(builtIn id: Int) {
        code = Self.builtInCodes[id] ?? "General"
        isDate = Self.builtInDates.contains(id)
    }

    init(code: String, isDate: Bool) {
        self.code = code
        self.isDate = isDate
    }

    /// A custom format (`numFmt`): a date when its first section has a day, month, year, hour or
    /// second outside quoted text, escapes and brackets (`[Red]`, `[$-42A]`), or an elapsed time
    /// (`[h]`).
    init(custom code: String) {
        self.code = code
        var inQuote = false, skipNext = false, inBracket = false
        var bracket = ""
        var date = false
        for character in code {
            if skipNext { skipNext = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket {
                if character == "]" {
                    inBracket = false
                    let word = bracket.lowercased()
                    if !word.isEmpty, word.allSatisfy({ "hms".contains($0) }) { date = true }
                    bracket = ""
                } else {
                    bracket.append(character)
                }
                continue
            }
            switch character {
            case "\"": inQuote = true
            case "\\", "_", "*": skipNext = true
            case "[": inBracket = true
            case ";": isDate = date; return
            case "d", "D", "m", "M", "y", "Y", "h", "H", "s", "S": date = true
            default: break
            }
        }
        isDate = date
    }

    static let builtInDates: Set<Int> = Set(14...22).union(45...47)

    static let builtInCodes: [Int: String] = [
        0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
        5: "$#,##0_);($#,##0)", 6: "$#,##0_);[Red]($#,##0)", 7: "$#,##0.00_);($#,##0.00)", 8: "$#,##0.00_);[Red]($#,##0.00)",
        9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
        14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
        20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
        37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
        41: "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)", 42: "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)",
        43: "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",
        44: "_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"??_);_(@_)",
        45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
    ]
}

extension CellAddress {
    /// Parses an Excel reference: `C7`, or `$C$7` with anchors. Nil when it is not a reference inside
    /// Excel's sheet (1,048,576 rows × 16,384 columns).
    public init?(reference: String) {
        var text = reference
        guard let parsed = text.withUTF8({ Self.parse($0) }) else { return nil }
        self.init(row: parsed.row, column: parsed.column)
    }

    /// The column of letters such as `C` (2) or `XFD` (16,383); nil when they name no column.
    public static func column(named letters: String) -> Int? {
        var column = 0
        var count = 0
        for byte in letters.utf8 {
            let upper = byte & ~0x20
            guard (0x41...0x5A).contains(upper), count < 3 else { return nil }
            column = column * 26 + Int(upper - 0x40)
            count += 1
        }
        return count > 0 && column <= XLSXLimits.columns ? column - 1 : nil
    }

    /// The column's letters: `C` for column 2.
    public var columnName: String { Self.columnName(column) }

    /// `[$]letters[$]digits` within the sheet.
    static func parse<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> (row: Int, column: Int)? where Bytes.Index == Int {
        var index = bytes.startIndex
        if index < bytes.endIndex, bytes[index] == 0x24 { index += 1 }
        var column = 0, letters = 0
        while index < bytes.endIndex, (0x41...0x5A).contains(bytes[index] & ~0x20), bytes[index] & 0x40 != 0 {
            column = column * 26 + Int((bytes[index] & ~0x20) - 0x40)
            letters += 1
            index += 1
            if letters > 3 { return nil }
        }
        guard letters > 0, column <= XLSXLimits.columns else { return nil }
        if index < bytes.endIndex, bytes[index] == 0x24 { index += 1 }
        var row = 0, digits = 0
        while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) {
            row = row * 10 + Int(bytes[index] - 0x30)
            digits += 1
            index += 1
            if digits > 7 { return nil }
        }
        guard digits > 0, index == bytes.endIndex, row >= 1, row <= XLSXLimits.rows else { return nil }
        return (row - 1, column - 1)
    }
}

extension CellRange {
    /// Parses `A1:D1` (or a single cell `B2`, as a range of one cell). Nil when the text is not a range
    /// inside the sheet or its corners are not top-left then bottom-right.
    public init?(reference: String) {
        let halves = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard halves.count <= 2, let first = CellAddress(reference: String(halves[0])),
              let last = halves.count == 2 ? CellAddress(reference: String(halves[1])) : first,
              first.row <= last.row, first.column <= last.column else { return nil }
        self.init(first.row, first.column, last.row, last.column)
    }
}
