// A Retrying session takes no operations (the focus is reconnecting: the reference rejects operations as retryable).
use std::time::Instant;
use mcu_session::{InstantMessagingMcuSession, Operation, Retrying};

fn misuse(mut session: InstantMessagingMcuSession<Retrying>) {
    let _ = session.request(Operation::enable_block_all_mode(), Instant::now());
}

fn main() {}
