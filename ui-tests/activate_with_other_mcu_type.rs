// An instant messaging session cannot be activated with an audio/video MCU.
use std::time::Instant;

use mcu_session::{AudioVideo, InstantMessagingMcuSession, McuInfo};

fn misuse(idle: InstantMessagingMcuSession, av: McuInfo<AudioVideo>, now: Instant) {
    let _active = idle.mcu_activated(av, now);
}

fn main() {}
