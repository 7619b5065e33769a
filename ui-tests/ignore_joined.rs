// The result of `conference_joined` holds the session, bound or terminated:
// it cannot be ignored silently.
#![deny(unused_must_use)]

use mcu_session::{Idle, InstantMessagingMcuSession};

fn misuse(idle: InstantMessagingMcuSession<Idle>) {
    idle.conference_joined([]);
}

fn main() {}
