import Foundation
import NTPFiles
import Testing

/// `--out` and every file the product writes: a regular file is replaced whole (keeping its
/// permissions), a new path is created, and anything else is refused with nothing changed.
@Suite struct OutputFileTests {
    @Test func aNewFileAndAReplacedOneAppearWholeWithNothingLeftBeside() throws {
        let folder = try scratchFolder()
        let path = join(folder, "plan.json")
        try OutputFile.write(Data("one".utf8), to: path)
        #expect(try contents(path) == "one")
        #expect(chmod(path, 0o640) == 0)
        try OutputFile.write(Data("two".utf8), to: path)
        #expect(try contents(path) == "two")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640)
        #expect(try names(folder) == ["plan.json"])
    }

    @Test func aSymbolicLinkANamedPipeADeviceAndAFolderAreNeverReplaced() throws {
        let folder = try scratchFolder()
        let target = join(folder, "target.txt")
        try "keep".write(toFile: target, atomically: false, encoding: .utf8)
        let link = join(folder, "link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let pipe = join(folder, "pipe")
        #expect(mkfifo(pipe, 0o600) == 0)
        #expect(throws: FileError.notAFile(path: link, kind: .symbolicLink)) { try OutputFile.write(Data("x".utf8), to: link) }
        #expect(throws: FileError.notAFile(path: pipe, kind: .fifo)) { try OutputFile.write(Data("x".utf8), to: pipe) }
        #expect(throws: FileError.notAFile(path: folder, kind: .folder)) { try OutputFile.write(Data("x".utf8), to: folder) }
        // As root a rename would replace the device node itself.
        #expect(throws: FileError.notAFile(path: "/dev/null", kind: .device)) { try OutputFile.write(Data("x".utf8), to: "/dev/null") }
        #expect(FileKind.of("/dev/null") == .device)
        #expect(try contents(target) == "keep")
        #expect(FileKind.of(link) == .symbolicLink && FileKind.of(pipe) == .fifo)
        #expect(try names(folder) == ["link", "pipe", "target.txt"])
    }

    @Test func aMissingFolderIsNamedAndAFailingWriterLeavesNothing() throws {
        let folder = try scratchFolder()
        let missing = join(folder, "no/such/plan.json")
        #expect(throws: FileError.noFolder(path: missing, folder: join(folder, "no/such"))) { try OutputFile.write(Data(), to: missing) }
        #expect("\(FileError.noFolder(path: missing, folder: join(folder, "no/such")))".hasSuffix("the folder \(join(folder, "no/such")) does not exist"))

        struct Refused: Error {}
        let path = join(folder, "model.mps")
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: Refused.self) {
            try OutputFile.write(to: path) { temporary in
                try "half".write(toFile: temporary, atomically: false, encoding: .utf8)
                throw Refused()
            }
        }
        #expect(try contents(path) == "old")
        #expect(try names(folder) == ["model.mps"])
    }

    @Test func theTemporaryFileIsBesideTheDestinationAndNamedForIt() throws {
        let folder = try scratchFolder()
        var seen: String?
        try OutputFile.write(to: join(folder, "book.xlsx")) { temporary in
            seen = temporary
            try "x".write(toFile: temporary, atomically: false, encoding: .utf8)
        }
        let name = try #require(seen.map { ($0 as NSString).lastPathComponent })
        #expect((seen! as NSString).deletingLastPathComponent == folder)
        let parsed = try #require(TemporaryName(parsing: name))
        #expect(parsed.target == "book.xlsx" && parsed.role == .tmp && parsed.pid == getpid())
    }
}
