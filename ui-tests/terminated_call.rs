// Only a Retrying session knows what became of the call with the MCU: a
// Terminated session has no `call()`.
use mcu_session::{InstantMessagingMcuSession, Terminated};

fn misuse(session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.call();
}

fn main() {}
