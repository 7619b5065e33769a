// A conference's audio/video MCU session cannot be activated with the
// instant messaging MCU's entry.
use std::time::Instant;

use mcu_session::conference::{Connected, McuReport};
use mcu_session::{AudioVideo, ConferenceSession, InstantMessaging, McuInfo};

fn misuse(mut connected: ConferenceSession<Connected>, chat: McuInfo<InstantMessaging>, now: Instant) {
    let _ = connected.mcu_event::<AudioVideo>(McuReport::Activated(chat), now);
}

fn main() {}
