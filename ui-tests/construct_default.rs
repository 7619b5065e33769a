// No state, not even Idle, has a default session.
use mcu_session::{AudioVideoMcuSession, Retrying};

fn main() {
    let _forged = AudioVideoMcuSession::<Retrying>::default();
}
