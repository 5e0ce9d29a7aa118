import NTPPlanning
import NTPText

extension Language {
    /// What made a plan, in words.
    func name(of method: PlanMethod) -> String {
        switch method {
        case .optimizer: pick("tối ưu (ntp plan)", "optimizer (ntp plan)")
        case .official: pick("cơ sở: lịch chính thức", "baseline: official schedule")
        case .formula: pick("cơ sở: hệ số phân bổ", "baseline: allocation formula")
        case .greedy: pick("cơ sở: rẻ nhất trước", "baseline: cheapest first")
        }
    }
}
