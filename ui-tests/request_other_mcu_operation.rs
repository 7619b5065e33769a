// An instant messaging session's `request` takes instant messaging
// operations only: an audio/video operation does not fit.
use mcu_session::{Active, AudioVideo, InstantMessagingMcuSession, Operation};

fn misuse(mut session: InstantMessagingMcuSession<Active>) {
    let _ = session.request(Operation::<AudioVideo>::disable_mute_all_mode());
}

fn main() {}
