/// RFC 3261 §25.1 `user`: which account names can be the user part of a SIP URI without escaping.
enum AccountUsername {
    static let maximumLength = 64
    /// `mark` (unreserved punctuation) and `user-unreserved` from RFC 3261 §25.1.
    static let punctuation = Set("-_.!~*'()&=+$,;?/".utf8)

    /// Throws unless `username` is 1–64 characters of letters, digits and RFC 3261 user punctuation.
    /// Percent-escapes are refused too: an account name is typed by people, so it should not need them.
    static func validate(_ username: String) throws(AccountStoreError) {
        let allowed = "letters, digits and -_.!~*'()&=+$,;?/"
        guard !username.isEmpty else { throw .invalidUsername(username, reason: "it is empty; use \(allowed)") }
        guard username.utf8.count <= maximumLength else {
            throw .invalidUsername(username, reason: "it is longer than \(maximumLength) characters")
        }
        for octet in username.utf8 {
            let isAlphanumeric = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(octet)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(octet)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(octet)
            guard isAlphanumeric || punctuation.contains(octet) else {
                let character = String(decoding: [octet], as: UTF8.self)
                throw .invalidUsername(
                    username, reason: "'\(octet < 0x80 ? character : "non-ASCII")' is not allowed; use \(allowed)"
                )
            }
        }
    }
}
