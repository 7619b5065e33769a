// `focus_reconnected` is not a transition of an Idle session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Retrying.
use mcu_session::{Idle, InstantMessagingMcuSession, McuStatus};

fn misuse(session: InstantMessagingMcuSession<Idle>) {
    let _ = session.focus_reconnected(McuStatus::Active);
}

fn main() {}
