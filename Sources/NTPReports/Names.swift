import GLPKSwift
import NTPDomain
import NTPPlanning
import NTPText

extension Language {
    /// What made a plan, in words.
    public func name(of method: PlanMethod) -> String {
        switch method {
        case .optimizer: pick("tối ưu (ntp plan)", "optimizer (ntp plan)")
        case .official: pick("cơ sở: lịch chính thức", "baseline: official schedule")
        case .formula: pick("cơ sở: hệ số phân bổ", "baseline: allocation formula")
        case .greedy: pick("cơ sở: rẻ nhất trước", "baseline: cheapest first")
        }
    }
}

extension Language {
    /// A kind of money, as a finance officer calls it.
    public func name(of kind: MoneyKind) -> String {
        switch kind {
        case .construction: pick("vốn xây dựng (đầu tư phát triển)", "construction (development investment)")
        case .recurrent: pick("vốn sự nghiệp", "recurrent money")
        case .credit: pick("vốn tín dụng", "credit")
        case .communityEnterprise: pick("vốn cộng đồng, doanh nghiệp", "community and enterprise money")
        }
    }

    /// A budget level, as the budget law names it.
    public func name(of level: GovernmentLevel) -> String {
        switch level {
        case .central: pick("trung ương", "central")
        case .province: pick("tỉnh", "province")
        case .district: pick("huyện", "district")
        case .commune: pick("xã", "commune")
        }
    }

    /// A budget level stored by its code (`central`) in a plan's report, in words; another text as it is.
    func levelName(_ code: String) -> String { GovernmentLevel(rawValue: code).map { name(of: $0) } ?? code }

    /// Why a search stopped, stored by its code (`gapLimit`) in a plan file, in words; another text as it is.
    public func termination(_ code: String) -> String { TerminationReason(rawValue: code).map { name(of: $0) } ?? code }

    /// Why a search stopped, in words.
    public func name(of termination: TerminationReason) -> String {
        switch termination {
        case .optimal: pick("tối ưu", "optimal")
        case .infeasible: pick("không có lời giải thỏa mọi ràng buộc", "infeasible")
        case .unbounded: pick("không bị chặn", "unbounded")
        case .infeasibleOrUnbounded: pick("không có lời giải hoặc không bị chặn", "infeasible or unbounded")
        case .gapLimit: pick("dừng khi đã chứng minh khoảng cách (theo yêu cầu, hoặc khi phép phân rã kết thúc)", "stopped with the gap proven (the one asked for, or the decomposition's end)")
        case .timeLimit: pick("hết thời gian", "time limit reached")
        case .iterationLimit: pick("hết số vòng lặp", "iteration limit reached")
        }
    }
}
