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
        let (forward, backward) = text.withUTF8 { bytes in
            (Self.fnv1a64(bytes),
             bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? Self.fnv1a64(bytes.reversed()) : nil)
        }
        return Self.hex(forward) + Self.hex(backward ?? Self.fnv1a64(String(text.reversed()).utf8))
    }

    static func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
