/// A fixed set of keys whose values are found in one pass over a mapping
/// (`YAMLDocument.firstValues(in:of:_:)`), for model types whose fields many rules read:
/// eight rules read a container's `securityContext`, and each read scanned the container's
/// dozen pairs. Found once when the model is made, a field is then an array access.
public struct KeySet: Sendable {
    /// The names' bytes, one after another.
    let bytes: [UInt8]
    /// Where each name starts in `bytes`, and where the last ends.
    let starts: [Int]
    let prints: [UInt32]

    /// At most 64 names, none empty and no two alike.
    public init(_ names: [String]) {
        precondition(names.count <= 64 && Set(names).count == names.count && !names.contains(""))
        var bytes: [UInt8] = [], starts = [0], prints: [UInt32] = []
        for name in names {
            let utf8 = Array(name.utf8)
            prints.append(utf8.withUnsafeBufferPointer { keyPrint(of: $0) })
            bytes += utf8
            starts.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts
        self.prints = prints
    }

    public var count: Int { prints.count }

    /// The names, in order (for tests and diagnostics).
    public var names: [String] {
        (0 ..< count).map { String(decoding: bytes[starts[$0] ..< starts[$0 + 1]], as: UTF8.self) }
    }
}

extension YAMLDocument {
    /// Calls `found(k, value)` with the value id of the first pair of mapping `mapping` whose
    /// key is name `k` of `keys`, for each name present: the node `YAMLNode[name]` finds
    /// (the first pair whose key is that scalar; later duplicates are the parser's to report).
    /// Nothing for a node that is not a mapping.
    public func firstValues(in mapping: UInt32, of keys: KeySet, _ found: (_ key: Int, _ value: UInt32) -> Void) {
        let r = nodes[Int(mapping)]
        guard r.kind == .mapping else { return }
        var seen: UInt64 = 0
        keys.bytes.withUnsafeBufferPointer { names in
            keys.starts.withUnsafeBufferPointer { starts in
                keys.prints.withUnsafeBufferPointer { prints in
                    var i = Int(r.first)
                    let end = i + pairStride * Int(r.count)
                    while i < end {
                        let print = children[i + 2]
                        for k in 0 ..< prints.count where prints[k] == print && seen & (1 << UInt64(k)) == 0 {
                            let key = nodes[Int(children[i])]
                            let length = starts[k + 1] - starts[k]
                            if key.kind == .scalar, Int(key.count) == length,
                               sameBytes(bytes.baseAddress! + Int(key.first), names.baseAddress! + starts[k], length) {
                                seen |= 1 << UInt64(k)
                                found(k, children[i + 1])
                                break
                            }
                        }
                        i += pairStride
                    }
                }
            }
        }
    }
}
