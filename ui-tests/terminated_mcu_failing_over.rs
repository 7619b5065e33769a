// `mcu_failing_over` is not a transition of a Terminated session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Active.
use mcu_session::{InstantMessagingMcuSession, Terminated};

fn misuse(session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.mcu_failing_over();
}

fn main() {}
