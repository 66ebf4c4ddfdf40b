// The SIP server core alone (no sockets): digest-authenticated REGISTERs of many users through parser, transaction
// layer, authenticator and registrar, as the register benchmark drives them. Prints CPU time per REGISTER.
import Foundation
import SIP
import SIPServices

let users = 1000
let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 20
let realm = "huiyi.local"
let accounts = (0..<users).map { AccountCredentials(username: "u\($0)", realm: realm, password: "pw\($0)") }
let authenticator = DigestAuthenticator(realm: realm, algorithms: [.md5],
                                        directory: StaticAccountDirectory(accounts),
                                        nonces: NonceAuthority(secret: Array(repeating: 1, count: 32)))
var core = SIPServerCore(
    transactions: TransactionLayer(),
    answerer: RequestAnswerer(domain: LocalDomain(name: realm), registrar: Registrar(now: Date()),
                              authenticator: authenticator))
let flow = SIPFlow(transport: .udp, remoteHost: "127.0.0.1", remotePort: 5070)

func register(user: Int, seq: Int, authorization: String?) -> [UInt8] {
    var text = "REGISTER sip:huiyi.local SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-\(user)-\(seq);rport\r\n"
        + "From: <sip:u\(user)@huiyi.local>;tag=\(user)\r\nTo: <sip:u\(user)@huiyi.local>\r\n"
        + "Call-ID: reg-\(user)@127.0.0.1\r\nCSeq: \(seq) REGISTER\r\nMax-Forwards: 70\r\n"
        + "Contact: <sip:u\(user)@127.0.0.1:5070>\r\nExpires: 3600\r\nUser-Agent: bench\r\n"
    if let authorization { text += "Authorization: \(authorization)\r\n" }
    return Array((text + "Content-Length: 0\r\n\r\n").utf8)
}

var now = SIPInstant(nanoseconds: 1_000_000_000)
var registered = 0
var seq = 0
let clock = ContinuousClock()
var elapsed = Duration.zero
for _ in 0..<rounds {
    for user in 0..<users {
        seq += 1
        // Challenge, then the authenticated request: two messages per registration, as a client sends them.
        let first = register(user: user, seq: seq, authorization: nil)
        var challenge: [SIPServerCore.Action] = []
        var actions = clock.measure { challenge = core.receive(first, from: flow, now: now, wallClock: Date()) }
        elapsed += actions
        guard case .send(let reply, _)? = challenge.first(where: { if case .send = $0 { return true } else { return false } }),
              let nonce = String(decoding: reply, as: UTF8.self).components(separatedBy: "nonce=\"").dropFirst().first?
                .components(separatedBy: "\"").first
        else { fatalError("no challenge") }
        seq += 1
        let ha1 = DigestAlgorithm.md5.ha1(username: "u\(user)", realm: realm, password: "pw\(user)")
        let response = DigestAlgorithm.md5.response(ha1: ha1, nonce: nonce, nonceCount: "00000001", cnonce: "abc",
                                                   qop: "auth", method: "REGISTER", uri: "sip:huiyi.local")
        let auth = "Digest username=\"u\(user)\", realm=\"\(realm)\", nonce=\"\(nonce)\", uri=\"sip:huiyi.local\", response=\"\(response)\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"abc\""
        let bytes = register(user: user, seq: seq, authorization: auth)
        var result: [SIPServerCore.Action] = []
        actions = clock.measure { result = core.receive(bytes, from: flow, now: now, wallClock: Date()) }
        elapsed += actions
        if result.contains(where: { if case .persistBindings = $0 { return true } else { return false } }) { registered += 1 }
        now = now + .microseconds(500)
    }
}
let perRegistration = Double(elapsed.components.attoseconds) / 1e12 / Double(users * rounds)
    + Double(elapsed.components.seconds) * 1e6 / Double(users * rounds)
print(String(format: "core: %.2f µs per registration (challenge + authenticated REGISTER), %d of %d registered",
             perRegistration, registered, users * rounds))
