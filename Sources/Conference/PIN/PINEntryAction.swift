/// What the driver of a `PINEntry` does next, in order: play a prompt to the caller, let them in, or end the call.
public enum PINEntryAction: Sendable, Hashable {
    /// Play this prompt to the caller (after any prompt already playing).
    case play(Prompt)
    /// The PIN was right: the caller joins the room in this role (after the prompts before this action).
    case admit(role: ParticipantRole)
    /// The caller had all their attempts: end the call once the prompts before this action have played.
    case hangUp(reason: PINEntryFailure)
}

/// Why a caller was refused entry.
public enum PINEntryFailure: Sendable, Hashable {
    /// The last of the allowed attempts was a wrong PIN.
    case wrongPIN(attempts: Int)
    /// The last of the allowed attempts ended with nothing entered before the first-digit timeout.
    case noInput(attempts: Int)
}
