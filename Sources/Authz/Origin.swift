/// A place in an input file. Lines and columns are 1-based; built-in objects (default roles and bindings that
/// the API server creates itself) use `Origin.builtIn`, whose line and column are 0.
public struct Origin: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The origin of everything the API server provides by itself (default ClusterRoles and their bindings).
    public static let builtIn = Origin(file: "<built-in>", line: 0, column: 0)

    /// Positions first: every object read from a file has a line of 1 or more, so the file
    /// name is compared only for built-ins (asked of every role and binding by every RBAC rule).
    @inlinable public var isBuiltIn: Bool { line == 0 && column == 0 && file == Origin.builtIn.file }

    public static func < (lhs: Origin, rhs: Origin) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    public var description: String { isBuiltIn ? "built-in" : "\(file):\(line):\(column)" }
}
