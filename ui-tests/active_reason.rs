// Only a Terminated session has a termination reason: an Active session has no
// `reason()`.
use mcu_session::{InstantMessagingMcuSession, Active};

fn misuse(session: InstantMessagingMcuSession<Active>) {
    let _ = session.reason();
}

fn main() {}
