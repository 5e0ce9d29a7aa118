import Foundation
import NTPPlanning
import NTPText

/// A bar chart drawn as inline SVG for the HTML report (docs/html-report.md): categories along the x
/// axis (the years), one or more series stacked or side by side. Bar heights come from the exact values;
/// the labels are the texts the report's tables show, so a chart never shows a number the tables do not.
/// The markup is well-formed XML (every element closed), has no namespace URL and no script.
struct SVGChart {
    enum Layout {
        case stacked
        case grouped
    }

    struct Series {
        /// Shown in the legend and in each bar's tooltip.
        let name: String
        /// Distinguishes the series in the data attributes (a source code, a plan's position).
        let key: String
        /// The CSS class that colours the series (`s0`…`s7`, `p0`, `p1`).
        let colorClass: String
        /// One value per category, for the geometry; not negative.
        let values: [Double]
        /// One shown text per category.
        let labels: [String]
    }

    let title: String
    let description: String
    /// The unit of the y axis, written above it ("million VND", "criteria").
    let axisLabel: String
    let categories: [String]
    let series: [Series]
    let layout: Layout
    /// Stacked charts: the text above each stack (the shown total of the category).
    var totals: [String]? = nil
    /// Whole numbers only on the axis (counts).
    var integerAxis = false
    /// Decimals of the axis tick labels at most, and how to write a number.
    let format: (Decimal, Int) -> String
    /// Written across the plot when every value is zero.
    let emptyNote: String

    static let width = 480.0
    static let height = 280.0

    var isEmpty: Bool { !series.contains { $0.values.contains { $0 > 0 } } }

    /// The highest point drawn: the tallest stack or bar.
    private var highest: Double {
        switch layout {
        case .stacked: categories.indices.map { index in series.reduce(0) { $0 + max(0, $1.values[index]) } }.max() ?? 0
        case .grouped: series.flatMap { $0.values.map { max(0, $0) } }.max() ?? 0
        }
    }

    /// The axis top and step: 4 to 5 intervals of 1, 2, 2.5 or 5 times a power of ten (whole steps on a
    /// count axis); 0 to 1 when there is nothing to draw.
    static func axis(highest: Double, integer: Bool) -> (top: Double, step: Double, intervals: Int) {
        guard highest > 0, highest.isFinite else { return (1, 1, 1) }
        let raw = highest / 4
        let magnitude = pow(10, floor(log10(raw)))
        var multipliers = [1, 2, 2.5, 5, 10]
        if integer && magnitude < 10 { multipliers.removeAll { $0 == 2.5 } }
        var step = (multipliers.map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-12) }) ?? 10 * magnitude
        if integer { step = max(1, step.rounded(.up)) }
        let intervals = max(1, Int((highest / step * (1 - 1e-12)).rounded(.up)))
        return (Double(intervals) * step, step, intervals)
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Approximate width of a text in user units (average glyph about 0.58 em).
    private static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.58 }

    var svg: String {
        let width = Self.width, height = Self.height
        let axis = Self.axis(highest: highest, integer: integerAxis)
        let tickDecimals = integerAxis ? 0 : max(0, min(3, Int(-floor(log10(axis.step)))))
        let ticks = (0...axis.intervals).map { index -> (value: Double, text: String) in
            let value = Double(index) * axis.step
            return (value, format(Decimal(string: String(format: "%.\(tickDecimals)f", value)) ?? 0, tickDecimals))
        }
        let tickSize = 14.0
        let left = (ticks.map { Self.textWidth($0.text, size: tickSize) }.max() ?? 0) + 12
        let top = 34.0, bottom = 26.0, right = 8.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let baseline = top + plotHeight
        func y(_ value: Double) -> Double { baseline - value / axis.top * plotHeight }

        var out = "<svg role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\">"
        out += "<title>\(HTMLReport.escape(title))</title>"
        out += "<desc>\(HTMLReport.escape(description))</desc>"
        out += "<text class=\"axis-title\" x=\"\(Self.number(4))\" y=\"16.0\">\(HTMLReport.escape(axisLabel))</text>"
        for tick in ticks {
            let ty = y(tick.value)
            out += "<line class=\"grid\" x1=\"\(Self.number(left))\" y1=\"\(Self.number(ty))\" x2=\"\(Self.number(width - right))\" y2=\"\(Self.number(ty))\"/>"
            out += "<text class=\"tick\" x=\"\(Self.number(left - 5))\" y=\"\(Self.number(ty + 4))\" text-anchor=\"end\">\(HTMLReport.escape(tick.text))</text>"
        }
        let band = plotWidth / Double(max(1, categories.count))
        for (index, category) in categories.enumerated() {
            let center = left + band * (Double(index) + 0.5)
            out += "<text class=\"category\" x=\"\(Self.number(center))\" y=\"\(Self.number(baseline + 18))\" text-anchor=\"middle\">\(HTMLReport.escape(category))</text>"
            switch layout {
            case .stacked:
                let barWidth = min(band * 0.62, 90)
                var level = 0.0
                for series in series {
                    let value = max(0, series.values[index])
                    guard value > 0 else { continue }
                    let y0 = y(level + value), y1 = y(level)
                    out += "<rect class=\"bar \(series.colorClass)\" data-series=\"\(HTMLReport.escape(series.key))\" data-category=\"\(HTMLReport.escape(category))\""
                    out += " x=\"\(Self.number(center - barWidth / 2))\" y=\"\(Self.number(y0))\" width=\"\(Self.number(barWidth))\" height=\"\(Self.number(y1 - y0))\">"
                    out += "<title>\(HTMLReport.escape("\(series.name), \(category): \(series.labels[index])"))</title></rect>"
                    level += value
                }
                if let totals, index < totals.count {
                    let size = min(14, max(9, (band - 4) / (Double(totals[index].count) * 0.58)))
                    out += "<text class=\"value\" x=\"\(Self.number(center))\" y=\"\(Self.number(y(level) - 5))\" text-anchor=\"middle\" font-size=\"\(Self.number(size))\">\(HTMLReport.escape(totals[index]))</text>"
                }
            case .grouped:
                let groupWidth = min(band * 0.84, 70 * Double(series.count))
                let barWidth = groupWidth / Double(max(1, series.count))
                // Labels too wide for their bars at 11 units are turned upright rather than overlap.
                let widest = series.flatMap(\.labels).map { Self.textWidth($0, size: 11) }.max() ?? 0
                let verticalLabels = widest > barWidth + 2
                for (position, series) in series.enumerated() {
                    let value = max(0, series.values[index])
                    let x = center - groupWidth / 2 + barWidth * Double(position)
                    if value > 0 {
                        let y0 = y(value)
                        out += "<rect class=\"bar \(series.colorClass)\" data-series=\"\(HTMLReport.escape(series.key))\" data-category=\"\(HTMLReport.escape(category))\""
                        out += " x=\"\(Self.number(x + 1))\" y=\"\(Self.number(y0))\" width=\"\(Self.number(max(1, barWidth - 2)))\" height=\"\(Self.number(baseline - y0))\">"
                        out += "<title>\(HTMLReport.escape("\(series.name), \(category): \(series.labels[index])"))</title></rect>"
                    }
                    let label = series.labels[index]
                    let center = x + barWidth / 2, top = y(value)
                    if verticalLabels {
                        // Read upwards: inside the top of a bar tall enough for it (white), else above the bar.
                        let length = Self.textWidth(label, size: 12)
                        let inside = baseline - top >= length + 8
                        out += "<text class=\"value\(inside ? " inside" : "")\" transform=\"translate(\(Self.number(center)) \(Self.number(inside ? top + 5 : top - 4))) rotate(-90)\""
                        out += " dy=\"0.35em\" text-anchor=\"\(inside ? "end" : "start")\" font-size=\"12.0\">\(HTMLReport.escape(label))</text>"
                    } else {
                        let size = min(14, max(9, (barWidth + 2) / (Double(label.count) * 0.58)))
                        out += "<text class=\"value\" x=\"\(Self.number(center))\" y=\"\(Self.number(top - 4))\" text-anchor=\"middle\" font-size=\"\(Self.number(size))\">\(HTMLReport.escape(label))</text>"
                    }
                }
            }
        }
        out += "<line class=\"axis\" x1=\"\(Self.number(left))\" y1=\"\(Self.number(baseline))\" x2=\"\(Self.number(width - right))\" y2=\"\(Self.number(baseline))\"/>"
        if isEmpty {
            out += "<text class=\"empty\" x=\"\(Self.number(left + plotWidth / 2))\" y=\"\(Self.number(top + plotHeight / 2))\" text-anchor=\"middle\">\(HTMLReport.escape(emptyNote))</text>"
        }
        return out + "</svg>"
    }
}
