// A Retrying session cannot queue operations either: only a bound Idle one does.
use std::time::Instant;

use mcu_session::{InstantMessagingMcuSession, Operation, Retrying};

fn misuse(mut session: InstantMessagingMcuSession<Retrying>) {
    let _ = session.queue(Operation::enable_block_all_mode(), Instant::now());
}

fn main() {}
