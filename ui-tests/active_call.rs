// Only a Retrying session knows what became of the call with the MCU: a
// Active session has no `call()`.
use mcu_session::{InstantMessagingMcuSession, Active};

fn misuse(session: InstantMessagingMcuSession<Active>) {
    let _ = session.call();
}

fn main() {}
