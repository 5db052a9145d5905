// Compiles a parsed regex to a small instruction program and runs it with a Pike VM:
// all threads advance in lock-step over the input, so matching time is linear in the
// input length times the program size, whatever the pattern (no backtracking).

enum RegexInstruction: Sendable {
    case set(ScalarSet)
    case split(Int, Int)  // try the first target before the second (priority)
    case jump(Int)
    case assert(RegexAssertion)
    case match
}

/// A compiled RE2 pattern; reusable and thread-safe.
public struct RE2Regex: CELObject, Sendable {
    let program: [RegexInstruction]
    public let pattern: String

    /// Longest program accepted (RE2 also refuses very large expansions of counted repeats).
    static let maxProgramSize = 20_000

    public var celType: CELType { CELType("regex") }
    public func isEqual(to other: any CELObject) -> Bool { (other as? RE2Regex)?.pattern == pattern }
    public var stringValue: String? { pattern }

    public static func compile(_ pattern: String) -> Result<RE2Regex, CELError> {
        do throws(RegexSyntaxError) {
            let node = try RegexParser.parse(pattern)
            var builder = ProgramBuilder()
            try builder.emit(node)
            builder.code.append(.match)
            return .success(RE2Regex(program: builder.code, pattern: pattern))
        } catch {
            return .failure(.invalidArgument("error parsing regexp: \(error.description)"))
        }
    }

    /// Leftmost-first match in `text` starting the search at `from`; returns the matched
    /// range in scalar offsets. `steps` accumulates work done, for cost accounting.
    /// Stops early (returning nil) once `steps` exceeds `budget`.
    func firstMatch(in text: [Unicode.Scalar], from: Int, steps: inout Int, budget: Int = .max) -> Range<Int>? {
        PikeVM(program: program).run(text, from: from, steps: &steps, budget: budget)
    }
}

private struct ProgramBuilder {
    var code: [RegexInstruction] = []

    mutating func emit(_ node: RegexNode) throws(RegexSyntaxError) {
        if code.count > RE2Regex.maxProgramSize {
            throw RegexSyntaxError(description: "expression too large")
        }
        switch node {
        case .empty:
            break
        case .set(let s):
            code.append(.set(s))
        case .assertion(let a):
            code.append(.assert(a))
        case .group(let inner):
            try emit(inner)
        case .concat(let items):
            for item in items { try emit(item) }
        case .alternate(let branches):
            // split L1, next; L1: branch0; jump end; next: split L2, ...
            var jumpsToEnd: [Int] = []
            for (k, branch) in branches.enumerated() {
                if k < branches.count - 1 {
                    let split = code.count
                    code.append(.split(split + 1, -1))
                    try emit(branch)
                    jumpsToEnd.append(code.count)
                    code.append(.jump(-1))
                    code[split] = .split(split + 1, code.count)
                } else {
                    try emit(branch)
                }
            }
            for j in jumpsToEnd { code[j] = .jump(code.count) }
        case .repeated(let inner, let minCount, let maxCount, let greedy):
            for _ in 0..<minCount { try emit(inner) }
            if let maxCount {
                // Nested optional copies: (x(x(x)?)?)?
                var pendingSplits: [Int] = []
                for _ in minCount..<maxCount {
                    let split = code.count
                    code.append(.split(-1, -1))
                    pendingSplits.append(split)
                    try emit(inner)
                }
                for split in pendingSplits {
                    code[split] = greedy ? .split(split + 1, code.count) : .split(code.count, split + 1)
                }
            } else {
                // L: split body, end; body; jump L
                let split = code.count
                code.append(.split(-1, -1))
                try emit(inner)
                code.append(.jump(split))
                code[split] = greedy ? .split(split + 1, code.count) : .split(code.count, split + 1)
            }
        }
    }
}

/// Thread list with O(1) membership, kept in priority order.
private struct ThreadList {
    var pcs: [Int] = []
    var starts: [Int] = []
    var onList: [Int]  // generation stamp per pc
    init(size: Int) { onList = Array(repeating: -1, count: size) }
}

private struct PikeVM {
    let program: [RegexInstruction]

    private func isWord(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c.isIdentContinue
    }

    private func holds(_ a: RegexAssertion, _ text: [Unicode.Scalar], _ pos: Int) -> Bool {
        let before: Unicode.Scalar? = pos > 0 ? text[pos - 1] : nil
        let after: Unicode.Scalar? = pos < text.count ? text[pos] : nil
        switch a {
        case .beginText: return pos == 0
        case .endText: return pos == text.count
        case .beginLine: return pos == 0 || before == "\n"
        case .endLine: return pos == text.count || after == "\n"
        case .wordBoundary: return isWord(before) != isWord(after)
        case .notWordBoundary: return isWord(before) == isWord(after)
        }
    }

    /// Adds the thread at `pc` and everything reachable through empty transitions,
    /// depth-first in priority order, using an explicit stack (no recursion).
    private func add(_ list: inout ThreadList, _ pc: Int, _ start: Int, _ text: [Unicode.Scalar], _ pos: Int, _ generation: Int, _ steps: inout Int) {
        var stack = [pc]
        while let top = stack.popLast() {
            guard list.onList[top] != generation else { continue }
            list.onList[top] = generation
            steps += 1
            switch program[top] {
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assert(let a):
                if holds(a, text, pos) { stack.append(top + 1) }
            case .set, .match:
                list.pcs.append(top)
                list.starts.append(start)
            }
        }
    }

    /// Patterns starting with `^` or `\A` cannot match after the first position.
    private var anchoredAtStart: Bool {
        if case .assert(.beginText) = program.first { return true }
        return false
    }

    func run(_ text: [Unicode.Scalar], from: Int, steps: inout Int, budget: Int) -> Range<Int>? {
        var current = ThreadList(size: program.count)
        var next = ThreadList(size: program.count)
        var generation = 0
        var matched: Range<Int>?
        var pos = from
        add(&current, 0, pos, text, pos, generation, &steps)
        while true {
            generation += 1
            next.pcs.removeAll(keepingCapacity: true)
            next.starts.removeAll(keepingCapacity: true)
            let c: Unicode.Scalar? = pos < text.count ? text[pos] : nil
            for k in 0..<current.pcs.count {
                let pc = current.pcs[k]
                steps += 1
                switch program[pc] {
                case .match:
                    // Leftmost-first: lower-priority threads are cut off.
                    matched = current.starts[k]..<pos
                    break
                case .set(let s):
                    if let c, s.contains(c.value) {
                        add(&next, pc + 1, current.starts[k], text, pos + 1, generation, &steps)
                    }
                    continue
                default:
                    continue
                }
                break
            }
            if pos >= text.count || steps > budget { break }
            pos += 1
            // Start a new attempt at this position unless a match is already known.
            if matched == nil {
                add(&next, 0, pos, text, pos, generation, &steps)
            }
            swap(&current, &next)
            if current.pcs.isEmpty && (matched != nil || anchoredAtStart) { break }
        }
        return matched
    }
}
