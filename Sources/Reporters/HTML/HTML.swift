/// Small helpers for building HTML as strings.
public enum HTML {
    /// Text or attribute value with `& < > " '` escaped; control characters other than tab and newline dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A value for an `id` attribute or a fragment: letters, digits, `-` and `_`; anything else as `-`.
    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a" ... "z", "A" ... "Z", "0" ... "9", "-", "_": out.unicodeScalars.append(scalar)
            default: out += "-"
            }
        }
        return out
    }
}
