// `mcu_activated` is not a transition of a Terminated session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Idle.
use std::time::Instant;

use mcu_session::{InstantMessaging, InstantMessagingMcuSession, McuInfo, Terminated};

fn misuse(session: InstantMessagingMcuSession<Terminated>, mcu: McuInfo<InstantMessaging>, now: Instant) {
    let _ = session.mcu_activated(mcu, now);
}

fn main() {}
