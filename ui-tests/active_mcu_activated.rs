// `mcu_activated` is not a transition of a Active session: the table in DESIGN.md
// section 1 allows it only from Idle.
use mcu_session::{Active, InstantMessaging, InstantMessagingMcuSession, McuInfo};

fn misuse(session: InstantMessagingMcuSession<Active>, mcu: McuInfo<InstantMessaging>) {
    let _ = session.mcu_activated(mcu);
}

fn main() {}
