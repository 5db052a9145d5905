// Unicode classes for `\p{..}`: general categories are computed once from the Swift
// standard library's Unicode tables; scripts cover the common blocks only.

enum UnicodeClasses {
    static func set(named name: String) -> ScalarSet? {
        if name == "Any" { return ScalarSet(ranges: [0...0x10FFFF]) }
        if let s = categories[name] { return s }
        if let ranges = scripts[name] { return ScalarSet(ranges: ranges).normalized() }
        return nil
    }

    private static let scripts: [String: [ClosedRange<UInt32>]] = [
        "Latin": [0x41...0x5A, 0x61...0x7A, 0xAA...0xAA, 0xBA...0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F,
                  0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFF21...0xFF3A, 0xFF41...0xFF5A],
        "Greek": [0x370...0x373, 0x375...0x377, 0x37A...0x37D, 0x37F...0x37F, 0x384...0x384, 0x386...0x386,
                  0x388...0x3E1, 0x3F0...0x3FF, 0x1F00...0x1FFE],
        "Cyrillic": [0x400...0x52F, 0x1C80...0x1C88, 0x2DE0...0x2DFF, 0xA640...0xA69F],
        "Han": [0x2E80...0x2FD5, 0x3005...0x3007, 0x3021...0x3029, 0x3038...0x303B, 0x3400...0x4DBF,
                0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F],
        "Hiragana": [0x3041...0x309F],
        "Katakana": [0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9D],
        "Arabic": [0x600...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF],
        "Hebrew": [0x591...0x5F4, 0xFB1D...0xFB4F],
        "Common": [0x0...0x40, 0x5B...0x60, 0x7B...0xA9, 0xAB...0xB9, 0xBB...0xBF, 0xD7...0xD7, 0xF7...0xF7,
                   0x2000...0x206F, 0x20A0...0x20CF, 0x2100...0x2BFF, 0x3000...0x3004, 0xFF01...0xFF20],
    ]

    /// Two-letter categories (`Lu`) and their one-letter groups (`L`).
    private static let categories: [String: ScalarSet] = {
        var out: [String: ScalarSet] = [:]
        var runStart: UInt32 = 0
        var runName = ""
        func close(_ end: UInt32) {
            guard !runName.isEmpty else { return }
            out[runName, default: ScalarSet()].add(runStart...end)
            out[String(runName.prefix(1)), default: ScalarSet()].add(runStart...end)
        }
        var v: UInt32 = 0
        while v <= 0x10FFFF {
            let name = Unicode.Scalar(v).map { abbreviation($0.properties.generalCategory) } ?? "Cs"
            if name != runName {
                if v > 0 { close(v - 1) }
                runName = name
                runStart = v
            }
            v += 1
        }
        close(0x10FFFF)
        return out.mapValues { $0.normalized() }
    }()

    private static func abbreviation(_ c: Unicode.GeneralCategory) -> String {
        switch c {
        case .uppercaseLetter: return "Lu"
        case .lowercaseLetter: return "Ll"
        case .titlecaseLetter: return "Lt"
        case .modifierLetter: return "Lm"
        case .otherLetter: return "Lo"
        case .nonspacingMark: return "Mn"
        case .spacingMark: return "Mc"
        case .enclosingMark: return "Me"
        case .decimalNumber: return "Nd"
        case .letterNumber: return "Nl"
        case .otherNumber: return "No"
        case .connectorPunctuation: return "Pc"
        case .dashPunctuation: return "Pd"
        case .openPunctuation: return "Ps"
        case .closePunctuation: return "Pe"
        case .initialPunctuation: return "Pi"
        case .finalPunctuation: return "Pf"
        case .otherPunctuation: return "Po"
        case .mathSymbol: return "Sm"
        case .currencySymbol: return "Sc"
        case .modifierSymbol: return "Sk"
        case .otherSymbol: return "So"
        case .spaceSeparator: return "Zs"
        case .lineSeparator: return "Zl"
        case .paragraphSeparator: return "Zp"
        case .control: return "Cc"
        case .format: return "Cf"
        case .surrogate: return "Cs"
        case .privateUse: return "Co"
        case .unassigned: return "Cn"
        @unknown default: return "Cn"
        }
    }
}
