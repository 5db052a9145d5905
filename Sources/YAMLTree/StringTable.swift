/// Strings a caller expects to meet again and again (API versions, kinds, well-known label
/// keys), handed out instead of a new String when a scalar's bytes match one. Only strings
/// longer than 15 bytes are worth it: shorter ones are stored inline by `String` and cost no
/// allocation, while a longer one is a heap object per scalar read and a reference count
/// touched on every copy; a table's strings are literals, which are never counted.
///
/// A table is made once and kept for the life of the program (a `static let`): its storage is
/// never freed, and lookups read it through plain pointers, so passing a table around counts
/// no references.
public struct StringTable: @unchecked Sendable {
    /// The strings, shortest first; those of length n are at `starts[n] ..< starts[n + 1]`.
    private let strings: UnsafeBufferPointer<String>
    private let starts: UnsafeBufferPointer<Int>
    /// Where the bytes of the strings of length n start in `bytes`.
    private let byteStarts: UnsafeBufferPointer<Int>
    /// The strings' bytes, one after another in the same order: compared in place.
    private let bytes: UnsafeBufferPointer<UInt8>

    /// Pass literals: a String made from a literal points at the program's own bytes.
    public init(_ strings: [String]) {
        let kept = strings.filter { $0.utf8.count > 15 }.sorted { $0.utf8.count < $1.utf8.count }
        let longest = kept.last?.utf8.count ?? 0
        var starts = [Int](repeating: 0, count: longest + 2)
        var byteStarts = [Int](repeating: 0, count: longest + 2)
        for n in 0 ... longest + 1 {
            starts[n] = kept.firstIndex { $0.utf8.count >= n } ?? kept.count
            byteStarts[n] = kept[..<starts[n]].reduce(0) { $0 + $1.utf8.count }
        }
        func forever<T>(_ values: [T]) -> UnsafeBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, values.count))
            _ = buffer.initialize(from: values)
            return UnsafeBufferPointer(rebasing: buffer[0 ..< values.count])
        }
        self.strings = forever(kept)
        self.starts = forever(starts)
        self.byteStarts = forever(byteStarts)
        bytes = forever(kept.flatMap { Array($0.utf8) })
    }

    /// The table's string whose bytes are `wanted`, if there is one.
    public func string(for wanted: UnsafeBufferPointer<UInt8>) -> String? {
        let n = wanted.count
        guard n > 15, n + 1 < starts.count else { return nil }
        var at = bytes.baseAddress! + byteStarts[n]
        for i in starts[n] ..< starts[n + 1] {
            if sameBytes(at, wanted.baseAddress!, n) { return strings[i] }
            at += n
        }
        return nil
    }
}

extension YAMLNode {
    /// `scalar`, but one of `table`'s strings when the bytes are one of them.
    public func scalar(in table: StringTable) -> String? {
        let r = raw
        guard r.kind == .scalar else { return nil }
        return document.bytes.withUnsafeBufferPointer { buffer in
            let bytes = UnsafeBufferPointer(rebasing: buffer[Int(r.first) ..< Int(r.first + r.count)])
            return table.string(for: bytes) ?? String(decoding: bytes, as: UTF8.self)
        }
    }
}
