//! Shared by the criterion benchmarks and the instruction-count binary.

pub mod baseline;
pub mod workloads;

use core::mem::size_of;

use mcu_session::{Active, AnySession, Idle, InstantMessaging, Retrying, Session, Terminated};
use static_assertions::const_assert;

// The runtime view is no larger than the hand-written state plus data.
const_assert!(size_of::<AnySession<InstantMessaging>>() <= size_of::<baseline::Machine>());

/// The sizes benches/README.md quotes.
pub fn sizes() -> [(&'static str, usize); 6] {
    [
        (
            "Session<Idle>",
            size_of::<Session<Idle, InstantMessaging>>(),
        ),
        (
            "Session<Active>",
            size_of::<Session<Active, InstantMessaging>>(),
        ),
        (
            "Session<Retrying>",
            size_of::<Session<Retrying, InstantMessaging>>(),
        ),
        (
            "Session<Terminated>",
            size_of::<Session<Terminated, InstantMessaging>>(),
        ),
        ("AnySession", size_of::<AnySession<InstantMessaging>>()),
        ("baseline Machine", size_of::<baseline::Machine>()),
    ]
}
