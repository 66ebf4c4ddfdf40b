/// Why a configuration could not be used, said so that the operator knows which key (or flag) to fix and how.
///
/// `description` is one line, ready for `huiyi: <description>` on stderr:
/// `Config/huiyi.toml:14: sip.listen[1]: expected "udp|tcp|tls:HOST:PORT" (IPv6 in brackets), got "udp:5060"`.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Where the offending value came from.
    public enum Origin: Equatable, Sendable {
        /// A configuration file; `line` when the key could be found in its text.
        case file(path: String, line: Int?)
        /// A command-line flag, such as `--sip`.
        case flag
        /// A rule that spans several keys (for example `min_expires ≤ default_expires`), whatever their source.
        case combined
    }

    public var origin: Origin
    /// The key as written in the file (`sip.listen[1]`, `registrar.min_expires`) or the flag (`--sip`);
    /// empty when the problem concerns the whole file (missing, unreadable, not TOML).
    public var key: String
    /// What is wrong and what is expected, e.g. `expected an integer ≥ 1, got -5`.
    public var problem: String

    public init(origin: Origin, key: String, problem: String) {
        self.origin = origin
        self.key = key
        self.problem = problem
    }

    public var description: String {
        var parts: [String] = []
        switch origin {
        case .file(let path, let line?): parts.append("\(path):\(line)")
        case .file(let path, nil): parts.append(path)
        case .flag, .combined: break
        }
        if !key.isEmpty { parts.append(key) }
        parts.append(problem)
        return parts.joined(separator: ": ")
    }
}
