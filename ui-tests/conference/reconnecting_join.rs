// A `Reconnecting` conference session has no `join`.
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
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap().reconnecting();
    let _ = conference.join();
}
