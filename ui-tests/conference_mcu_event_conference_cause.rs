// A conference takes no report of its own causes about one MCU: a focus
// failover, a reconnection, the join's offer or the conference's end come
// through its own transitions, for every MCU session at once.
use std::time::Instant;

use mcu_session::conference::Connected;
use mcu_session::{ConferenceSession, Event, InstantMessaging};

fn misuse(mut connected: ConferenceSession<Connected>, now: Instant) {
    let _ = connected.mcu_event::<InstantMessaging>(Event::ConferenceTerminated, now);
}

fn main() {}
