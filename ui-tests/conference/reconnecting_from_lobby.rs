// Every method a conference session reconnecting from the lobby
// (`Reconnecting<InLobby>`) does not have, one function each: rustc reports each call, and the snapshot keeps every message.
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

/// A `Reconnecting<InLobby>` conference session has no `attach`.
fn attach() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.attach(InstantMessagingMcuSession::new(uri()));
}

/// A `Reconnecting<InLobby>` conference session has no `cause`.
fn cause() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.cause();
}

/// A `Reconnecting<InLobby>` conference session has no `disconnect`.
fn disconnect() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.disconnect(ConnectedExit::Left);
}

/// A `Reconnecting<InLobby>` conference session has no `disconnected`.
fn disconnected() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.disconnected();
}

/// A `Reconnecting<InLobby>` conference session has no `entered_lobby`.
fn entered_lobby() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.entered_lobby();
}

/// A `Reconnecting<InLobby>` conference session has no `join`.
fn join() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.join();
}

/// A `Reconnecting<InLobby>` conference session has no `join_failed`.
fn join_failed() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.join_failed();
}

/// A `Reconnecting<InLobby>` conference session has no `joined`.
fn joined() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.joined([]);
}

/// A `Reconnecting<InLobby>` conference session has no `lend`.
fn lend() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.lend::<InstantMessaging, Active, _>(|_| ());
}

/// A `Reconnecting<InLobby>` conference session has no `mcu_event`.
fn mcu_event() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.mcu_event::<InstantMessaging>(McuReport::FailingOver, Instant::now());
}

/// A `Reconnecting<InLobby>` conference session has no `reconnecting`.
fn reconnecting() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.reconnecting();
}

/// A `Reconnecting<InLobby>` conference session has no `release`.
fn release() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.release();
}

/// A `Reconnecting<InLobby>` conference session has no `command`.
fn command() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.command(ConferenceCommand::LockConference, Instant::now());
}

/// A `Reconnecting<InLobby>` conference session has no `submit`.
fn submit() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.submit::<InstantMessaging>(Operation::enable_block_all_mode(), Instant::now());
}

/// A `Reconnecting<InLobby>` conference session has no `terminate_conference`.
fn terminate_conference() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.terminate_conference(Instant::now());
}

/// A `Reconnecting<InLobby>` conference session has no `reconnected`: it
/// comes back into the conference through `admitted`, with the offer.
fn reconnected() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.reconnected(Reconnection::Lobby);
}

/// A `Reconnecting<InLobby>` conference session has no
/// `reconnected_to_conference`: no MCU session was ever bound, so the
/// statuses have nothing to apply to.
fn reconnected_to_conference() {
    let mut conference = ConferenceSession::new(uri()).join().entered_lobby().reconnecting();
    let _ = conference.reconnected_to_conference(mcu_session::conference::McuStatuses::default());
}

fn main() {}
