import CEL
import Synchronization

/// `pattern` with the CEL module's RE2 engine (the API server matches CRD patterns with Go's
/// RE2-compatible `regexp`), and compiled CEL programs shared across objects.
enum Patterns {
    private static let matcher: CELProgram? = try? CELProgram.compile("s.matches(p)", declaredVariables: ["s", "p"])

    /// Whether `text` contains a match of `pattern` (unanchored, as in OpenAPI); nil when the
    /// pattern does not compile (`crd-structural-schema` reports that on the CRD).
    static func matches(_ text: String, _ pattern: String) -> Bool? {
        guard case .success = RE2Regex.compile(pattern), let matcher,
              case .success(.bool(let matched)) = matcher.evaluate(["s": .string(text), "p": .string(pattern)])
        else { return nil }
        return matched
    }

    /// Whether the pattern compiles, and why not.
    static func compileError(_ pattern: String) -> String? {
        if case .failure(let error) = RE2Regex.compile(pattern) { return error.message }
        return nil
    }
}

/// CEL programs of `x-kubernetes-validations`, compiled once per source text.
enum CompiledRules {
    private static let cache = Mutex<[String: Result<CELProgram, CELCompileError>]>([:])

    /// The variables a CRD validation rule may use.
    static let variables: Set<String> = ["self", "oldSelf"]

    static func program(_ source: String) -> Result<CELProgram, CELCompileError> {
        if let cached = cache.withLock({ $0[source] }) { return cached }
        let result: Result<CELProgram, CELCompileError>
        do throws(CELCompileError) {
            result = .success(try CELProgram.compile(source, declaredVariables: variables))
        } catch {
            result = .failure(error)
        }
        cache.withLock { $0[source] = result }
        return result
    }
}
