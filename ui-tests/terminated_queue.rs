// A Terminated session cannot queue operations either: only a bound Idle one does.
use std::time::Instant;

use mcu_session::{InstantMessagingMcuSession, Operation, Terminated};

fn misuse(mut session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.queue(Operation::block_all(), Instant::now());
}

fn main() {}
