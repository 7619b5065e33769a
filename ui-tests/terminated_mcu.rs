// A Terminated session has no MCU (its conference does not offer the MCU
// type): it has no `mcu()`.
use mcu_session::{InstantMessagingMcuSession, Terminated};

fn misuse(session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.mcu();
}

fn main() {}
