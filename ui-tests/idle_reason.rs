// Only a Terminated session has a termination reason: an Idle session has no
// `reason()`.
use mcu_session::{InstantMessagingMcuSession, Idle};

fn misuse(session: InstantMessagingMcuSession<Idle>) {
    let _ = session.reason();
}

fn main() {}
