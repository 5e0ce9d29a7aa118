import CSV
import Foundation
import NTPText

/// Rows written as CSV text by CSV.swift: UTF-8, comma-separated, fields quoted where they must be
/// (RFC 4180), every line ending in LF, the last one too.
public struct CSVText {
    private let writer: CSVWriter

    public init(header: [String]) throws {
        writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: header)
    }

    public func add(_ row: [String]) throws { try writer.write(row: row) }

    /// The text written so far; nothing may be added after it is taken.
    public func data() -> Data {
        writer.stream.close()
        var data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
