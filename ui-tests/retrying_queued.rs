// Only an Idle session queues operations: a Retrying session has no `queued`.
use mcu_session::{InstantMessagingMcuSession, Retrying};

fn misuse(session: InstantMessagingMcuSession<Retrying>) {
    let _ = session.queued();
}

fn main() {}
