// `failover_completed` is not a transition of an Idle session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Retrying.
use mcu_session::{Idle, InstantMessagingMcuSession};

fn misuse(session: InstantMessagingMcuSession<Idle>) {
    let _ = session.failover_completed();
}

fn main() {}
