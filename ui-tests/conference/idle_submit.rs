// A `Idle` conference session has no `submit`.
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
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.submit::<InstantMessaging>(Operation::enable_block_all_mode(), Instant::now());
}
