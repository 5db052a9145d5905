import KubeFormats

extension Finding {
    /// Identity of a finding that survives unrelated edits: rule, file, resource and field
    /// path (or the message, for findings without a path) — never line numbers. Baselines
    /// and SARIF `partialFingerprints` use it.
    public var fingerprint: String { fingerprint(file: file) }

    /// The fingerprint with `file` standing for the finding's file name: reports and baselines
    /// pass the name relative to the repository root, so the fingerprint is the same whichever
    /// directory palisade ran in and however the file was named on the command line.
    public func fingerprint(file: String) -> String {
        // The text is built as UTF-8 bytes, the same bytes the String of its parts would hold:
        // rule, file, resource (apiVersion/kind/namespace/name), field path or message, and
        // container, separated by U+001F.
        let tail = fieldPath ?? message
        var text: [UInt8] = []
        text.reserveCapacity(ruleID.utf8.count + file.utf8.count + tail.utf8.count + (container?.utf8.count ?? 0) + 4
            + (resource.map { $0.apiVersion.utf8.count + $0.kind.utf8.count + ($0.namespace?.utf8.count ?? 0)
                   + ($0.name?.utf8.count ?? 0) + 3 } ?? 0))
        let separator: UInt8 = 0x1F, slash = UInt8(ascii: "/")
        func add(_ part: String) { part.withUTF8Bytes { text.append(contentsOf: $0) } }
        add(ruleID)
        text.append(separator)
        add(file)
        text.append(separator)
        if let r = resource {
            add(r.apiVersion)
            text.append(slash)
            add(r.kind)
            text.append(slash)
            if let namespace = r.namespace { add(namespace) }
            text.append(slash)
            if let name = r.name { add(name) }
        }
        text.append(separator)
        add(tail)
        text.append(separator)
        if let container { add(container) }
        // The second half hashes the text reversed by characters. For ASCII without carriage
        // returns (a "\r\n" pair is one character) that is the bytes reversed, read in place.
        let (forward, backward) = text.withUnsafeBufferPointer { bytes in
            (Self.fnv1a64(bytes),
             bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? Self.fnv1a64(bytes.reversed())
                 : Self.fnv1a64(String(String(decoding: bytes, as: UTF8.self).reversed()).utf8))
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(32)
        Self.appendHex(forward, to: &digits)
        Self.appendHex(backward, to: &digits)
        return String(decoding: digits, as: UTF8.self)
    }

    static func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return hash
    }

    /// Sixteen lowercase hex digits, zero-padded.
    static func appendHex(_ value: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 60, through: 0, by: -4) {
            let digit = UInt8((value >> UInt64(shift)) & 0xF)
            out.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }
}
