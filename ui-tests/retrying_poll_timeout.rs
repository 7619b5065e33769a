// Only an Idle session has a timer (its queued operations): a Retrying session
// has no `poll_timeout`.
use mcu_session::{InstantMessagingMcuSession, Retrying};

fn misuse(session: InstantMessagingMcuSession<Retrying>) {
    let _ = session.poll_timeout();
}

fn main() {}
