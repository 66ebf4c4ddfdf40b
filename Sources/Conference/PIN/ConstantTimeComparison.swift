/// Equality of secrets in time that depends only on the lengths' maximum, never on where the first difference lies.
enum ConstantTimeComparison {
    /// Whether `lhs` and `rhs` hold the same bytes. Every position up to the longer length is visited and nothing
    /// returns early, so the time taken does not tell a caller how many leading digits were right.
    static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference: UInt8 = lhs.count == rhs.count ? 0 : 1
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }
}
