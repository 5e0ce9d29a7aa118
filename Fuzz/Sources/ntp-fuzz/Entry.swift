import Foundation
import NTPFuzzing

/// The target this process fuzzes (`NTP_FUZZ_TARGET`), and the data set and scenarios it reads with,
/// prepared once from the repository (the working folder scripts/fuzz runs it in).
let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["NTP_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("NTP_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")), not “\(name)”\n".utf8))
        exit(2)
    }
    return target
}()

let bench: FuzzBench = {
    do { return try FuzzBench(repository: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) } catch {
        FileHandle.standardError.write(Data("cannot prepare the fuzz bench: \(error)\n".utf8))
        exit(2)
    }
}()

/// libFuzzer's entry: one input through the chosen reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    bench.run(target, bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

/// libFuzzer's driver (LLVM 11 and later): parses libFuzzer's options and runs `callback` on inputs.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The executable's entry point. SwiftPM links an executable's `main` to `<module>_main`, so the
/// entry is that, and it hands over to libFuzzer's driver.
@_cdecl("ntp_fuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { bytes, size in fuzzOneInput(bytes, size) }
}
