import Authz
import Engine
import Models

/// `palisade secrets`: every Secret defined in the repository, who consumes it and how, who
/// can read it, and the references to Secrets the repository does not define. Values are
/// never part of it.
public struct SecretInventory: Sendable {
    public struct Consumer: Sendable, Hashable {
        public var resource: ResourceIdentity
        public var container: String?
        /// How: `env AWS_KEY (secretKeyRef key)`, `envFrom`, `volume at /etc/aws`, `imagePullSecrets`, …
        public var how: String
        public var file: String
        public var line: Int
    }

    public struct Reader: Sendable, Hashable {
        public var subject: String
        public var verbs: [String]
        /// The grant chain: `file:line` binding → role → rule, or the ABAC line.
        public var evidence: [String]
        /// Whether every grant comes from the API server's own bindings (system:masters,
        /// controllers): true of every Secret, so reports list these apart.
        public var builtIn = true
    }

    public struct Entry: Sendable {
        public var namespace: String
        public var name: String
        public var type: String
        public var keys: [String]
        public var file: String?
        public var line: Int?
        public var consumers: [Consumer]
        public var readers: [Reader]
        /// True when the Secret is referenced but not defined in the repository.
        public var undefined: Bool { file == nil }
    }

    public var entries: [Entry]

    public static func build(_ set: ResourceSet) -> SecretInventory {
        var byID: [String: Entry] = [:]
        func id(_ ns: String, _ name: String) -> String { ns + "/" + name }
        for secret in set.ofKind("Secret") where secret.isSecret {
            let ns = secret.namespace ?? "default"
            byID[id(ns, secret.name ?? "")] = Entry(
                namespace: ns, name: secret.name ?? "", type: secret.secretType,
                keys: Array(Set(secret.secretEntries.map(\.key))).sorted(), file: secret.file,
                line: secret.position.line, consumers: [], readers: [])
        }
        for resource in set.resources {
            let refs = SecretReferences.of(resource)
            guard !refs.isEmpty else { continue }
            let containers = PodSpec.all(of: resource).flatMap(\.allContainers)
            for ref in refs {
                let ns = resource.namespace ?? "default"
                var how = ref.via.rawValue
                if ref.via == .envKey, let key = ref.key { how += " (key \(key))" }
                if let volume = ref.volumeName {
                    for container in containers {
                        for mount in container.volumeMounts where mount["name"]?.scalar == volume {
                            let readOnly = mount["readOnly"]?.boolValue == true ? ", read-only" : ""
                            how += " at \(mount["mountPath"]?.scalar ?? "?") in \(container.name ?? "?")\(readOnly)"
                        }
                    }
                    if let key = ref.key { how += " (key \(key))" }
                }
                let consumer = Consumer(resource: resource.identity, container: ref.container, how: how,
                                        file: resource.file, line: ref.nameNode.position.line)
                byID[id(ns, ref.secretName), default: Entry(namespace: ns, name: ref.secretName, type: "?", keys: [],
                                                             file: nil, line: nil, consumers: [], readers: [])]
                    .consumers.append(consumer)
            }
        }
        let model = set.authorization
        for (key, entry) in byID {
            var readers: [String: Reader] = [:]
            for verb in ["get", "list", "watch"] {
                let request = AccessRequest(verb: verb, apiGroup: "", resource: "secrets", subresource: "",
                                            namespace: entry.namespace, name: verb == "get" ? entry.name : "")
                for access in model.whoCan(request) {
                    let name = access.subject.description
                    var reader = readers[name] ?? Reader(subject: name, verbs: [], evidence: [])
                    reader.verbs.append(verb)
                    for evidence in access.evidence {
                        if evidence.steps.contains(where: { !$0.origin.isBuiltIn }) { reader.builtIn = false }
                        let chain = evidence.steps.map { step in
                            step.origin.isBuiltIn ? "\(step.summary) (built-in)" : "\(step.summary) (\(step.origin.file):\(step.origin.line))"
                        }.joined(separator: " → ")
                        if !reader.evidence.contains(chain) { reader.evidence.append(chain) }
                    }
                    readers[name] = reader
                }
            }
            byID[key]?.readers = readers.values.sorted { $0.subject < $1.subject }
            byID[key]?.consumers.sort { ($0.file, $0.line, $0.how) < ($1.file, $1.line, $1.how) }
        }
        return SecretInventory(entries: byID.values.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) })
    }
}
