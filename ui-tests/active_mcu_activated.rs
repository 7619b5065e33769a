// `mcu_activated` is not a transition of an Active session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Idle.
use std::time::Instant;

use mcu_session::{Active, InstantMessaging, InstantMessagingMcuSession, McuInfo};

fn misuse(session: InstantMessagingMcuSession<Active>, mcu: McuInfo<InstantMessaging>, now: Instant) {
    let _ = session.mcu_activated(mcu, now);
}

fn main() {}
