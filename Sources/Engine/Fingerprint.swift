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
        return Self.hex(Self.fnv1a64(text)) + Self.hex(Self.fnv1a64(String(text.reversed())))
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
