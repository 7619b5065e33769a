// Only an Idle session has a timer (its queued operations): an Active session
// has no `poll_timeout`.
use mcu_session::{InstantMessagingMcuSession, Active};

fn misuse(session: InstantMessagingMcuSession<Active>) {
    let _ = session.poll_timeout();
}

fn main() {}
