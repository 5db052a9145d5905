import Foundation

/// A file (or standard input) to check, named as the user will see it.
public struct SourceInput: Sendable, Hashable {
    public enum Origin: Sendable, Hashable {
        case file(String)
        case bytes([UInt8])
    }

    public var name: String
    public var origin: Origin

    public init(name: String, path: String) {
        self.name = name
        origin = .file(path)
    }

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        origin = .bytes(bytes)
    }

    /// The file's canonical path (symlinks resolved), nil for standard input.
    public var realPath: String? {
        guard case .file(let path) = origin else { return nil }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// Reads the input; errors are returned as text for a finding, never thrown past here.
    public func read(maxBytes: Int) -> Result<[UInt8], InputError> {
        switch origin {
        case .bytes(let bytes):
            return .success(bytes)
        case .file(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                if isSymbolicLink(path) {
                    return .failure(InputError(message: "symbolic link cannot be resolved (dangling, or a loop)"))
                }
                return .failure(InputError(message: "no such file"))
            }
            if isDirectory.boolValue { return .failure(InputError(message: "is a directory, not a file")) }
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
                return .failure(InputError(message: "cannot read file attributes"))
            }
            if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
                return .failure(InputError(message: "not a regular file (\(type.rawValue)); skipped"))
            }
            if let size = attributes[.size] as? Int, size > maxBytes {
                return .failure(InputError(message: "file is \(size) bytes, over the limit of \(maxBytes) bytes; not parsed"))
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return .failure(InputError(message: "cannot open file (permission denied?)"))
            }
            defer { try? handle.close() }
            do {
                let data = try handle.readToEnd() ?? Data()
                return .success([UInt8](data))
            } catch {
                return .failure(InputError(message: "read failed: \(error.localizedDescription)"))
            }
        }
    }
}

public struct InputError: Error, Sendable, Hashable {
    public var message: String
}

/// Expands command-line paths into the files to check, in a stable order.
public enum InputDiscovery {
    public static let manifestExtensions: Set<String> = ["yaml", "yml", "json", "jsonl"]

    /// - Throws: `InputError` for a named path that does not exist (a usage error).
    public static func inputs(for paths: [String], extraExtensions: Set<String> = []) throws(InputError) -> [SourceInput] {
        var result: [SourceInput] = []
        var seen: Set<String> = []
        let extensions = manifestExtensions.union(extraExtensions)
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                // A symlink loop or dangling link is there but unreadable: a finding, not a usage error.
                if isSymbolicLink(path), seen.insert(displayName(path)).inserted {
                    result.append(SourceInput(name: displayName(path), path: path))
                    continue
                }
                throw InputError(message: "\(path): no such file or directory")
            }
            if isDirectory.boolValue {
                for file in walk(path, extensions: extensions) where seen.insert(displayName(file)).inserted {
                    result.append(SourceInput(name: displayName(file), path: file))
                }
            } else if seen.insert(displayName(path)).inserted {
                // A file named explicitly is checked whatever its extension.
                result.append(SourceInput(name: displayName(path), path: path))
            }
        }
        return result
    }

    /// `./a/b.yaml` and `a/b.yaml` are the same file: name it one way, so fingerprints and
    /// baselines do not depend on how the path was typed.
    static func displayName(_ path: String) -> String {
        var name = Substring(path)
        while name.hasPrefix("./") { name = name.dropFirst(2) }
        while name.contains("//") { name = Substring(name.replacingOccurrences(of: "//", with: "/")) }
        return name.isEmpty ? path : String(name)
    }

    /// Files under a directory, sorted; hidden entries skipped; symlinked directories
    /// followed once (a loop cannot recur because real paths are remembered).
    static func walk(_ root: String, extensions: Set<String>) -> [String] {
        var files: [String] = []
        var visited: Set<String> = []
        var stack: [String] = [root]
        let fm = FileManager.default
        while let dir = stack.popLast() {
            let real = (try? fm.destinationOfSymbolicLink(atPath: dir)).map { _ in
                URL(fileURLWithPath: dir).resolvingSymlinksInPath().path
            } ?? URL(fileURLWithPath: dir).standardizedFileURL.resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else { continue }
            guard let entries = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            var subdirectories: [String] = []
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                let path = dir == "." ? entry : (dir.hasSuffix("/") ? dir + entry : dir + "/" + entry)
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    // A manifest-named symlink that cannot be resolved (dangling, or a loop) is listed so
                    // that reading it reports a finding instead of the file silently dropping out of the run.
                    if isSymbolicLink(path), extensions.contains(fileExtension(of: entry)) {
                        files.append(path)
                    }
                    continue
                }
                if isDirectory.boolValue {
                    subdirectories.append(path)
                } else if extensions.contains(fileExtension(of: entry)) {
                    files.append(path)
                }
            }
            stack.append(contentsOf: subdirectories.reversed())
        }
        return files.sorted()
    }
}

/// The lowercased extension of a file name (`a.YAML` → `yaml`, `.yaml` and `a` → empty), as
/// bytes: bridging each name of a repository walk to NSString for `pathExtension` cost more
/// than checking a small change.
func fileExtension(of name: String) -> String {
    let utf8 = name.utf8
    guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")), dot != utf8.startIndex,
          !utf8[dot...].contains(UInt8(ascii: "/")) else { return "" }
    return String(decoding: utf8[utf8.index(after: dot)...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
}

/// Whether `path` itself (not what it points to) is a symbolic link.
func isSymbolicLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
}
