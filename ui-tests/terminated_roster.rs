// A Terminated session has no MCU, so nobody attends it: it has no `roster`.
use mcu_session::{InstantMessagingMcuSession, Terminated};

fn misuse(session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.roster();
}

fn main() {}
