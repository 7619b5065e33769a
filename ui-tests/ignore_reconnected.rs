// The result of `focus_reconnected` holds the session, Active or Idle again:
// it cannot be ignored silently.
#![deny(unused_must_use)]

use mcu_session::{InstantMessagingMcuSession, McuStatus, Retrying};

fn misuse(retrying: InstantMessagingMcuSession<Retrying>) {
    retrying.focus_reconnected(McuStatus::Active);
}

fn main() {}
