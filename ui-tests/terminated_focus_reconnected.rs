// `focus_reconnected` is not a transition of a Terminated session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Retrying.
use mcu_session::{InstantMessagingMcuSession, McuStatus, Terminated};

fn misuse(session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.focus_reconnected(McuStatus::Active);
}

fn main() {}
