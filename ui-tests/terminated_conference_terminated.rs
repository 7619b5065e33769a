// A Terminated session has already ended: the conference's end cannot end
// it again (there is no way out of Terminated).
use mcu_session::{AudioVideoMcuSession, Terminated};

fn misuse(session: AudioVideoMcuSession<Terminated>) {
    let _ = session.conference_terminated();
}

fn main() {}
