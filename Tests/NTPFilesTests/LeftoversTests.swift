import Foundation
import NTPFiles
import Testing

/// What a killed run leaves beside its destination is recognised by name and process, and the next
/// write removes it, or first finishes the folder swap it was cut off in; a live process's is kept.
@Suite struct LeftoversTests {
    @Test func aNameReadsBackAndOtherNamesAreNotTaken() throws {
        let name = try #require(TemporaryName(parsing: ".plan.v2.json.ntp-tmp-4242-ab12cd34"))
        #expect(name.target == "plan.v2.json" && name.role == .tmp && name.pid == 4242 && name.tag == "ab12cd34")
        #expect(name.name == ".plan.v2.json.ntp-tmp-4242-ab12cd34")
        for other in ["plan.json", ".plan.json", ".ntp-tmp-1-abcdefgh", ".x.ntp-tmp-1-ABCDEFGH", ".x.ntp-tmp-0-abcdefgh", ".x.ntp-bak-1-abcdefgh", ".x.ntp-tmp-1-abc"] {
            #expect(TemporaryName(parsing: other) == nil, "\(other)")
        }
    }

    @Test func theEndedProcessesLeftoversGoAndTheLiveOnesStay() throws {
        let folder = try scratchFolder()
        let ended = try endedProcessID()
        let gone = [".plan.json.ntp-tmp-\(ended)-aaaaaaaa", ".out.ntp-new-\(ended)-bbbbbbbb"]
        let live = [".plan.json.ntp-tmp-\(getpid())-cccccccc", ".plan.json.ntp-tmp-1-dddddddd"]
        try "{}".write(toFile: join(folder, "plan.json"), atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: join(folder, "out"), withIntermediateDirectories: false)
        for name in gone + live + ["notes.ntp-tmp-\(ended)-eeeeeeee"] {
            if name.contains("-new-") {
                try FileManager.default.createDirectory(atPath: join(folder, name + "/data"), withIntermediateDirectories: true)
            } else {
                try "x".write(toFile: join(folder, name), atomically: false, encoding: .utf8)
            }
        }
        #expect(Set(Leftovers.clean(in: folder)) == Set(gone))
        #expect(try names(folder) == (live + ["notes.ntp-tmp-\(ended)-eeeeeeee", "out", "plan.json"]).sorted())
    }

    /// Killed between the two renames of a swap: the destination is missing, the old folder is aside
    /// and the new one complete; the next run puts the new one in place.
    @Test func aSwapCutBetweenItsRenamesIsCompleted() throws {
        let folder = try scratchFolder()
        let ended = try endedProcessID()
        for (role, text) in [("old", "old"), ("new", "new")] {
            let path = join(folder, ".synth.ntp-\(role)-\(ended)-abcdefgh")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try text.write(toFile: join(path, "scenario.yaml"), atomically: false, encoding: .utf8)
        }
        Leftovers.clean(in: folder)
        #expect(try names(folder) == ["synth"])
        #expect(try contents(join(folder, "synth/scenario.yaml")) == "new")
    }

    /// Only the old folder aside (its new one already gone): it goes back in place.
    @Test func anOldFolderAsideWithoutItsNewOneIsPutBack() throws {
        let folder = try scratchFolder()
        let ended = try endedProcessID()
        let aside = join(folder, ".synth.ntp-old-\(ended)-abcdefgh")
        try FileManager.default.createDirectory(atPath: aside, withIntermediateDirectories: false)
        try "old".write(toFile: join(aside, "scenario.yaml"), atomically: false, encoding: .utf8)
        Leftovers.clean(in: folder)
        #expect(try names(folder) == ["synth"])
        #expect(try contents(join(folder, "synth/scenario.yaml")) == "old")
    }

    @Test func theNextWriteIntoTheFolderCleansUp() throws {
        let folder = try scratchFolder()
        let ended = try endedProcessID()
        try "half".write(toFile: join(folder, ".report.html.ntp-tmp-\(ended)-abcdefgh"), atomically: false, encoding: .utf8)
        try OutputFile.write(Data("<html>".utf8), to: join(folder, "other.html"))
        #expect(try names(folder) == ["other.html"])
    }
}
