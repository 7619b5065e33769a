// `failover_completed` is not a transition of an Active session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Retrying.
use mcu_session::{Active, InstantMessagingMcuSession};

fn misuse(session: InstantMessagingMcuSession<Active>) {
    let _ = session.failover_completed();
}

fn main() {}
