/// The planning domain of NTP Planner: programs, capital sources, communes and criteria, the capital
/// ledger and the allocation plans. It knows nothing of terminals, file formats or the solver.
public enum NTPPlanner {
    /// The product version, shown by `ntp --version`.
    public static let version = "0.1.0"
}
