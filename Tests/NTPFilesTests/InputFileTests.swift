import Foundation
import NTPFiles
import Testing

/// What the product reads is only a regular file, within its limit, and text is UTF-8; anything else
/// is refused naming the path and what is there, and nothing blocks (a named pipe with no writer
/// would block a plain read forever).
@Suite struct InputFileTests {
    @Test func aRegularFileIsReadWholeAndABOMIsLeftOut() throws {
        let folder = try scratchFolder()
        let path = join(folder, "a.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array("locality,year\nx,2022\n".utf8)).write(to: URL(fileURLWithPath: path))
        #expect(try InputFile.text(at: path) == "locality,year\nx,2022\n")
        #expect(try InputFile.data(at: path).count == 24)
    }

    @Test func aFolderANamedPipeAndADeviceAreRefusedByWhatTheyAre() throws {
        let folder = try scratchFolder()
        let pipe = join(folder, "pipe")
        #expect(mkfifo(pipe, 0o600) == 0)
        #expect(throws: FileError.notAFile(path: folder, kind: .folder)) { try InputFile.text(at: folder) }
        #expect(throws: FileError.notAFile(path: pipe, kind: .fifo)) { try InputFile.text(at: pipe) }
        #expect(throws: FileError.notAFile(path: "/dev/zero", kind: .device)) { try InputFile.data(at: "/dev/zero") }
        #expect("\(FileError.notAFile(path: pipe, kind: .fifo))" == "\(pipe) is a named pipe (FIFO), not a file")
    }

    @Test func missingTooLargeAndNotUTF8AreRefused() throws {
        let folder = try scratchFolder()
        let path = join(folder, "big.yaml")
        try Data(repeating: 65, count: 2048).write(to: URL(fileURLWithPath: path))
        #expect(throws: FileError.tooLarge(path: path, bytes: 2048, limit: 1024)) { try InputFile.data(at: path, limit: 1024) }
        #expect(try InputFile.data(at: path, limit: 2048).count == 2048)
        let latin = join(folder, "latin1.csv")
        try Data([0x78, 0xE0, 0x0A]).write(to: URL(fileURLWithPath: latin))
        #expect(throws: FileError.notText(path: latin)) { try InputFile.text(at: latin) }
        #expect(throws: FileError.missing(path: join(folder, "none"))) { try InputFile.text(at: join(folder, "none")) }
    }

    @Test func aLinkToAFileIsFollowed() throws {
        let folder = try scratchFolder()
        try "x: 1\n".write(toFile: join(folder, "real.yaml"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: join(folder, "link.yaml"), withDestinationPath: join(folder, "real.yaml"))
        #expect(try InputFile.text(at: join(folder, "link.yaml")) == "x: 1\n")
    }
}
