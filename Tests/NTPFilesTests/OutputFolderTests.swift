import Foundation
import NTPFiles
import Testing

/// Folders written as a whole: the destination is the old folder whole or the new one whole, by
/// exchange where the system has it and by two renames elsewhere; a failure changes nothing.
@Suite struct OutputFolderTests {
    /// A folder at `path` holding `file` with `text`.
    func makeFolder(_ path: String, _ file: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try text.write(toFile: join(path, file), atomically: false, encoding: .utf8)
    }

    @Test(arguments: [true, false])
    func anExistingFolderIsReplacedAndTheOldOneRemoved(exchange: Bool) throws {
        let parent = try scratchFolder()
        let out = join(parent, "synth")
        try makeFolder(out, "old.csv", "old")
        let swap = try OutputFolder.replace(out, exchange: exchange) { staging in
            try OutputFolder.add(Data("new".utf8), at: join(staging, "data/new.csv"))
        }
        #expect(swap == (exchange ? .exchange : .twoRenames))
        #expect(try names(out) == ["data"])
        #expect(try contents(join(out, "data/new.csv")) == "new")
        #expect(try names(parent) == ["synth"])
    }

    @Test func aNewFolderIsMadeByOneRename() throws {
        let parent = try scratchFolder()
        let swap = try OutputFolder.replace(join(parent, "csv/")) { staging in
            try OutputFolder.add(Data("a".utf8), at: join(staging, "summary.csv"))
        }
        #expect(swap == .rename)
        #expect(try names(join(parent, "csv")) == ["summary.csv"])
    }

    @Test func aFailedBuildLeavesTheOldFolderAndNothingElse() throws {
        let parent = try scratchFolder()
        let out = join(parent, "synth")
        try makeFolder(out, "old.csv", "old")
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try OutputFolder.replace(out) { staging in
                try OutputFolder.add(Data("half".utf8), at: join(staging, "half.csv"))
                throw Refused()
            }
        }
        #expect(try names(out) == ["old.csv"])
        #expect(try names(parent) == ["synth"])
    }

    @Test func aFileALinkOrAPipeIsNotReplacedByAFolder() throws {
        let parent = try scratchFolder()
        let file = join(parent, "plan.json")
        try "{}".write(toFile: file, atomically: false, encoding: .utf8)
        let link = join(parent, "link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: parent)
        #expect(throws: FileError.notAFolder(path: file, kind: .file)) { try OutputFolder.replace(file) { _ in } }
        #expect(throws: FileError.notAFolder(path: link, kind: .symbolicLink)) { try OutputFolder.replace(link) { _ in } }
        #expect(try contents(file) == "{}")
        #expect(try names(parent) == ["link", "plan.json"])
    }
}
