// Recursive-descent parser for the CEL grammar (langdef §Syntax) plus the optional
// syntax (`.?f`, `[?i]`, `{?k: v}`, `[?e]`). Binary operators use precedence climbing
// so nesting costs few stack frames; both the recursion depth and the height of the
// resulting tree are capped, so hostile input yields an error instead of a crash.

public enum CELParser {
    /// Parses `source` into an expression tree with macros expanded.
    public static func parse(_ source: String, options: CELOptions = .init()) throws(CELCompileError) -> CELExpr {
        let scalars = Array(source.unicodeScalars)
        do throws(CELCompileError) {
            if scalars.count > options.maxExpressionLength {
                throw CELCompileError(
                    message: "expression is \(scalars.count) characters long, the limit is \(options.maxExpressionLength)",
                    offset: 0)
            }
            var lexer = Lexer(scalars)
            let tokens = try lexer.tokenize()
            var parser = Parser(tokens: tokens, options: options)
            return try parser.parseTop()
        } catch {
            var located = error
            located.locate(in: scalars)
            throw located
        }
    }
}

private let reservedWords: Set<String> = [
    "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
    "package", "namespace", "return", "var", "void", "while", "in",
]

struct Parser {
    private let tokens: [Token]
    private var pos = 0
    private var depth = 0
    private let options: CELOptions

    init(tokens: [Token], options: CELOptions) {
        self.tokens = tokens
        self.options = options
    }

    private var current: Token { tokens[pos] }

    private func isPunct(_ p: String, ahead: Int = 0) -> Bool {
        let i = min(pos + ahead, tokens.count - 1)
        return tokens[i].kind == .punct(p)
    }

    private mutating func advance() -> Token {
        let t = tokens[pos]
        if pos < tokens.count - 1 { pos += 1 }
        return t
    }

    private func fail(_ message: String, at offset: Int? = nil) -> CELCompileError {
        CELCompileError(message: message, offset: offset ?? current.offset)
    }

    private mutating func expect(_ p: String) throws(CELCompileError) {
        guard isPunct(p) else { throw fail("expected '\(p)' but found \(describe(current))") }
        _ = advance()
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .eof: return "end of expression"
        case .punct(let p): return "'\(p)'"
        case .identifier(let s): return "'\(s)'"
        case .quotedIdentifier(let s): return "'`\(s)`'"
        default: return "a literal"
        }
    }

    /// Builds a node whose height is one more than its tallest child, rejecting trees
    /// taller than the nesting limit (this catches long left-deep chains like `a+a+a+...`).
    private func node(_ kind: CELExpr.Kind, at offset: Int, _ children: [CELExpr]) throws(CELCompileError) -> CELExpr {
        let height = (children.map(\.height).max() ?? 0) + 1
        if height > options.maxNestingDepth {
            throw CELCompileError(
                message: "expression nesting exceeds the limit of \(options.maxNestingDepth)", offset: offset)
        }
        return CELExpr(kind, offset: offset, height: height)
    }

    mutating func parseTop() throws(CELCompileError) -> CELExpr {
        let e = try parseExpr()
        guard current.kind == .eof else { throw fail("unexpected \(describe(current))") }
        return e
    }

    // Expr = ConditionalOr ["?" ConditionalOr ":" Expr]
    mutating func parseExpr() throws(CELCompileError) -> CELExpr {
        depth += 1
        defer { depth -= 1 }
        if depth > options.maxNestingDepth {
            throw fail("expression nesting exceeds the limit of \(options.maxNestingDepth)")
        }
        let cond = try parseBinary(minPrecedence: 1)
        guard isPunct("?") else { return cond }
        let at = advance().offset
        let whenTrue = try parseBinary(minPrecedence: 1)
        try expect(":")
        let whenFalse = try parseExpr()
        return try node(.conditional(cond, whenTrue, whenFalse), at: at, [cond, whenTrue, whenFalse])
    }

    private func binaryOperator() -> (name: String, precedence: Int)? {
        switch current.kind {
        case .punct(let p):
            switch p {
            case "||": return ("||", 1)
            case "&&": return ("&&", 2)
            case "==", "!=", "<", "<=", ">", ">=": return ("_\(p)_", 3)
            case "+", "-": return ("_\(p)_", 4)
            case "*", "/", "%": return ("_\(p)_", 5)
            default: return nil
            }
        case .identifier("in"): return ("@in", 3)
        default: return nil
        }
    }

    private mutating func parseBinary(minPrecedence: Int) throws(CELCompileError) -> CELExpr {
        var left = try parseUnary()
        while let op = binaryOperator(), op.precedence >= minPrecedence {
            let at = advance().offset
            let right = try parseBinary(minPrecedence: op.precedence + 1)
            switch op.name {
            case "||": left = try node(.or(left, right), at: at, [left, right])
            case "&&": left = try node(.and(left, right), at: at, [left, right])
            default: left = try node(.call(op.name, [left, right]), at: at, [left, right])
            }
        }
        return left
    }

    private mutating func parseUnary() throws(CELCompileError) -> CELExpr {
        if isPunct("!") || isPunct("-") {
            let symbol = isPunct("!") ? "!" : "-"
            var offsets: [Int] = []
            while isPunct(symbol) { offsets.append(advance().offset) }
            var operand: CELExpr
            var remaining = offsets.count
            // Fold `-<number>` into a negative literal so that the minimum int64 is expressible.
            if symbol == "-", let literal = try negativeLiteral(at: offsets[offsets.count - 1]) {
                operand = literal
                remaining -= 1
            } else {
                operand = try parseMember()
            }
            for i in stride(from: remaining - 1, through: 0, by: -1) {
                operand = try node(.call(symbol == "!" ? "!_" : "-_", [operand]), at: offsets[i], [operand])
            }
            return operand
        }
        return try parseMember()
    }

    private mutating func negativeLiteral(at offset: Int) throws(CELCompileError) -> CELExpr? {
        // Only when the literal is not followed by a member access (`-1.foo()` negates the call).
        guard !isPunct(".", ahead: 1), !isPunct("[", ahead: 1), !isPunct(".?", ahead: 1),
              !isPunct("[?", ahead: 1) else { return nil }
        switch current.kind {
        case .int(let magnitude):
            _ = advance()
            if magnitude == UInt64(Int64.max) + 1 { return CELExpr(.literal(.int(Int64.min)), offset: offset) }
            guard magnitude <= UInt64(Int64.max) else { throw fail("integer literal out of range", at: offset) }
            return CELExpr(.literal(.int(-Int64(magnitude))), offset: offset)
        case .double(let d):
            _ = advance()
            return CELExpr(.literal(.double(-d)), offset: offset)
        default:
            return nil
        }
    }

    // Member = Primary | Member "." SELECTOR ["(" args ")"] | Member "[" Expr "]"
    private mutating func parseMember() throws(CELCompileError) -> CELExpr {
        var e = try parsePrimary()
        while true {
            if isPunct(".") || isPunct(".?") {
                let optional = isPunct(".?")
                let at = advance().offset
                let name: String
                switch current.kind {
                case .identifier(let s): name = s
                case .quotedIdentifier(let s):
                    guard options.enableQuotedFieldNames else {
                        throw fail("backtick-quoted field names are not enabled")
                    }
                    name = s
                default: throw fail("expected a field name after '.' but found \(describe(current))")
                }
                _ = advance()
                if !optional, isPunct("("), case .identifier = tokens[pos - 1].kind {
                    let callAt = advance().offset
                    let args = try parseArguments(closing: ")")
                    e = try receiverCall(e, name, args, at: callAt)
                } else {
                    e = try node(.select(e, field: name, optional: optional), at: at, [e])
                }
            } else if isPunct("[") || isPunct("[?") {
                let optional = isPunct("[?")
                let at = advance().offset
                let index = try parseExpr()
                try expect("]")
                e = try node(.index(e, index, optional: optional), at: at, [e, index])
            } else {
                return e
            }
        }
    }

    private mutating func parseArguments(closing: String) throws(CELCompileError) -> [CELExpr] {
        var args: [CELExpr] = []
        if isPunct(closing) { _ = advance(); return args }
        while true {
            args.append(try parseExpr())
            if isPunct(",") { _ = advance(); if isPunct(closing) && closing == "]" { _ = advance(); return args }; continue }
            try expect(closing)
            return args
        }
    }

    private mutating func parsePrimary() throws(CELCompileError) -> CELExpr {
        let token = current
        switch token.kind {
        case .int(let v):
            _ = advance()
            guard v <= UInt64(Int64.max) else { throw fail("integer literal out of range", at: token.offset) }
            return CELExpr(.literal(.int(Int64(v))), offset: token.offset)
        case .uint(let v): _ = advance(); return CELExpr(.literal(.uint(v)), offset: token.offset)
        case .double(let v): _ = advance(); return CELExpr(.literal(.double(v)), offset: token.offset)
        case .string(let s): _ = advance(); return CELExpr(.literal(.string(s)), offset: token.offset)
        case .bytes(let b): _ = advance(); return CELExpr(.literal(.bytes(b)), offset: token.offset)
        case .identifier(let name):
            _ = advance()
            switch name {
            case "true": return CELExpr(.literal(.bool(true)), offset: token.offset)
            case "false": return CELExpr(.literal(.bool(false)), offset: token.offset)
            case "null": return CELExpr(.literal(.null), offset: token.offset)
            default: break
            }
            if reservedWords.contains(name) { throw fail("reserved identifier '\(name)'", at: token.offset) }
            if isPunct("(") {
                _ = advance()
                let args = try parseArguments(closing: ")")
                return try globalCall(name, args, at: token.offset)
            }
            return CELExpr(.ident(name, rootAnchored: false), offset: token.offset)
        case .punct("."):
            _ = advance()
            guard case .identifier(let name) = current.kind, !reservedWords.contains(name) else {
                throw fail("expected an identifier after leading '.'")
            }
            _ = advance()
            if isPunct("(") {
                _ = advance()
                let args = try parseArguments(closing: ")")
                return try node(.call(name, args), at: token.offset, args)
            }
            return CELExpr(.ident(name, rootAnchored: true), offset: token.offset)
        case .punct("("):
            _ = advance()
            let e = try parseExpr()
            try expect(")")
            return e
        case .punct("["), .punct("[?"):
            // `[?x, ...]` lexes as `[?`: the first element is optional.
            var firstOptional = isPunct("[?")
            _ = advance()
            var elements: [CELExpr.ListElement] = []
            while !isPunct("]") || firstOptional {
                let optional = isPunct("?") || firstOptional
                if isPunct("?") { _ = advance() }
                firstOptional = false
                elements.append(.init(value: try parseExpr(), optional: optional))
                if isPunct(",") { _ = advance() } else { break }
            }
            try expect("]")
            return try node(.list(elements), at: token.offset, elements.map(\.value))
        case .punct("{"):
            _ = advance()
            var entries: [CELExpr.MapEntry] = []
            while !isPunct("}") {
                let optional = isPunct("?")
                if optional { _ = advance() }
                let key = try parseExpr()
                try expect(":")
                let value = try parseExpr()
                entries.append(.init(key: key, value: value, optional: optional))
                if isPunct(",") { _ = advance() } else { break }
            }
            try expect("}")
            return try node(.map(entries), at: token.offset, entries.flatMap { [$0.key, $0.value] })
        case .eof:
            throw fail("unexpected end of expression")
        default:
            throw fail("unexpected \(describe(token))")
        }
    }

    // MARK: Macros

    private func globalCall(_ name: String, _ args: [CELExpr], at offset: Int) throws(CELCompileError) -> CELExpr {
        if name == "has" && options.enableMacros {
            guard args.count == 1, case .select(let operand, let field, false) = args[0].kind else {
                throw fail("invalid argument to has() macro", at: offset)
            }
            return try node(.presence(operand, field: field), at: offset, [operand])
        }
        return try node(.call(name, args), at: offset, args)
    }

    private func loopVariable(_ e: CELExpr) throws(CELCompileError) -> String {
        guard case .ident(let name, false) = e.kind else {
            throw fail("argument must be a simple name", at: e.offset)
        }
        return name
    }

    private func receiverCall(_ target: CELExpr, _ name: String, _ args: [CELExpr], at offset: Int) throws(CELCompileError) -> CELExpr {
        guard options.enableMacros, let macro = try expandMacro(target, name, args, at: offset) else {
            return try node(.receiverCall(target, name, args), at: offset, [target] + args)
        }
        return macro
    }

    private func expandMacro(_ target: CELExpr, _ name: String, _ args: [CELExpr], at offset: Int) throws(CELCompileError) -> CELExpr? {
        if name == "bind", case .ident("cel", false) = target.kind, args.count == 3 {
            let v = try loopVariable(args[0])
            return try node(.bind(v, args[1], args[2]), at: offset, [args[1], args[2]])
        }
        let kind: Comprehension.Kind
        var twoVariables = false
        var hasFilter = false
        switch (name, args.count) {
        case ("all", 2): kind = .all
        case ("all", 3): kind = .all; twoVariables = true
        case ("exists", 2): kind = .exists
        case ("exists", 3): kind = .exists; twoVariables = true
        case ("exists_one", 2), ("existsOne", 2): kind = .existsOne
        case ("exists_one", 3), ("existsOne", 3): kind = .existsOne; twoVariables = true
        case ("map", 2): kind = .map
        case ("map", 3): kind = .map; hasFilter = true
        case ("filter", 2): kind = .filter
        case ("transformList", 3): kind = .transformList; twoVariables = true
        case ("transformList", 4): kind = .transformList; twoVariables = true; hasFilter = true
        case ("transformMap", 3): kind = .transformMap; twoVariables = true
        case ("transformMap", 4): kind = .transformMap; twoVariables = true; hasFilter = true
        case ("transformMapEntry", 3): kind = .transformMapEntry; twoVariables = true
        case ("transformMapEntry", 4): kind = .transformMapEntry; twoVariables = true; hasFilter = true
        case ("optMap", 2): kind = .optMap
        case ("optFlatMap", 2): kind = .optFlatMap
        case ("sortBy", 2): kind = .sortBy
        default: return nil
        }
        let first = try loopVariable(args[0])
        var second: String?
        var rest = args.dropFirst()
        if twoVariables {
            second = try loopVariable(args[1])
            if second == first { throw fail("duplicate variable name '\(first)'", at: args[1].offset) }
            rest = rest.dropFirst()
        }
        let filter = hasFilter ? rest.first : nil
        guard let body = rest.last else { return nil }
        let comprehension = Comprehension(
            kind: kind, range: target, variable: first, variable2: second, filter: filter, body: body)
        var children = [target, body]
        if let filter { children.append(filter) }
        return try node(.comprehension(comprehension), at: offset, children)
    }
}
