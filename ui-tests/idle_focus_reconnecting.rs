// `focus_reconnecting` is not a transition of a Idle session: the table in DESIGN.md
// section 1 allows it only from Active.
use mcu_session::{Idle, InstantMessagingMcuSession};

fn misuse(session: InstantMessagingMcuSession<Idle>) {
    let _ = session.focus_reconnecting();
}

fn main() {}
