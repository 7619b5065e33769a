// `focus_reconnected` is not a transition of a Idle session: the table in DESIGN.md
// section 1 allows it only from Retrying.
use mcu_session::{Idle, InstantMessagingMcuSession, McuStatus};

fn misuse(session: InstantMessagingMcuSession<Idle>) {
    let _ = session.focus_reconnected(McuStatus::Active);
}

fn main() {}
