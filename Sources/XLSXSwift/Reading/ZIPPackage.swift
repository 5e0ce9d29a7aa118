import Foundation
import ZIPFoundation

/// The zip archive of a package, read from memory with every size and offset checked before use.
///
/// ZIPFoundation's `Archive` trusts the central directory (its offset arithmetic traps on overflow, and
/// on Linux its inflate loop spins forever on a stream cut short), so the directory is walked here and
/// ZIPFoundation only inflates: `Data.decompress` is given the entry's compressed bytes once and a
/// second request throws, and its output is counted chunk by chunk against the size the archive
/// states, which the limits were checked against before inflating.
struct ZIPPackage {
    struct Entry {
        let path: String
        let method: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    private let data: Data
    let limits: XLSXDocument.Limits
    /// By lowercased path: OPC part names are compared regardless of case.
    private let entries: [String: Entry]
    /// Where the central directory starts: every entry's data lies before it.
    private let directoryOffset: Int
    /// Inflated bytes of the parts read so far.
    private(set) var bytesRead = 0

    init(data input: Data, limits: XLSXDocument.Limits) throws(XLSXReadError) {
        let data = input.startIndex == 0 ? input : Data(input)
        self.data = data
        self.limits = limits
        let bytes = Bytes(data: data)
        func damaged(_ damage: XLSXReadError.ZIPDamage) -> XLSXReadError { XLSXReadError(file: "", .damagedZip(damage)) }

        guard let end = Self.endOfCentralDirectory(bytes) else { throw damaged(.noEndOfCentralDirectory) }
        guard let disk = bytes.u16(end + 4), let directoryDisk = bytes.u16(end + 6), let diskEntries = bytes.u16(end + 8),
              let count16 = bytes.u16(end + 10), let size32 = bytes.u32(end + 12), let offset32 = bytes.u32(end + 16)
        else { throw damaged(.noEndOfCentralDirectory) }
        var count = UInt64(count16), size = UInt64(size32), offset = UInt64(offset32)
        var directoryLimit = end
        if count16 == 0xFFFF || size32 == 0xFFFF_FFFF || offset32 == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points at the ZIP64 end of central directory.
            guard end >= 20, bytes.u32(end - 20) == 0x0706_4B50, let recordOffset = bytes.u64(end - 12),
                  recordOffset <= UInt64(end - 20), bytes.u32(Int(recordOffset)) == 0x0606_4B50,
                  let count64 = bytes.u64(Int(recordOffset) + 32), let size64 = bytes.u64(Int(recordOffset) + 40),
                  let offset64 = bytes.u64(Int(recordOffset) + 48), bytes.u32(Int(recordOffset) + 16) == 0
            else { throw damaged(.noEndOfCentralDirectory) }
            count = count64
            size = size64
            offset = offset64
            directoryLimit = Int(recordOffset)
        } else if disk != 0 || directoryDisk != 0 || diskEntries != count16 {
            throw XLSXReadError(file: "", .unsupportedZip(.multipleDisks))
        }
        guard offset <= UInt64(directoryLimit), size <= UInt64(directoryLimit) - offset else { throw damaged(.centralDirectoryOutOfBounds) }
        guard count <= UInt64(limits.parts) else {
            throw XLSXReadError(file: "", .limitExceeded(.parts, limit: limits.parts, found: count > UInt64(Int.max) ? Int.max : Int(count)))
        }
        directoryOffset = Int(offset)
        let directoryEnd = Int(offset + size)

        var entries: [String: Entry] = [:]
        var position = directoryOffset
        for index in 0..<Int(count) {
            guard position <= directoryEnd - 46, bytes.u32(position) == 0x0201_4B50,
                  let flags = bytes.u16(position + 8), let method = bytes.u16(position + 10), let crc = bytes.u32(position + 16),
                  let compressed32 = bytes.u32(position + 20), let uncompressed32 = bytes.u32(position + 24),
                  let nameLength = bytes.u16(position + 28), let extraLength = bytes.u16(position + 30),
                  let commentLength = bytes.u16(position + 32), let diskStart = bytes.u16(position + 34),
                  let local32 = bytes.u32(position + 42)
            else { throw damaged(.badCentralDirectoryEntry(index: index)) }
            let nameStart = position + 46
            let extraStart = nameStart + Int(nameLength)
            let next = extraStart + Int(extraLength) + Int(commentLength)
            guard next <= directoryEnd else { throw damaged(.badCentralDirectoryEntry(index: index)) }
            let path = String(decoding: data[nameStart..<extraStart], as: UTF8.self)

            // The ZIP64 extra field holds, in this order, each size or offset whose field is all ones.
            var uncompressed = UInt64(uncompressed32), compressed = UInt64(compressed32), local = UInt64(local32)
            if uncompressed32 == 0xFFFF_FFFF || compressed32 == 0xFFFF_FFFF || local32 == 0xFFFF_FFFF || diskStart == 0xFFFF {
                guard let field = Self.zip64Field(bytes, from: extraStart, to: extraStart + Int(extraLength)) else {
                    throw damaged(.badCentralDirectoryEntry(index: index))
                }
                var cursor = field.start
                func take() -> UInt64? {
                    guard cursor + 8 <= field.end, let value = bytes.u64(cursor) else { return nil }
                    cursor += 8
                    return value
                }
                if uncompressed32 == 0xFFFF_FFFF { guard let value = take() else { throw damaged(.badCentralDirectoryEntry(index: index)) }; uncompressed = value }
                if compressed32 == 0xFFFF_FFFF { guard let value = take() else { throw damaged(.badCentralDirectoryEntry(index: index)) }; compressed = value }
                if local32 == 0xFFFF_FFFF { guard let value = take() else { throw damaged(.badCentralDirectoryEntry(index: index)) }; local = value }
            } else if diskStart != 0 {
                throw XLSXReadError(file: "", .unsupportedZip(.multipleDisks))
            }
            // Every entry's header and data lie before the central directory.
            guard local < UInt64(directoryOffset), compressed <= UInt64(directoryOffset) else { throw damaged(.dataOutOfBounds(path: path)) }
            position = next
            if path.hasSuffix("/") { continue }
            if flags & 0x41 != 0 { throw XLSXReadError(file: "", .unsupportedZip(.encryptedEntries(path: path))) }
            if method != 0 && method != 8 { throw XLSXReadError(file: "", .unsupportedZip(.compressionMethod(Int(method), path: path))) }
            let entry = Entry(path: path, method: method, crc32: crc, compressedSize: Int(compressed),
                              uncompressedSize: uncompressed > UInt64(Int.max) ? Int.max : Int(uncompressed), localHeaderOffset: Int(local))
            if entries.updateValue(entry, forKey: path.lowercased()) != nil { throw damaged(.duplicatePart(path: path)) }
        }
        self.entries = entries
    }

    func contains(_ path: String) -> Bool { entries[path.lowercased()] != nil }

    /// The size the archive states for a part, if it is there.
    func statedSize(_ path: String) -> Int? { entries[path.lowercased()]?.uncompressedSize }

    /// The part's bytes, inflated and checked (size, checksum, limits); nil when the archive has no
    /// such part. Errors name the part.
    mutating func read(_ path: String) throws(XLSXReadError) -> Data? {
        guard let entry = entries[path.lowercased()] else { return nil }
        do {
            return try read(entry)
        } catch var error {
            error.part = entry.path
            throw error
        }
    }

    private mutating func read(_ entry: Entry) throws(XLSXReadError) -> Data {
        func damaged(_ damage: XLSXReadError.ZIPDamage) -> XLSXReadError { XLSXReadError(file: "", .damagedZip(damage)) }
        func limit(_ limit: XLSXReadError.Limit, _ value: Int, _ found: Int) -> XLSXReadError {
            XLSXReadError(file: "", .limitExceeded(limit, limit: value, found: found))
        }
        let stated = entry.uncompressedSize
        if stated > limits.partBytes { throw limit(.partBytes, limits.partBytes, stated) }
        if stated > limits.totalBytes - bytesRead { throw limit(.totalBytes, limits.totalBytes, bytesRead + stated) }
        if stated > limits.ratioGraceBytes, stated / max(entry.compressedSize, 1) > limits.compressionRatio {
            throw limit(.compressionRatio, limits.compressionRatio, stated / max(entry.compressedSize, 1))
        }

        let bytes = Bytes(data: data)
        let header = entry.localHeaderOffset
        guard bytes.u32(header) == 0x0403_4B50, let nameLength = bytes.u16(header + 26), let extraLength = bytes.u16(header + 28)
        else { throw damaged(.badLocalHeader(path: entry.path)) }
        let start = header + 30 + Int(nameLength) + Int(extraLength)
        guard start <= directoryOffset, entry.compressedSize <= directoryOffset - start else { throw damaged(.dataOutOfBounds(path: entry.path)) }
        let compressed = data[start..<(start + entry.compressedSize)]

        var output = Data()
        var checksum: UInt32
        if entry.method == 0 {
            guard entry.compressedSize == stated else { throw damaged(.sizeMismatch(path: entry.path, stated: stated, actual: entry.compressedSize)) }
            output = Data(compressed)
            checksum = output.crc32(checksum: 0)
        } else {
            guard !compressed.isEmpty else { throw damaged(.truncatedData(path: entry.path)) }
            output.reserveCapacity(stated)
            var given = false
            var beyond = false
            do {
                checksum = try Data.decompress(size: Int64(compressed.count), bufferSize: compressed.count, skipCRC32: false,
                    provider: { _, requested in
                        // Once: the compressed bytes are given whole, so another request means the stream
                        // goes on past its data. (On Apple platforms the last request asks for 0 bytes.)
                        if given {
                            if requested == 0 { return Data() }
                            throw InflateStop.truncated
                        }
                        given = true
                        return Data(compressed)
                    },
                    consumer: { chunk in
                        if chunk.count > stated - output.count {
                            beyond = true
                            throw InflateStop.beyondStatedSize
                        }
                        output.append(chunk)
                    })
            } catch InflateStop.truncated {
                throw damaged(.truncatedData(path: entry.path))
            } catch {
                if beyond { throw damaged(.inflatesBeyondStatedSize(path: entry.path, stated: stated)) }
                throw damaged(.invalidCompressedData(path: entry.path))
            }
            guard output.count == stated else { throw damaged(.sizeMismatch(path: entry.path, stated: stated, actual: output.count)) }
        }
        guard checksum == entry.crc32 else { throw damaged(.badChecksum(path: entry.path)) }
        bytesRead += output.count
        return output
    }

    private enum InflateStop: Error {
        case truncated
        case beyondStatedSize
    }

    /// The end-of-central-directory record: searched backwards over the last 64 KiB + 22 bytes (its
    /// comment is at most 65,535 bytes), the last one whose comment ends within the file.
    private static func endOfCentralDirectory(_ bytes: Bytes) -> Int? {
        let count = bytes.data.count
        guard count >= 22 else { return nil }
        var position = count - 22
        let lowest = max(0, count - 22 - 65_535)
        while position >= lowest {
            if bytes.u32(position) == 0x0605_4B50, let commentLength = bytes.u16(position + 20), position + 22 + Int(commentLength) <= count {
                return position
            }
            position -= 1
        }
        return nil
    }

    /// The data of the ZIP64 extended-information field (id 1) among the extra fields.
    private static func zip64Field(_ bytes: Bytes, from start: Int, to end: Int) -> (start: Int, end: Int)? {
        var position = start
        while position + 4 <= end, let id = bytes.u16(position), let size = bytes.u16(position + 2) {
            let dataEnd = position + 4 + Int(size)
            guard dataEnd <= end else { return nil }
            if id == 1 { return (position + 4, dataEnd) }
            position = dataEnd
        }
        return nil
    }
}

/// Little-endian integers at offsets of a `Data` starting at index 0; nil out of bounds.
private struct Bytes {
    let data: Data

    private func value(_ offset: Int, _ width: Int) -> UInt64? {
        guard offset >= 0, offset <= data.count - width else { return nil }
        var result: UInt64 = 0
        for index in stride(from: width - 1, through: 0, by: -1) { result = result << 8 | UInt64(data[offset + index]) }
        return result
    }

    func u16(_ offset: Int) -> UInt16? { value(offset, 2).map { UInt16($0) } }
    func u32(_ offset: Int) -> UInt32? { value(offset, 4).map { UInt32($0) } }
    func u64(_ offset: Int) -> UInt64? { value(offset, 8) }
}
