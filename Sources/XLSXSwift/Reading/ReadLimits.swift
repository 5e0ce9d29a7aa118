extension XLSXDocument {
    /// How much a workbook may hold before the reader refuses it: every byte is untrusted, so each size
    /// a file states is checked before the reader acts on it, and inflating stops at the first byte
    /// beyond the size the archive states. docs/xlsx-reader.md gives the reason for each value.
    public struct Limits: Sendable, Equatable {
        /// The .xlsx file itself.
        public var fileBytes = 64 << 20
        /// Entries in the zip archive.
        public var parts = 10_000
        /// One part, inflated (a sheet's XML).
        public var partBytes = 128 << 20
        /// All the parts read, inflated.
        public var totalBytes = 512 << 20
        /// Inflated size over compressed size, for a part larger than `ratioGraceBytes`.
        public var compressionRatio = 250
        public var ratioGraceBytes = 1 << 20
        public var sheets = 1_000
        /// Cell elements of one sheet, empty styled ones included (each costs reading time).
        public var cellsPerSheet = 1_000_000
        public var cells = 2_000_000
        public var sharedStrings = 2_000_000
        /// Cell formats (`cellXfs`) and number formats (`numFmts`): Excel's own limit of unique formats.
        public var cellStyles = 65_490
        /// Relationships in one relationships part.
        public var relationships = 10_000
        /// UTF-8 bytes of formula text the reader writes out for the cells of shared formulas (the file
        /// stores the text once, in the first cell).
        public var sharedFormulaBytes = 64 << 20
        /// Characters of one text: Excel's own limit.
        public var textLength = XLSXLimits.textLength
        /// Characters of one formula: Excel's own limit.
        public var formulaLength = XLSXLimits.formulaLength
        public var xmlDepth = 64
        public var mergedRangesPerSheet = 100_000

        public init() {}
    }
}
