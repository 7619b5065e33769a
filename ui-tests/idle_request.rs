// An Idle session does not send operations at once: it queues them.
use std::time::Instant;
use mcu_session::{InstantMessagingMcuSession, Operation};

fn misuse(mut session: InstantMessagingMcuSession) {
    let _ = session.request(Operation::enable_block_all_mode(), Instant::now());
}

fn main() {}
