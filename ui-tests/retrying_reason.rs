// Only a Terminated session has a termination reason: a Retrying session has no
// `reason()`.
use mcu_session::{InstantMessagingMcuSession, Retrying};

fn misuse(session: InstantMessagingMcuSession<Retrying>) {
    let _ = session.reason();
}

fn main() {}
