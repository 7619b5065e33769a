// A Terminated session holds no operations: there is nothing to cancel.
use mcu_session::{AudioVideoMcuSession, RequestId, Terminated};

fn misuse(mut session: AudioVideoMcuSession<Terminated>) {
    let _ = session.cancel(RequestId::new(1));
}

fn main() {}
