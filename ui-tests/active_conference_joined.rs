// `conference_joined` is not a transition of a Active session: the table in DESIGN.md
// section 1 allows it only from Idle.
use mcu_session::{Active, InstantMessagingMcuSession};

fn misuse(session: InstantMessagingMcuSession<Active>) {
    let _ = session.conference_joined([]);
}

fn main() {}
