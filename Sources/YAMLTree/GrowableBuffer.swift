/// Working storage of the tree builder, written through a pointer: appending is a capacity
/// check and a store, without the uniqueness check and out-of-line growth path of an Array
/// append (the builder appends a few times per libyaml event). The owner frees it with
/// `deallocate()`; it is never copied out, only read into the exact-size buffers of a document.
struct GrowableBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = element
        count += 1
    }

    @inline(__always)
    mutating func append(_ source: UnsafePointer<Element>, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        if Element.self == UInt8.self {
            // Scalar text: short, copied inline (see `copyBytes`).
            copyBytes(to: UnsafeMutableRawPointer(base + count).assumingMemoryBound(to: UInt8.self),
                      from: UnsafeRawPointer(source).assumingMemoryBound(to: UInt8.self), count: n)
        } else {
            (base + count).update(from: source, count: n)
        }
        count += n
    }

    /// Room for `n` more elements, written through the pointer returned; the caller then
    /// adds `n` to `count`.
    @inline(__always)
    mutating func reserve(_ n: Int) -> UnsafeMutablePointer<Element> {
        if count + n > capacity { grow(to: count + n) }
        return base + count
    }

    mutating func append(repeating element: Element, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).initialize(repeating: element, count: n)
        count += n
    }

    /// The elements `range` as a buffer (valid until the next append).
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let new = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        new.initialize(from: base, count: count)
        base.deallocate()
        base = new
        capacity = newCapacity
    }
}

extension UnsafeBufferPointer {
    /// `body` with the buffer itself: the document's storage is read the way arrays are.
    @inlinable @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(self)
    }
}
