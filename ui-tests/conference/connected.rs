// Every method a `Connected` conference session does not have, one function
// each: rustc reports each call, and the snapshot keeps every message.
#![allow(dead_code, unused_imports, unused_mut)]
use std::time::Instant;

use mcu_session::conference::{ConnectedExit, Left, Reconnection};
use mcu_session::{
    Active, ConferenceCommand, ConferenceSession, Event, InstantMessaging,
    InstantMessagingMcuSession, Operation, Uri,
};

fn uri() -> Uri {
    Uri::parse("sip:conf@contoso.com").unwrap()
}

/// A `Connected` conference session has no `admitted`.
fn admitted() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.admitted([]);
}

/// A `Connected` conference session has no `attach`.
fn attach() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.attach(InstantMessagingMcuSession::new(uri()));
}

/// A `Connected` conference session has no `cause`.
fn cause() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.cause();
}

/// A `Connected` conference session has no `disconnected`.
fn disconnected() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.disconnected();
}

/// A `Connected` conference session has no `entered_lobby`.
fn entered_lobby() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.entered_lobby();
}

/// A `Connected` conference session has no `join`.
fn join() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.join();
}

/// A `Connected` conference session has no `join_failed`.
fn join_failed() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.join_failed();
}

/// A `Connected` conference session has no `joined`.
fn joined() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.joined([]);
}

/// A `Connected` conference session has no `reconnect_failed`.
fn reconnect_failed() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.reconnect_failed();
}

/// A `Connected` conference session has no `reconnected`.
fn reconnected() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.reconnected(Reconnection::Lobby);
}

/// A `Connected` conference session has no `reconnected_to_conference`.
fn reconnected_to_conference() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.reconnected_to_conference(mcu_session::conference::McuStatuses::default());
}

/// A `Connected` conference session has no `reconnected_to_lobby`.
fn reconnected_to_lobby() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.reconnected_to_lobby();
}

/// A `Connected` conference session has no `release`.
fn release() {
    let mut conference = ConferenceSession::new(uri()).join().joined([]).unwrap();
    let _ = conference.release();
}

fn main() {}
