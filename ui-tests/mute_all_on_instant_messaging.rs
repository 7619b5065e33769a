// Muting everyone is an audio/video operation: an IM MCU has no audio.
use mcu_session::{InstantMessaging, Operation};

fn main() {
    let _ = Operation::<InstantMessaging>::mute_all();
}
