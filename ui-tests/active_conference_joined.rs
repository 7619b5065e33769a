// `conference_joined` is not a transition of an Active session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Idle.
use mcu_session::{Active, InstantMessagingMcuSession};

fn misuse(session: InstantMessagingMcuSession<Active>) {
    let _ = session.conference_joined([]);
}

fn main() {}
