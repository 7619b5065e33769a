// `mcu_activated` is not a transition of a Retrying session: the crate documentation's
// transition table (README, "The states and their transitions") allows it only
// from Idle.
use std::time::Instant;

use mcu_session::{InstantMessaging, InstantMessagingMcuSession, McuInfo, Retrying};

fn misuse(session: InstantMessagingMcuSession<Retrying>, mcu: McuInfo<InstantMessaging>, now: Instant) {
    let _ = session.mcu_activated(mcu, now);
}

fn main() {}
