// A transition consumes the session: the Idle value is gone once it is Active.
use mcu_session::{InstantMessaging, InstantMessagingMcuSession, McuInfo};

fn misuse(idle: InstantMessagingMcuSession, mcu: McuInfo<InstantMessaging>) {
    let _active = idle.mcu_activated(mcu);
    let _ = idle.state();
}

fn main() {}
