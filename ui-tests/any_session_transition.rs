// The runtime view has no typed transitions: feed it an `Event` with `apply`
// (or take the typed session out with `try_into`).
use mcu_session::{AnySession, InstantMessaging};

fn misuse(session: AnySession<InstantMessaging>) {
    let _ = session.mcu_failing_over();
}

fn main() {}
