// `focus_reconnected` is not a transition of a Active session: the table in DESIGN.md
// section 1 allows it only from Retrying.
use mcu_session::{Active, InstantMessagingMcuSession, McuStatus};

fn misuse(session: InstantMessagingMcuSession<Active>) {
    let _ = session.focus_reconnected(McuStatus::Active);
}

fn main() {}
