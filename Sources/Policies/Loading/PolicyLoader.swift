import Foundation  // Reading files and folders only; evaluation never touches Foundation.
import Models
import YAMLTree

/// Loads policy files: native `Policy` documents, ValidatingAdmissionPolicies and their
/// bindings. Other Kubernetes objects in policy files (param ConfigMaps, Namespaces,
/// CustomResourceDefinitions) are kept as support objects: params and kinds resolve
/// against them as well as against the checked manifests. `PolicyTest` documents are
/// skipped here; `PolicyTester` reads them.
public enum PolicyLoader {
    public static let apiVersion = "palisade.dev/v1"

    /// Files and folders (searched recursively for `.yaml`/`.yml`), in a stable order.
    public static func load(paths: [String]) throws(PolicyError) -> PolicySet {
        var documents = PolicyDocuments()
        for file in try files(in: paths) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw PolicyError(file: file, position: .start, message: "cannot read policy file")
            }
            try documents.add(bytes: Array(data), file: file)
        }
        return try PolicySet(documents)
    }

    /// Policies from text (built-in policies, tests). `builtin`: the text is one of the
    /// built-in policies, whose rule ids are bare (`job-missing-ttl`) instead of
    /// `policy-name/rule-id`.
    public static func load(text: String, file: String, builtin: Bool = false) throws(PolicyError) -> PolicySet {
        var documents = PolicyDocuments(builtin: builtin)
        try documents.add(bytes: Array(text.utf8), file: file)
        return try PolicySet(documents)
    }

    static func files(in paths: [String]) throws(PolicyError) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PolicyError(file: path, position: .start, message: "no such policy file or folder")
            }
            guard isDirectory.boolValue else { out.append(path); continue }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            var found: [String] = []
            if let walker = fm.enumerator(atPath: path) {
                while let relative = walker.nextObject() as? String {
                    if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { found.append(base + "/" + relative) }
                }
            }
            out.append(contentsOf: found.sorted())
        }
        return out
    }
}

/// The parsed documents of one or more policy files, before they are combined.
struct PolicyDocuments {
    /// Built-in policies: native rule ids without the policy name.
    var builtin = false
    var native: [NativePolicy] = []
    var admission: [AdmissionPolicy] = []
    var bindings: [AdmissionBinding] = []
    var supportResources: [Resource] = []
    /// `PolicyTest` documents, for the tester.
    var tests: [YAMLNode] = []

    mutating func add(bytes: [UInt8], file: String) throws(PolicyError) {
        let stream = YAMLParser.parse(bytes, file: file)
        if let d = stream.diagnostics.first {
            throw PolicyError(file: file, position: d.position, message: "YAML: \(d.message)")
        }
        for document in stream.documents {
            let root = document.root
            if root.isScalar && (root.resolvedType == .null || root.scalar == "") { continue }
            let reader = try FieldReader(root, path: "")
            let apiVersion = try reader.string("apiVersion") ?? ""
            let kind = try reader.string("kind") ?? ""
            switch (apiVersion, kind) {
            case (PolicyLoader.apiVersion, "Policy"):
                native.append(try NativePolicyParser.parse(reader, builtin: builtin))
            case (PolicyLoader.apiVersion, "PolicyTest"):
                tests.append(root)
            case (_, "ValidatingAdmissionPolicy") where apiVersion.hasPrefix("admissionregistration.k8s.io/"):
                admission.append(try AdmissionPolicyParser.policy(reader))
            case (_, "ValidatingAdmissionPolicyBinding") where apiVersion.hasPrefix("admissionregistration.k8s.io/"):
                bindings.append(try AdmissionPolicyParser.binding(reader))
            case (PolicyLoader.apiVersion, _):
                throw PolicyError("unknown kind '\(kind)' for \(PolicyLoader.apiVersion); expected Policy or PolicyTest", at: root["kind"] ?? root)
            default:
                guard !apiVersion.isEmpty, !kind.isEmpty else {
                    throw PolicyError("not a policy: a document needs apiVersion and kind", at: root)
                }
                supportResources.append(contentsOf: ResourceDecoder.resources(in: document).resources)
            }
        }
    }
}
