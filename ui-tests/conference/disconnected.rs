// Every method a `Disconnected` conference session does not have, one function
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

/// A `Disconnected` conference session has no `admitted`.
fn admitted() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.admitted([]);
}

/// A `Disconnected` conference session has no `attach`.
fn attach() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.attach(InstantMessagingMcuSession::new(uri()));
}

/// A `Disconnected` conference session has no `disconnect`.
fn disconnect() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.disconnect(ConnectedExit::Left);
}

/// A `Disconnected` conference session has no `disconnected`.
fn disconnected() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.disconnected();
}

/// A `Disconnected` conference session has no `entered_lobby`.
fn entered_lobby() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.entered_lobby();
}

/// A `Disconnected` conference session has no `join`.
fn join() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.join();
}

/// A `Disconnected` conference session has no `join_failed`.
fn join_failed() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.join_failed();
}

/// A `Disconnected` conference session has no `joined`.
fn joined() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.joined([]);
}

/// A `Disconnected` conference session has no `lend`.
fn lend() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.lend::<InstantMessaging, Active, _>(|_| ());
}

/// A `Disconnected` conference session has no `mcu_event`.
fn mcu_event() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.mcu_event::<InstantMessaging>(McuReport::FailingOver, Instant::now());
}

/// A `Disconnected` conference session has no `reconnect_failed`.
fn reconnect_failed() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.reconnect_failed();
}

/// A `Disconnected` conference session has no `reconnected`.
fn reconnected() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.reconnected(Reconnection::Lobby);
}

/// A `Disconnected` conference session has no `reconnected_to_conference`.
fn reconnected_to_conference() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.reconnected_to_conference(mcu_session::conference::McuStatuses::default());
}

/// A `Disconnected` conference session has no `reconnected_to_lobby`.
fn reconnected_to_lobby() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.reconnected_to_lobby();
}

/// A `Disconnected` conference session has no `reconnecting`.
fn reconnecting() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.reconnecting();
}

/// A `Disconnected` conference session has no `command`.
fn command() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.command(ConferenceCommand::LockConference, Instant::now());
}

/// A `Disconnected` conference session has no `submit`.
fn submit() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.submit::<InstantMessaging>(Operation::enable_block_all_mode(), Instant::now());
}

/// A `Disconnected` conference session has no `terminate_conference`.
fn terminate_conference() {
    let mut conference = match ConferenceSession::new(uri()).join().joined([]).unwrap().disconnect(ConnectedExit::Left).disconnected() {
        Left::Disconnected(ended) => ended,
        Left::NotJoined(..) => unreachable!(),
    };
    let _ = conference.terminate_conference(Instant::now());
}

fn main() {}
