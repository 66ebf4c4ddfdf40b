/// The attribute line `a=`: a property attribute (`a=<name>`) or a value attribute (`a=<name>:<value>`) (RFC 8866 §5.13).

public struct Attribute: Sendable, Hashable {
    public var name: String
    /// `nil` for a property attribute such as `a=sendrecv`; an empty string for `a=name:` with nothing after.
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }

    /// The line's value, without `a=`.
    public var encoded: String { value.map { "\(name):\($0)" } ?? name }

    /// Parses the value of an `a=` line: everything before the first colon is the name.
    init(parsing text: Substring) {
        if let colon = text.firstIndex(of: ":") {
            self.init(String(text[..<colon]), String(text[text.index(after: colon)...]))
        } else {
            self.init(String(text))
        }
    }
}

/// A session or a media section: both carry an ordered list of attributes.
public protocol AttributeCarrying {
    var attributes: [Attribute] { get }
}

extension AttributeCarrying {
    /// The values of every attribute called `name`, in order; a property attribute yields an empty string.
    public func values(of name: String) -> [String] {
        attributes.lazy.filter { $0.name == name }.map { $0.value ?? "" }
    }

    /// The value of the first attribute called `name`, `""` for a property attribute, `nil` when absent.
    public func value(of name: String) -> String? {
        attributes.first(where: { $0.name == name }).map { $0.value ?? "" }
    }

    /// Whether an attribute called `name` is present.
    public func has(_ name: String) -> Bool {
        attributes.contains(where: { $0.name == name })
    }
}
