// A `Disconnected` conference session has no `join`.
#![allow(unused_imports, unused_mut)]
use std::time::Instant;

use mcu_session::conference::{ConnectedExit, Left, Reconnection};
use mcu_session::{
    Active, ConferenceCommand, ConferenceSession, Event, InstantMessaging,
    InstantMessagingMcuSession, Operation, Uri,
};

fn uri() -> Uri {
    Uri::parse("sip:conf@contoso.com").unwrap()
}

fn main() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::Idle(..) => unreachable!(),
    };
    let _ = conference.join();
}
