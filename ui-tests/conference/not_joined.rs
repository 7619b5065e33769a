// Every method a `NotJoined` conference session does not have, one function
// each: rustc reports each call, and the snapshot keeps every message.
#![allow(dead_code, unused_imports, unused_mut)]
use std::time::Instant;

use mcu_session::conference::{ConnectedExit, Left, Reconnection, McuReport};
use mcu_session::{
    Active, ConferenceCommand, ConferenceSession, Event, InstantMessaging,
    InstantMessagingMcuSession, Operation, Uri,
};

fn uri() -> Uri {
    Uri::parse("sip:conf@contoso.com").unwrap()
}

/// A `NotJoined` conference session has no `admitted`.
fn admitted() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.admitted([]);
}

/// A `NotJoined` conference session has no `cause`.
fn cause() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.cause();
}

/// A `NotJoined` conference session has no `disconnect`.
fn disconnect() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.disconnect(ConnectedExit::Left);
}

/// A `NotJoined` conference session has no `disconnected`.
fn disconnected() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.disconnected();
}

/// A `NotJoined` conference session has no `entered_lobby`.
fn entered_lobby() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.entered_lobby();
}

/// A `NotJoined` conference session has no `join_failed`.
fn join_failed() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.join_failed();
}

/// A `NotJoined` conference session has no `joined`.
fn joined() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.joined([]);
}

/// A `NotJoined` conference session has no `lend`.
fn lend() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.lend::<InstantMessaging, Active, _>(|_| ());
}

/// A `NotJoined` conference session has no `mcu_event`.
fn mcu_event() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.mcu_event::<InstantMessaging>(McuReport::FailingOver, Instant::now());
}

/// A `NotJoined` conference session has no `reconnect_failed`.
fn reconnect_failed() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.reconnect_failed();
}

/// A `NotJoined` conference session has no `reconnected`.
fn reconnected() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.reconnected(Reconnection::Lobby);
}

/// A `NotJoined` conference session has no `reconnected_to_conference`.
fn reconnected_to_conference() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.reconnected_to_conference(mcu_session::conference::McuStatuses::default());
}

/// A `NotJoined` conference session has no `reconnected_to_lobby`.
fn reconnected_to_lobby() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.reconnected_to_lobby();
}

/// A `NotJoined` conference session has no `reconnecting`.
fn reconnecting() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.reconnecting();
}

/// A `NotJoined` conference session has no `release`.
fn release() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.release();
}

/// A `NotJoined` conference session has no `command`.
fn command() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.command(ConferenceCommand::LockConference, Instant::now());
}

/// A `NotJoined` conference session has no `submit`.
fn submit() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.submit::<InstantMessaging>(Operation::enable_block_all_mode(), Instant::now());
}

/// A `NotJoined` conference session has no `terminate_conference`.
fn terminate_conference() {
    let mut conference = ConferenceSession::new(uri());
    let _ = conference.terminate_conference(Instant::now());
}

fn main() {}
