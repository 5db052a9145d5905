// cel-go encoders extension: base64.encode / base64.decode (standard alphabet).

private let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

func registerEncoders(_ t: inout FunctionTable) {
    t.global("base64.encode", arity: 1) { a, _ throws(CELError) in
        guard case .bytes(let b) = a[0] else { throw argumentError("base64.encode", a) }
        return .string(base64Encode(b))
    }
    t.global("base64.decode", arity: 1) { a, _ throws(CELError) in
        guard case .string(let s) = a[0] else { throw argumentError("base64.decode", a) }
        guard let b = base64Decode(s) else { throw CELError.invalidArgument("illegal base64 data") }
        return .bytes(b)
    }
}

func base64Encode(_ b: [UInt8]) -> String {
    var out: [UInt8] = []
    var i = 0
    while i < b.count {
        let n = min(3, b.count - i)
        var chunk: UInt32 = 0
        for k in 0..<3 { chunk = chunk << 8 | UInt32(k < n ? b[i + k] : 0) }
        for k in 0..<4 {
            out.append(k <= n ? alphabet[Int((chunk >> UInt32(18 - 6 * k)) & 63)] : UInt8(ascii: "="))
        }
        i += 3
    }
    return String(decoding: out, as: UTF8.self)
}

/// Accepts padded and unpadded input.
func base64Decode(_ s: String) -> [UInt8]? {
    var values: [UInt8] = []
    var padding = 0
    for c in s.utf8 {
        if c == UInt8(ascii: "=") { padding += 1; continue }
        guard padding == 0, let v = alphabet.firstIndex(of: c) else { return nil }
        values.append(UInt8(v))
    }
    if values.count % 4 == 1 || padding > 2 { return nil }
    var out: [UInt8] = []
    var i = 0
    while i < values.count {
        let n = min(4, values.count - i)
        var chunk: UInt32 = 0
        for k in 0..<4 { chunk = chunk << 6 | UInt32(k < n ? values[i + k] : 0) }
        for k in 0..<(n - 1) { out.append(UInt8((chunk >> UInt32(16 - 8 * k)) & 255)) }
        i += 4
    }
    return out
}
