// `failover_completed` is not a transition of a Terminated session: the table in DESIGN.md
// section 1 allows it only from Retrying.
use mcu_session::{InstantMessagingMcuSession, Terminated};

fn misuse(session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.failover_completed();
}

fn main() {}
