// An instant messaging session cannot be activated with an audio/video MCU.
use mcu_session::{AudioVideo, InstantMessagingMcuSession, McuInfo};

fn misuse(idle: InstantMessagingMcuSession, av: McuInfo<AudioVideo>) {
    let _active = idle.mcu_activated(av);
}

fn main() {}
