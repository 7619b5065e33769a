// `conference_joined` is not a transition of a Terminated session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Idle.
use mcu_session::{InstantMessagingMcuSession, Terminated};

fn misuse(session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.conference_joined([]);
}

fn main() {}
