import ArgumentParser
import GLPKSwift
import NTPDomain

@main
struct NTP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ntp",
        abstract: "NTP Planner: split capital across communes and New Rural Development criteria.",
        discussion: """
            Finance-planning departments use ntp to allocate central, local, integrated and credit capital \
            to the criteria communes still miss under the National Target Programs, and to check plans.
            """,
        version: "ntp \(NTPPlanner.version) (GLPK \(GLPK.version))",
        subcommands: [Validate.self, Show.self, Budget.self, Costs.self, Calibrate.self, Solve.self]
    )
}
