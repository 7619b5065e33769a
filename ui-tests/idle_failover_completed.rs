// `failover_completed` is not a transition of a Idle session: the table in DESIGN.md
// section 1 allows it only from Retrying.
use mcu_session::{Idle, InstantMessagingMcuSession};

fn misuse(session: InstantMessagingMcuSession<Idle>) {
    let _ = session.failover_completed();
}

fn main() {}
