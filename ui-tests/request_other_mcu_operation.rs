// An instant messaging session's `request` takes instant messaging
// operations only: an audio/video operation does not fit.
use std::time::Instant;
use mcu_session::{Active, AudioVideo, InstantMessagingMcuSession, Operation};

fn misuse(mut session: InstantMessagingMcuSession<Active>) {
    let _ = session.request(Operation::<AudioVideo>::disable_mute_all_mode(), Instant::now());
}

fn main() {}
