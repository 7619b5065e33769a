// An Idle session has sent nothing (a focus reconnect failed what was
// pending), so it takes no answers from the focus.
use mcu_session::{InstantMessagingMcuSession, RequestId, Response};

fn misuse(mut session: InstantMessagingMcuSession) {
    let _ = session.answer(Response::Success { id: RequestId::new(1) });
}

fn main() {}
