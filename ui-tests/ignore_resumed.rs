// The result of 4a says whether the MCU call must be set up again: it cannot
// be ignored silently.
#![deny(unused_must_use)]

use mcu_session::{InstantMessagingMcuSession, Retrying};

fn misuse(retrying: InstantMessagingMcuSession<Retrying>) {
    retrying.failover_completed();
}

fn main() {}
