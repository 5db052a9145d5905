extension Finding {
    /// Identity of a finding that survives unrelated edits: rule, file, resource and field
    /// path (or the message, for findings without a path) — never line numbers. Baselines
    /// and SARIF `partialFingerprints` use it.
    public var fingerprint: String {
        var text = ruleID + "\u{1F}" + file + "\u{1F}"
        if let r = resource {
            text += r.apiVersion + "/" + r.kind + "/" + (r.namespace ?? "") + "/" + (r.name ?? "")
        }
        text += "\u{1F}" + (fieldPath ?? message) + "\u{1F}" + (container ?? "")
        // The second half hashes the text reversed by characters. For ASCII without carriage
        // returns (a "\r\n" pair is one character) that is the bytes reversed, read in place:
        // building the reversed String cost more than the rest of a SARIF result.
        let (forward, backward) = text.withUTF8 { bytes -> (UInt64, UInt64?) in
            var forward: UInt64 = 0xcbf29ce484222325
            var plain = true
            for byte in bytes {
                forward = (forward ^ UInt64(byte)) &* 0x100000001b3
                if byte >= 0x80 || byte == 0x0D { plain = false }
            }
            guard plain else { return (forward, nil) }
            var backward: UInt64 = 0xcbf29ce484222325
            var i = bytes.count
            while i > 0 {
                i -= 1
                backward = (backward ^ UInt64(bytes[i])) &* 0x100000001b3
            }
            return (forward, backward)
        }
        return Self.hex(forward) + Self.hex(backward ?? Self.fnv1a64(String(text.reversed())))
    }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
