// A transition consumes the session: the Idle value is gone once it is Active.
use std::time::Instant;

use mcu_session::{InstantMessaging, InstantMessagingMcuSession, McuInfo};

fn misuse(idle: InstantMessagingMcuSession, mcu: McuInfo<InstantMessaging>, now: Instant) {
    let _active = idle.mcu_activated(mcu, now);
    let _ = idle.state();
}

fn main() {}
