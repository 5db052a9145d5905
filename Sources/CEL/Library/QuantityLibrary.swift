import KubeFormats

// Kubernetes quantity library: quantity(), isQuantity(), comparisons and exact arithmetic.

struct CELQuantity: CELComparableObject {
    let value: Quantity
    var celType: CELType { CELType("kubernetes.Quantity") }
    func isEqual(to other: any CELObject) -> Bool { (other as? CELQuantity)?.value == value }
    var stringValue: String? { value.description }
    func compare(to other: any CELObject) -> Int? {
        guard let o = other as? CELQuantity else { return nil }
        return value < o.value ? -1 : (value == o.value ? 0 : 1)
    }
}

private func quantityArgument(_ v: CELValue) -> Quantity? {
    switch v {
    case .object(let q as CELQuantity): return q.value
    case .int(let i): return Quantity(i)
    default: return nil
    }
}

func registerQuantity(_ t: inout FunctionTable) {
    t.unary("quantity") { x, _ throws(CELError) in
        guard case .string(let s) = x else { throw argumentError("quantity", [x]) }
        switch Quantity.parse(s) {
        case .success(let q): return .object(CELQuantity(value: q))
        case .failure(let e): throw CELError.invalidArgument(e.description)
        }
    }
    t.unary("isQuantity") { x, _ throws(CELError) in
        guard case .string(let s) = x else { throw argumentError("isQuantity", [x]) }
        if case .success = Quantity.parse(s) { return .bool(true) }
        return .bool(false)
    }
    func receiver(_ name: String, arity: Int, _ body: @escaping @Sendable (Quantity, [CELValue]) throws(CELError) -> CELValue) {
        t.receiver(name, arity: arity) { a, _ throws(CELError) in
            guard case .object(let q as CELQuantity) = a[0] else { throw argumentError(name, a) }
            return try body(q.value, a)
        }
    }
    receiver("sign", arity: 0) { q, _ in .int(Int64(q.sign)) }
    receiver("isInteger", arity: 0) { q, _ in .bool(q.isInteger) }
    receiver("asInteger", arity: 0) { q, _ throws(CELError) in
        guard let i = q.asInteger() else {
            throw CELError.invalidArgument("cannot convert value to integer: \(q) is fractional or out of range")
        }
        return .int(i)
    }
    receiver("asApproximateFloat", arity: 0) { q, _ in .double(q.asApproximateDouble) }
    for (name, accept) in [("isLessThan", -1), ("isGreaterThan", 1)] {
        receiver(name, arity: 1) { q, a throws(CELError) in
            guard case .object(let o as CELQuantity) = a[1] else { throw argumentError(name, a) }
            let order = q < o.value ? -1 : (q == o.value ? 0 : 1)
            return .bool(order == accept)
        }
    }
    receiver("compareTo", arity: 1) { q, a throws(CELError) in
        guard case .object(let o as CELQuantity) = a[1] else { throw argumentError("compareTo", a) }
        return .int(q < o.value ? -1 : (q == o.value ? 0 : 1))
    }
    receiver("add", arity: 1) { q, a throws(CELError) in
        guard let other = quantityArgument(a[1]) else { throw argumentError("add", a) }
        guard let sum = q.adding(other) else { throw CELError.overflow("quantity addition") }
        return .object(CELQuantity(value: sum))
    }
    receiver("sub", arity: 1) { q, a throws(CELError) in
        guard let other = quantityArgument(a[1]) else { throw argumentError("sub", a) }
        guard let difference = q.subtracting(other) else { throw CELError.overflow("quantity subtraction") }
        return .object(CELQuantity(value: difference))
    }
}
