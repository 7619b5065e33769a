// Muting everyone is an audio/video operation: an IM MCU has no audio.
use mcu_session::{InstantMessaging, Operation, SelfUnmuteAssignment};

fn main() {
    let _ = Operation::<InstantMessaging>::enable_mute_all_mode(SelfUnmuteAssignment::Everyone);
}
