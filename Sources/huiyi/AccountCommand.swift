import ArgumentParser
import Foundation
import HuiyiServer
import Store

/// `huiyi account …`: SIP accounts in the data directory. The realm is the configured domain, so the digest
/// credentials stored here match what `huiyi serve` challenges with.
struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Add, list, change and remove SIP accounts.",
        subcommands: [Add.self, Passwd.self, List.self, Remove.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")

        @Argument(help: "The user part of the account's address (alice for sip:alice@domain).")
        var username: String
        @OptionGroup var password: PasswordOptions
        @OptionGroup var options: ConfigurationOptions

        func run() throws {
            let domain = try AccountCommand.storePassword(options, password) { accounts, secret, realm in
                try accounts.add(username: username, password: secret, realm: realm)
            }
            print("added \(username)@\(domain)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's password (and its realm to the configured domain)."
        )

        @Argument(help: "The account to change.")
        var username: String
        @OptionGroup var password: PasswordOptions
        @OptionGroup var options: ConfigurationOptions

        func run() throws {
            let domain = try AccountCommand.storePassword(options, password) { accounts, secret, realm in
                try accounts.setPassword(username: username, password: secret, realm: realm)
            }
            print("changed the password of \(username)@\(domain)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var options: ConfigurationOptions

        func run() throws {
            let accounts = try AccountCommand.perform(try options.load()) { try $0.list() }
            if json {
                try ListingOutput.printJSON(accounts.map(AccountJSON.init))
                return
            }
            var table = TextTable("USERNAME", "REALM", "CREATED")
            for account in accounts {
                table.append(account.username, account.realm, ListingOutput.timestamp(account.createdAt))
            }
            print(table.rendered)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an account.")

        @Argument(help: "The account to delete.")
        var username: String
        @OptionGroup var options: ConfigurationOptions

        func run() throws {
            let configuration = try options.load()
            try AccountCommand.perform(configuration) { try $0.remove(username: username) }
            print("removed \(username)")
        }
    }

    /// Loads the configuration, reads the password (only then, so a bad flag never waits on stdin) and hands both,
    /// with the configured domain as realm, to `store`. Returns the domain.
    static func storePassword(
        _ options: ConfigurationOptions, _ password: PasswordOptions,
        _ store: (AccountStore, _ password: String, _ realm: String) throws -> Void
    ) throws(CommandFailure) -> String {
        let configuration = try options.load()
        let secret = try password.read()
        try perform(configuration) { try store($0, secret, configuration.domain) }
        return configuration.domain
    }

    /// Opens the data directory and runs `body` on its accounts; any failure is an operational one (status 1).
    static func perform<T>(
        _ configuration: ServerConfiguration, _ body: (AccountStore) throws -> T
    ) throws(CommandFailure) -> T {
        let database = try StoreAccess.open(configuration)
        do {
            return try body(database.accounts)
        } catch {
            throw .operation(error)
        }
    }
}

/// One account in `huiyi account list --json`.
struct AccountJSON: Encodable {
    var username: String
    var realm: String
    var created: Date

    init(_ summary: AccountSummary) {
        username = summary.username
        realm = summary.realm
        created = summary.createdAt
    }
}
