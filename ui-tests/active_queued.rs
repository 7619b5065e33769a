// Only an Idle session queues operations: an Active session has no `queued`.
use mcu_session::{InstantMessagingMcuSession, Active};

fn misuse(session: InstantMessagingMcuSession<Active>) {
    let _ = session.queued();
}

fn main() {}
