//! Model check of the conference session: random sequences of focus
//! reports, MCU reports, commands and operations, driven through the
//! runtime view and, step for step, through the typed conference. After
//! every step: both views hold the same conference; an MCU session is
//! Active only while its conference is Connected; every MCU session is
//! Terminated once the conference is Disconnecting or Disconnected; the
//! runtime view accepts an event exactly where the table has a row. At the
//! end, everything accepted (commands and operations) came out settled
//! exactly once.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use mcu_session::conference::McuReport;
use mcu_session::conference::transitions::documents;
use mcu_session::conference::{
    Connected, Connecting, Disconnected, Disconnecting, InLobby, NotJoined, Reconnecting,
};
use mcu_session::conference::{
    ConnectedExit, DisconnectCause, Left, LobbyExit, McuStatuses, Reconnection, Rejoined,
};
use mcu_session::{
    AdvertisedMcu, AnyConference, AudioVideo, AudioVideoMcuSession, ConferenceCommand,
    ConferenceEffect, ConferenceEvent, ConferenceOutput, ConferenceSession, ConferenceSessionState,
    Event, InstantMessaging, InstantMessagingMcuSession, McuSessionState, McuStatus, Operation,
    Output, RequestId, Response, Submitted,
};
use proptest::prelude::*;

use crate::common::{av, chat, uri};

/// The typed conference, in whichever state it is: the test's own
/// by-hand dispatch, to compare with the runtime view.
enum Typed {
    Idle(ConferenceSession<NotJoined>),
    Connecting(ConferenceSession<Connecting>),
    Connected(ConferenceSession<Connected>),
    InLobby(ConferenceSession<InLobby>),
    Reconnecting(ConferenceSession<Reconnecting>),
    ReconnectingFromLobby(ConferenceSession<Reconnecting<InLobby>>),
    Disconnecting(ConferenceSession<Disconnecting>),
    Disconnected(ConferenceSession<Disconnected>),
}

impl Typed {
    /// Applies `event` through the typed methods, where a method exists and
    /// takes it; `None` (with the typed conference unchanged, handed back
    /// in `self`) where the typed API has no such call.
    fn step(self, event: &ConferenceEvent) -> (Self, bool) {
        use ConferenceEvent as E;
        match (self, event) {
            (Self::Idle(c), E::Join) => (Self::Connecting(c.join()), true),
            (Self::Connecting(c), E::Joined { offered }) => match c.joined(offered.clone()) {
                Ok(c) => (Self::Connected(c), true),
                Err(refused) => (Self::Connecting(refused.into_parts().0), false),
            },
            (Self::InLobby(c), E::Admitted { offered }) => match c.admitted(offered.clone()) {
                Ok(c) => (Self::Connected(c), true),
                Err(refused) => (Self::InLobby(refused.into_parts().0), false),
            },
            (Self::ReconnectingFromLobby(c), E::Admitted { offered }) => {
                match c.admitted(offered.clone()) {
                    Ok(c) => (Self::Connected(c), true),
                    Err(refused) => (Self::ReconnectingFromLobby(refused.into_parts().0), false),
                }
            }
            (Self::Connecting(c), E::JoinFailed) => (Self::Idle(c.join_failed()), true),
            (Self::Connecting(c), E::EnteredLobby) => (Self::InLobby(c.entered_lobby()), true),
            (Self::Connected(c), E::FocusFailover) => (Self::Reconnecting(c.reconnecting()), true),
            (Self::InLobby(c), E::FocusFailover) => {
                (Self::ReconnectingFromLobby(c.reconnecting()), true)
            }
            (Self::Reconnecting(c), E::Reconnected(r)) => match c.reconnected(*r).0 {
                Rejoined::Connected(c) => (Self::Connected(c), true),
                Rejoined::InLobby(c) => (Self::InLobby(c), true),
            },
            (Self::ReconnectingFromLobby(c), E::Reconnected(Reconnection::Lobby)) => {
                (Self::InLobby(c.reconnected_to_lobby().0), true)
            }
            (Self::Reconnecting(c), E::ReconnectFailed) => {
                (Self::Disconnecting(c.reconnect_failed()), true)
            }
            (Self::ReconnectingFromLobby(c), E::ReconnectFailed) => {
                (Self::Disconnecting(c.reconnect_failed()), true)
            }
            (Self::Connected(c), E::Disconnect(cause)) => match connected_exit(*cause) {
                Some(exit) => (Self::Disconnecting(c.disconnect(exit)), true),
                None => (Self::Connected(c), false),
            },
            (Self::InLobby(c), E::Disconnect(cause)) => match lobby_exit(*cause) {
                Some(exit) => (Self::Disconnecting(c.disconnect(exit)), true),
                None => (Self::InLobby(c), false),
            },
            (Self::Disconnecting(c), E::Disconnected) => match c.disconnected() {
                Left::Disconnected(c) => (Self::Disconnected(c), true),
                Left::NotJoined(c, _released) => (Self::Idle(c), true),
            },
            (other, _) => (other, false),
        }
    }

    fn any(self) -> AnyConference {
        match self {
            Self::Idle(c) => c.into(),
            Self::Connecting(c) => c.into(),
            Self::Connected(c) => c.into(),
            Self::InLobby(c) => c.into(),
            Self::Reconnecting(c) => c.into(),
            Self::ReconnectingFromLobby(c) => c.into(),
            Self::Disconnecting(c) => c.into(),
            Self::Disconnected(c) => c.into(),
        }
    }

    fn from_any(any: AnyConference) -> Self {
        let any = match ConferenceSession::<NotJoined>::try_from(any) {
            Ok(c) => return Self::Idle(c),
            Err(any) => any,
        };
        let any = match ConferenceSession::<Connecting>::try_from(any) {
            Ok(c) => return Self::Connecting(c),
            Err(any) => any,
        };
        let any = match ConferenceSession::<Connected>::try_from(any) {
            Ok(c) => return Self::Connected(c),
            Err(any) => any,
        };
        let any = match ConferenceSession::<InLobby>::try_from(any) {
            Ok(c) => return Self::InLobby(c),
            Err(any) => any,
        };
        let any = match ConferenceSession::<Reconnecting>::try_from(any) {
            Ok(c) => return Self::Reconnecting(c),
            Err(any) => any,
        };
        let any = match ConferenceSession::<Reconnecting<InLobby>>::try_from(any) {
            Ok(c) => return Self::ReconnectingFromLobby(c),
            Err(any) => any,
        };
        let any = match ConferenceSession::<Disconnecting>::try_from(any) {
            Ok(c) => return Self::Disconnecting(c),
            Err(any) => any,
        };
        match ConferenceSession::<Disconnected>::try_from(any) {
            Ok(c) => Self::Disconnected(c),
            Err(any) => panic!("a conference in no state: {any:?}"),
        }
    }
}

fn connected_exit(cause: DisconnectCause) -> Option<ConnectedExit> {
    match cause {
        DisconnectCause::Left => Some(ConnectedExit::Left),
        DisconnectCause::Ejected => Some(ConnectedExit::Ejected),
        DisconnectCause::ConferenceEnded => Some(ConnectedExit::ConferenceEnded),
        DisconnectCause::EscalationFailed => Some(ConnectedExit::EscalationFailed),
        _ => None,
    }
}

fn lobby_exit(cause: DisconnectCause) -> Option<LobbyExit> {
    match cause {
        DisconnectCause::Left => Some(LobbyExit::Left),
        DisconnectCause::Ejected => Some(LobbyExit::Ejected),
        DisconnectCause::ConferenceEnded => Some(LobbyExit::ConferenceEnded),
        DisconnectCause::LobbyTimedOut => Some(LobbyExit::TimedOut),
        _ => None,
    }
}

#[derive(Debug, Clone)]
enum Step {
    Conference(ConferenceEvent),
    Mcu(bool, Event),
    Command,
    Operation(bool),
    Answer(u64, bool),
    Time(u64),
    /// Fresh MCU sessions, attached where the conference is Idle and holds
    /// none (after a failed escalation handed its sessions back).
    Attach,
    /// A failed escalation and a rejoin with fresh MCU sessions, in one
    /// step (five at random would rarely line up): expanded by
    /// [`expand`] into the steps it stands for.
    Rejoin,
}

/// The steps a composite step stands for.
fn expand(step: Step) -> Vec<Step> {
    match step {
        Step::Rejoin => vec![
            Step::Conference(ConferenceEvent::Disconnect(
                DisconnectCause::EscalationFailed,
            )),
            Step::Conference(ConferenceEvent::Disconnected),
            Step::Attach,
            Step::Conference(ConferenceEvent::Join),
            Step::Conference(ConferenceEvent::Joined {
                offered: vec![chat(), av()],
            }),
        ],
        step => vec![step],
    }
}

fn status() -> impl Strategy<Value = McuStatus> {
    prop_oneof![Just(McuStatus::Active), Just(McuStatus::NotActive)]
}

fn offer() -> impl Strategy<Value = Vec<AdvertisedMcu>> {
    prop_oneof![
        Just(vec![chat(), av()]),
        Just(vec![chat()]),
        Just(vec![av()]),
        Just(vec![]),
        Just(vec![chat(), chat(), av()]),
    ]
}

fn cause() -> impl Strategy<Value = DisconnectCause> {
    prop_oneof![
        Just(DisconnectCause::Left),
        Just(DisconnectCause::TerminatedConference),
        Just(DisconnectCause::Ejected),
        Just(DisconnectCause::ConferenceEnded),
        Just(DisconnectCause::EscalationFailed),
        Just(DisconnectCause::ReconnectFailed),
        Just(DisconnectCause::LobbyTimedOut),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let conference = prop_oneof![
        Just(ConferenceEvent::Join),
        offer().prop_map(|offered| ConferenceEvent::Joined { offered }),
        Just(ConferenceEvent::JoinFailed),
        Just(ConferenceEvent::EnteredLobby),
        offer().prop_map(|offered| ConferenceEvent::Admitted { offered }),
        Just(ConferenceEvent::FocusFailover),
        (status(), status()).prop_map(|(instant_messaging, audio_video)| {
            ConferenceEvent::Reconnected(Reconnection::Conference(McuStatuses {
                instant_messaging,
                audio_video,
            }))
        }),
        Just(ConferenceEvent::Reconnected(Reconnection::Lobby)),
        Just(ConferenceEvent::ReconnectFailed),
        cause().prop_map(ConferenceEvent::Disconnect),
        Just(ConferenceEvent::Disconnected),
    ];
    // Only the per-MCU causes: the conference's own have no `McuReport`.
    let mcu = prop_oneof![Just(Event::McuFailingOver), Just(Event::FailoverCompleted)];
    prop_oneof![
        6 => conference.prop_map(Step::Conference),
        2 => any::<bool>().prop_map(|im| Step::Mcu(im, Event::McuActivated { mcu: if im { chat() } else { av() } })),
        2 => (any::<bool>(), mcu).prop_map(|(im, event)| Step::Mcu(im, event)),
        1 => Just(Step::Command),
        2 => any::<bool>().prop_map(Step::Operation),
        2 => (1..12u64, any::<bool>()).prop_map(|(id, ok)| Step::Answer(id, ok)),
        1 => (1..200u64).prop_map(Step::Time),
        1 => Just(Step::Attach),
        1 => Just(Step::Rejoin),
    ]
}

fn mcu_states(any: &AnyConference) -> Vec<McuSessionState> {
    any.mcu::<InstantMessaging>()
        .map(|s| s.state())
        .into_iter()
        .chain(any.mcu::<AudioVideo>().map(|s| s.state()))
        .collect()
}

proptest! {
    #![proptest_config(crate::common::proptest_config())]

    #[test]
    fn the_conference_and_its_mcu_sessions_never_disagree(steps in proptest::collection::vec(step(), 1..60)) {
        let focus = uri("sip:conf@contoso.com");
        let mut typed_start = ConferenceSession::new(focus.clone());
        typed_start.attach(InstantMessagingMcuSession::new(focus.clone())).expect("IM");
        typed_start.attach(AudioVideoMcuSession::new(focus)).expect("AV");
        let mut any = AnyConference::from(typed_start);
        // The same conference, moved only by the typed methods.
        let focus = uri("sip:conf@contoso.com");
        let mut twin = ConferenceSession::new(focus.clone());
        twin.attach(InstantMessagingMcuSession::new(focus.clone())).expect("IM");
        twin.attach(AudioVideoMcuSession::new(focus)).expect("AV");
        let mut twin = AnyConference::from(twin);
        let start = Instant::now();
        let mut now = start;
        let mut accepted: BTreeSet<(u8, RequestId)> = BTreeSet::new();
        let mut settled: Vec<(u8, RequestId)> = Vec::new();
        // Every request that went out on the wire, by channel: none twice,
        // however often the conference rejoins.
        let mut wire: BTreeSet<(u8, RequestId)> = BTreeSet::new();

        for step in steps.into_iter().flat_map(expand) {
            match step {
                Step::Conference(event) => {
                    let state = any.state();
                    let origin = any.reconnecting_from();
                    let kind = event.kind();
                    let runtime_ok = match any.apply(event.clone()) {
                        Ok(ConferenceEffect::Released(_, released)) => {
                            drain_released(*released, &mut settled);
                            true
                        }
                        Ok(ConferenceEffect::Changed(row) | ConferenceEffect::Reconnected(row, _)) => {
                            prop_assert_eq!((row.from, row.event), (state, kind));
                            prop_assert_eq!(row.to, any.state());
                            true
                        }
                        Err(refused) => {
                            prop_assert_eq!(refused.into_event(), event.clone(), "handed back");
                            prop_assert_eq!(any.state(), state, "nothing changed");
                            false
                        }
                    };
                    let (typed, typed_ok) = Typed::from_any(twin).step(&event);
                    twin = typed.any();
                    prop_assert_eq!(runtime_ok, typed_ok, "views disagree on {:?} from {}", event, state);
                    if runtime_ok {
                        prop_assert!(documents(state, kind) && table_takes(&event, state, origin), "undocumented {kind} from {state} accepted");
                    } else if documents(state, kind) && table_takes(&event, state, origin) {
                        prop_assert!(matches!(kind, mcu_session::conference::transitions::ConferenceEventKind::Joined | mcu_session::conference::transitions::ConferenceEventKind::Admitted), "documented {kind} from {state} refused");
                    }
                }
                Step::Mcu(im, event) => {
                    let report = |conference: &mut AnyConference| {
                        if im {
                            let report = McuReport::<InstantMessaging>::try_from(event.clone()).expect("a per-MCU report");
                            conference.mcu_event(report, now).map(|_| ())
                        } else {
                            let report = McuReport::<AudioVideo>::try_from(event.clone()).expect("a per-MCU report");
                            conference.mcu_event(report, now).map(|_| ())
                        }
                    };
                    let result = report(&mut any);
                    let _ = report(&mut twin);
                    if result.is_ok() {
                        prop_assert_eq!(any.state(), ConferenceSessionState::Connected);
                    }
                }
                Step::Command => {
                    let twin_result = twin.command(ConferenceCommand::LockConference, now);
                    match any.command(ConferenceCommand::LockConference, now) {
                        Ok(request) => {
                            prop_assert_eq!(any.state(), ConferenceSessionState::Connected);
                            prop_assert!(wire.insert((0, request.id)), "command id {} twice on the wire", request.id);
                            prop_assert!(accepted.insert((0, request.id)));
                            prop_assert!(twin_result.is_ok());
                        }
                        Err(_) => prop_assert!(twin_result.is_err()),
                    }
                }
                Step::Operation(im) => {
                    if any.state() == ConferenceSessionState::Connected {
                        for (which, conference) in [(0, &mut any), (1, &mut twin)] {
                            let owned = core::mem::replace(conference, AnyConference::from(ConferenceSession::new(uri("sip:placeholder@contoso.com"))));
                            let mut typed = match ConferenceSession::<Connected>::try_from(owned) {
                                Ok(typed) => typed,
                                Err(other) => panic!("Connected, but {other:?}"),
                            };
                            let submitted = if im {
                                typed.submit::<InstantMessaging>(Operation::enable_block_all_mode(), now).ok().map(|s| (1, s))
                            } else {
                                typed.submit::<AudioVideo>(Operation::disable_mute_all_mode(), now).ok().map(|s| (2, s))
                            };
                            if which == 0 {
                                match submitted {
                                    Some((tag, Submitted::Sent(request))) => {
                                        prop_assert!(wire.insert((tag, request.id)), "request id {} twice on the wire", request.id);
                                        prop_assert!(accepted.insert((tag, request.id)));
                                    }
                                    Some((tag, Submitted::Queued(id))) => { prop_assert!(accepted.insert((tag, id)), "id {} twice", id); }
                                    _ => {}
                                }
                            }
                            *conference = typed.into();
                        }
                    }
                }
                Step::Answer(id, ok) => {
                    let Some(id) = accepted.iter().map(|(_, id)| *id).find(|known| known.get() == id) else { continue };
                    let response = if ok { Response::Success { id } } else { Response::Failure { id, reason: "busy".into() } };
                    for conference in [&mut any, &mut twin] {
                        let _ = conference.answer(response.clone());
                        let _ = conference.mcu_event::<InstantMessaging>(McuReport::Response(response.clone()), now);
                        let _ = conference.mcu_event::<AudioVideo>(McuReport::Response(response.clone()), now);
                    }
                }
                Step::Attach => {
                    if any.state() == ConferenceSessionState::Idle && mcu_states(&any).is_empty() {
                        for conference in [&mut any, &mut twin] {
                            let owned = core::mem::replace(conference, AnyConference::from(ConferenceSession::new(uri("sip:placeholder@contoso.com"))));
                            let Ok(mut idle) = ConferenceSession::<NotJoined>::try_from(owned) else { panic!("Idle") };
                            let focus = uri("sip:conf@contoso.com");
                            idle.attach(InstantMessagingMcuSession::new(focus.clone())).expect("IM");
                            idle.attach(AudioVideoMcuSession::new(focus)).expect("AV");
                            *conference = idle.into();
                        }
                    }
                }
                // Expanded into its steps before the loop.
                Step::Rejoin => {}
                Step::Time(seconds) => {
                    now += Duration::from_secs(seconds);
                    let expired = any.handle_timeout(now);
                    prop_assert_eq!(twin.handle_timeout(now), expired);
                }
            }
            prop_assert_eq!(&any, &twin, "the typed and the runtime view differ");
            // Drain what came out.
            while let Some(output) = any.poll_command_output() {
                match output {
                    ConferenceOutput::Succeeded { id, .. } | ConferenceOutput::Failed { id, .. } => settled.push((0, id)),
                }
            }
            while let Some(output) = any.poll_output::<InstantMessaging>() {
                match output {
                    Output::Request(request) => prop_assert!(wire.insert((1, request.id)), "released id {} twice on the wire", request.id),
                    output => settled.push((1, output.id())),
                }
            }
            while let Some(output) = any.poll_output::<AudioVideo>() {
                match output {
                    Output::Request(request) => prop_assert!(wire.insert((2, request.id)), "released id {} twice on the wire", request.id),
                    output => settled.push((2, output.id())),
                }
            }
            while twin.poll_command_output().is_some() {}
            while twin.poll_output::<InstantMessaging>().is_some() {}
            while twin.poll_output::<AudioVideo>().is_some() {}
            // The invariants.
            let states = mcu_states(&any);
            if any.state() == ConferenceSessionState::Reconnecting {
                let pending = any.mcu::<InstantMessaging>().map_or(0, |s| s.pending()) + any.mcu::<AudioVideo>().map_or(0, |s| s.pending());
                prop_assert_eq!(pending, 0, "a request survived the focus failover");
            }
            if any.state() == ConferenceSessionState::Connected {
                let im = any.mcu::<InstantMessaging>().map(|s| (s.state(), s.mcu().is_some()));
                let av = any.mcu::<AudioVideo>().map(|s| (s.state(), s.mcu().is_some()));
                for (state, bound) in im.into_iter().chain(av) {
                    prop_assert!(bound || state == McuSessionState::Terminated, "a {state} MCU session never saw an offer in a Connected conference");
                }
            }
            if any.state() != ConferenceSessionState::Connected {
                prop_assert!(!states.contains(&McuSessionState::Active), "Active MCU in a {} conference", any.state());
            }
            if matches!(any.state(), ConferenceSessionState::Disconnecting | ConferenceSessionState::Disconnected) {
                prop_assert!(states.iter().all(|s| *s == McuSessionState::Terminated), "{states:?} while {}", any.state());
            }
        }
        // End the conference, as every conference ends, and let every
        // deadline pass: everything accepted is settled exactly once.
        for event in [ConferenceEvent::Disconnect(DisconnectCause::Left), ConferenceEvent::ReconnectFailed, ConferenceEvent::Disconnected] {
            if let Ok(ConferenceEffect::Released(_, released)) = any.apply(event) {
                drain_released(*released, &mut settled);
            }
        }
        any.handle_timeout(now + Duration::from_secs(3600));
        while let Some(output) = any.poll_command_output() { settled.push((0, output.id())); }
        while let Some(output) = any.poll_output::<InstantMessaging>() { settled.push((1, output.id())); }
        while let Some(output) = any.poll_output::<AudioVideo>() { settled.push((2, output.id())); }
        let mut sorted = settled.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(sorted.len(), settled.len(), "settled twice: {:?}", settled);
        let settled: BTreeSet<_> = settled.into_iter().collect();
        prop_assert_eq!(&settled, &accepted, "every accepted command and operation settled once");
    }
}

/// Whether the runtime view takes `event` from `state` given its payload
/// (a Disconnect's cause must be one the state may leave for) and, while
/// Reconnecting, where the conference came from (into the conference
/// with statuses from Connected, admitted from the lobby).
fn table_takes(
    event: &ConferenceEvent,
    state: ConferenceSessionState,
    origin: Option<ConferenceSessionState>,
) -> bool {
    match (event, origin) {
        (ConferenceEvent::Reconnected(Reconnection::Conference(_)), Some(from)) => {
            return from == ConferenceSessionState::Connected;
        }
        (ConferenceEvent::Admitted { .. }, Some(from)) => {
            return from == ConferenceSessionState::InLobby;
        }
        _ => {}
    }
    match (event, state) {
        (ConferenceEvent::Disconnect(cause), ConferenceSessionState::Connected) => {
            connected_exit(*cause).is_some()
        }
        (ConferenceEvent::Disconnect(cause), ConferenceSessionState::InLobby) => {
            lobby_exit(*cause).is_some()
        }
        _ => true,
    }
}

fn drain_released(
    released: mcu_session::conference::McuSessions,
    settled: &mut Vec<(u8, RequestId)>,
) {
    let (im, av) = released.into_parts();
    if let Some(mut session) = im {
        while let Some(output) = session.poll_output() {
            settled.push((1, output.id()));
        }
    }
    if let Some(mut session) = av {
        while let Some(output) = session.poll_output() {
            settled.push((2, output.id()));
        }
    }
}
