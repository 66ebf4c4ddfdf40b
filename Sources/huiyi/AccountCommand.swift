import AdminAPI
import ArgumentParser
import Foundation
import HuiyiServer
import Store

/// `huiyi account …`: SIP accounts. Through the running server's admin API when it answers (the change is audited
/// there); with no server running, on the data directory's store directly, which the server reads on its next
/// start (or within 250 ms, should it start meanwhile). The realm is the server's domain either way, so the stored
/// digest credentials match what `huiyi serve` challenges with.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Add, list, change and remove SIP accounts.",
        subcommands: [Add.self, Passwd.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")

        @Argument(help: "The user part of the account's address (alice for sip:alice@domain).")
        var username: String
        @OptionGroup var password: PasswordOptions
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let secret = try password.read()
            let domain = try await admin.serverOrStore(server: { (client) throws(CommandFailure) in
                let account: AccountSummaryDTO = try await client.post(
                    "accounts", body: AccountRequest(username: username, password: secret))
                return account.realm
            }, store: { database, configuration in
                try database.accounts.add(username: username, password: secret, realm: configuration.domain)
                return configuration.domain
            })
            print("added \(username)@\(domain)")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's password (and its realm to the server's domain)."
        )

        @Argument(help: "The account to change.")
        var username: String
        @OptionGroup var password: PasswordOptions
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let secret = try password.read()
            let domain = try await admin.serverOrStore(server: { (client) throws(CommandFailure) in
                let account: AccountSummaryDTO = try await client.put(
                    "accounts", username, "password", body: AccountRequest(password: secret))
                return account.realm
            }, store: { database, configuration in
                try database.accounts.setPassword(username: username, password: secret, realm: configuration.domain)
                return configuration.domain
            })
            print("changed the password of \(username)@\(domain)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let accounts = try await admin.serverOrStore(server: { (client) throws(CommandFailure) in
                let accounts: [AccountSummaryDTO] = try await client.get("accounts")
                return accounts
            }, store: { database, _ in
                try database.accounts.list().map {
                    AccountSummaryDTO(username: $0.username, realm: $0.realm,
                                      created: ListingOutput.timestamp($0.createdAt))
                }
            })
            if json {
                try ListingOutput.printJSON(accounts)
                return
            }
            var table = TextTable("USERNAME", "REALM", "CREATED")
            for account in accounts { table.append(account.username, account.realm, account.created) }
            print(table.rendered)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an account.")

        @Argument(help: "The account to delete.")
        var username: String
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            try await admin.serverOrStore(server: { (client) throws(CommandFailure) in
                let _: [String: String] = try await client.delete("accounts", username)
            }, store: { database, _ in
                try database.accounts.remove(username: username)
            })
            print("removed \(username)")
        }
    }
}
