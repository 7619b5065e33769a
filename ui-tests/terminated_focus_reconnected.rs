// `focus_reconnected` is not a transition of a Terminated session: the table in DESIGN.md
// section 1 allows it only from Retrying.
use mcu_session::{InstantMessagingMcuSession, McuStatus, Terminated};

fn misuse(session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.focus_reconnected(McuStatus::Active);
}

fn main() {}
