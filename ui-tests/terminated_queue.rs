// A Terminated session cannot queue operations either: only a bound Idle one does.
use std::time::Instant;

use mcu_session::{InstantMessagingMcuSession, Operation, Terminated};

fn misuse(mut session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.queue(Operation::enable_block_all_mode(), Instant::now());
}

fn main() {}
