/// Read access to live server transactions for the TU (RFC 3261 §9.2: answering a CANCEL needs the INVITE it
/// cancels, to build the 487).
extension TransactionLayer {
    /// The request that created a live server transaction, nil once it has ended. A non-INVITE transaction lets go
    /// of its request when its final response is sent (it then only resends that response, §17.2.2).
    public func request(of id: ServerTransactionID) -> SIPRequest? {
        if let live = serverInvites[id.key], live.serial == id.serial { return live.machine.request }
        if let live = serverNonInvites[id.key], live.serial == id.serial { return live.machine.request }
        return nil
    }
}
