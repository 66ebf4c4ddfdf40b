import Foundation
import XCTest
@testable import Store

/// Gives each test its own data directory under the temporary directory, removed afterwards.
class StoreTestCase: XCTestCase {
    var dataDirectory: String!

    override func setUpWithError() throws {
        let base = FileManager.default.temporaryDirectory.path
        dataDirectory = (base as NSString).appendingPathComponent("huiyi-store-tests-\(UUID().uuidString)/data")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: (dataDirectory as NSString).deletingLastPathComponent)
    }

    /// `accountRevalidation` zero: every lookup revalidates, so changes by another connection show at once.
    func openDatabase(accountRevalidation: Duration = .zero,
                      clock: @escaping @Sendable () -> Date = { Date() }) throws -> HuiyiDatabase {
        try HuiyiDatabase(dataDirectory: dataDirectory, busyTimeout: .seconds(5),
                          accountRevalidation: accountRevalidation, clock: clock)
    }
}
