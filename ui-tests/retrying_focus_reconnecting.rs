// `focus_reconnecting` is not a transition of a Retrying session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Active.
use mcu_session::{InstantMessagingMcuSession, Retrying};

fn misuse(session: InstantMessagingMcuSession<Retrying>) {
    let _ = session.focus_reconnecting();
}

fn main() {}
