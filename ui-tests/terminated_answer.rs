// A Terminated session holds nothing: no answer can concern it.
use mcu_session::{InstantMessagingMcuSession, RequestId, Response, Terminated};

fn misuse(mut session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.answer(Response::Success { id: RequestId::new(1) });
}

fn main() {}
