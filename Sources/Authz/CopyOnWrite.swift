/// A value's fields kept in one heap box shared by its copies until one of them changes, as an
/// array's storage is. Values that are copied far more than changed and hold many strings and
/// arrays (RBAC roles and bindings here, `Finding` in Engine) keep their fields in one: a copy
/// is one retain instead of one per string and array, and a change to a shared value copies
/// the box first. Equality, hashing and coding are the fields' own.
///
/// Inlinable: the types that use it are in other modules, where a generic call that is not
/// specialized goes through the runtime for every field read.
public struct CopyOnWrite<Fields> {
    @usableFromInline final class Box {
        /// Unchecked exclusivity: a box is written only through `fields`' `_modify` after it
        /// is made unique, so no read can overlap a write, and the runtime's check cost a call
        /// on every field read of every role and binding.
        @exclusivity(unchecked) @usableFromInline var fields: Fields
        @inlinable init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    @inlinable public init(_ fields: Fields) { box = Box(fields) }

    /// Read in place (a field read through it copies that field alone); written in place after
    /// the box is made unique.
    @inlinable public var fields: Fields {
        _read { yield box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }
}

// A box is only written when no other value shares it, so sharing one between threads is as
// safe as sharing its fields.
extension CopyOnWrite: @unchecked Sendable where Fields: Sendable {}

extension CopyOnWrite: Equatable where Fields: Equatable {
    @inlinable public static func == (a: Self, b: Self) -> Bool { a.box === b.box || a.fields == b.fields }
}

extension CopyOnWrite: Hashable where Fields: Hashable {
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(fields) }
}

/// Coded as the fields themselves, with no wrapping level.
extension CopyOnWrite: Codable where Fields: Codable {
    public init(from decoder: any Decoder) throws { self.init(try Fields(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }
}
