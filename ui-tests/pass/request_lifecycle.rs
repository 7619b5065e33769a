// The request lifecycle compiles where the reference allows it: answers on
// Active and Retrying sessions (an MCU failover keeps requests pending),
// cancels and timers wherever operations can be held.
use std::time::Instant;

use mcu_session::{
    Active, Idle, InstantMessagingMcuSession, Operation, Response, Retrying, RequestId,
};

fn active(mut session: InstantMessagingMcuSession<Active>) -> InstantMessagingMcuSession<Retrying> {
    let now = Instant::now();
    let request = session.request(Operation::enable_block_all_mode(), now).unwrap();
    let _ = session.pending();
    let _ = session.poll_timeout();
    let _ = session.handle_timeout(now);
    let mut retrying = session.mcu_failing_over();
    let _ = retrying.answer(Response::Success { id: request.id });
    let _ = retrying.pending();
    let _ = retrying.cancel(RequestId::new(2));
    let _ = retrying.handle_timeout(now);
    retrying
}

fn idle(mut session: InstantMessagingMcuSession<Idle>) {
    let _ = session.cancel(RequestId::new(1));
    let _ = session.poll_timeout();
}

fn main() {
    let _ = (active, idle);
}
