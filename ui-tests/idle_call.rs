// Only a Retrying session knows what became of the call with the MCU: a
// Idle session has no `call()`.
use mcu_session::{InstantMessagingMcuSession, Idle};

fn misuse(session: InstantMessagingMcuSession<Idle>) {
    let _ = session.call();
}

fn main() {}
