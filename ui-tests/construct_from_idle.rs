// There is no conversion between states: only the transitions move a session.
use mcu_session::{InstantMessagingMcuSession, Terminated};

fn misuse(idle: InstantMessagingMcuSession) {
    let _forged: InstantMessagingMcuSession<Terminated> = idle.into();
}

fn main() {}
