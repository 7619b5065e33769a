//! The conference session drives its MCU sessions for its own causes, in
//! the same call, so they never disagree with it.

use std::time::{Duration, Instant};

use mcu_session::conference::McuReport;
use mcu_session::conference::{
    ConnectedExit, DisconnectCause, JoinProblem, Left, LendRefused, McuEventRefused, McuStatuses,
};
use mcu_session::{
    Active, AnyConference, AudioVideo, AudioVideoMcuSession, ConferenceCommand, ConferenceEvent,
    ConferenceOutput, ConferenceSession, Event, FailureReason, Idle, InstantMessaging,
    InstantMessagingMcuSession, McuSessionState, McuStatus, Operation, Output, RequestId, Response,
    Submitted, TerminationReason,
};

use crate::common::{av, chat, uri};

fn attached() -> ConferenceSession {
    let focus = uri("sip:conf@contoso.com");
    let mut conference = ConferenceSession::new(focus.clone());
    conference
        .attach(InstantMessagingMcuSession::new(focus.clone()))
        .expect("first IM session");
    conference
        .attach(AudioVideoMcuSession::new(focus))
        .expect("first AV session");
    conference
}

fn states(
    conference: &ConferenceSession<impl mcu_session::conference::ConferenceState>,
) -> (Option<McuSessionState>, Option<McuSessionState>) {
    (
        conference.mcu::<InstantMessaging>().map(|s| s.state()),
        conference.mcu::<AudioVideo>().map(|s| s.state()),
    )
}

#[test]
fn a_join_binds_each_offered_mcu_session_and_terminates_the_one_not_offered() {
    let connected = attached().join().joined([chat()]).expect("a usable offer");
    assert_eq!(
        states(&connected),
        (
            Some(McuSessionState::Idle),
            Some(McuSessionState::Terminated)
        )
    );
    assert!(
        connected
            .mcu::<InstantMessaging>()
            .and_then(|s| s.mcu())
            .is_some()
    );
}

#[test]
fn a_refused_offer_changes_no_mcu_session() {
    let refused = attached().join().joined([chat(), av(), av()]).unwrap_err();
    assert_eq!(
        refused.problem(),
        JoinProblem::OfferedTwice {
            mcu_type: "audio-video"
        }
    );
    let (connecting, offered) = refused.into_parts();
    assert_eq!(offered.len(), 3);
    assert!(
        connecting
            .mcu::<InstantMessaging>()
            .and_then(|s| s.mcu())
            .is_none(),
        "IM not bound"
    );
}

#[test]
fn a_focus_failover_moves_every_active_mcu_session_to_retrying_and_fails_pending_work() {
    let now = Instant::now();
    let mut connected = attached().join().joined([chat(), av()]).expect("offer");
    connected
        .mcu_event::<InstantMessaging>(McuReport::activated(chat()).unwrap(), now)
        .expect("1");
    let Submitted::Sent(sent) = connected
        .submit::<InstantMessaging>(Operation::enable_block_all_mode(), now)
        .expect("sent")
    else {
        panic!("an Active session sends at once")
    };
    let lock = connected
        .command(ConferenceCommand::LockConference, now)
        .expect("command");

    let mut reconnecting = connected.reconnecting();
    assert_eq!(
        states(&reconnecting),
        (Some(McuSessionState::Retrying), Some(McuSessionState::Idle)),
        "3b for the Active one, nothing for the Idle one"
    );
    assert_eq!(
        reconnecting.poll_output::<InstantMessaging>(),
        Some(Output::Failed {
            id: sent.id,
            operation: Operation::enable_block_all_mode(),
            reason: FailureReason::SessionRetrying
        })
    );
    assert_eq!(
        reconnecting.poll_command_output(),
        Some(ConferenceOutput::Failed {
            id: lock.id,
            command: ConferenceCommand::LockConference,
            reason: FailureReason::SessionRetrying
        })
    );

    // 4b for IM, as reported; the AV session was Idle and stays so.
    let statuses = McuStatuses {
        instant_messaging: McuStatus::Active,
        audio_video: McuStatus::Active,
    };
    let (connected, _changes) = reconnecting.reconnected_to_conference(statuses);
    assert_eq!(
        states(&connected),
        (Some(McuSessionState::Active), Some(McuSessionState::Idle))
    );
}

#[test]
fn a_reconnection_to_the_lobby_leaves_no_mcu_session_active() {
    let now = Instant::now();
    let mut connected = attached().join().joined([chat(), av()]).expect("offer");
    connected
        .mcu_event::<AudioVideo>(McuReport::activated(av()).unwrap(), now)
        .expect("1");
    let (lobby, _changes) = connected.reconnecting().reconnected_to_lobby();
    assert_eq!(
        states(&lobby),
        (Some(McuSessionState::Idle), Some(McuSessionState::Idle)),
        "3b then 4c"
    );
}

#[test]
fn leaving_terminates_every_mcu_session_and_fails_what_it_holds() {
    let now = Instant::now();
    let mut connected = attached().join().joined([chat(), av()]).expect("offer");
    let queued = match connected
        .submit::<AudioVideo>(Operation::disable_mute_all_mode(), now)
        .expect("queued on a bound Idle session")
    {
        Submitted::Queued(id) => id,
        Submitted::Sent(request) => panic!("sent {request:?}"),
    };
    let disconnecting = connected.disconnect(ConnectedExit::Ejected);
    assert_eq!(
        states(&disconnecting),
        (
            Some(McuSessionState::Terminated),
            Some(McuSessionState::Terminated)
        )
    );
    let Left::Disconnected(mut ended) = disconnecting.disconnected() else {
        panic!("ejected: left for good")
    };
    assert_eq!(ended.cause(), DisconnectCause::Ejected);
    match ended.poll_output::<AudioVideo>() {
        Some(Output::Failed {
            id,
            reason: FailureReason::Terminated(TerminationReason::ConferenceTerminated(_)),
            ..
        }) => assert_eq!(id, queued),
        other => panic!("{other:?}"),
    }
    let (im, av) = ended.release().into_parts();
    assert!(im.is_some() && av.is_some());
}

#[test]
fn a_failed_reconnect_terminates_the_mcu_sessions() {
    let connected = attached().join().joined([chat(), av()]).expect("offer");
    let disconnecting = connected.reconnecting().reconnect_failed();
    assert_eq!(disconnecting.cause(), DisconnectCause::ReconnectFailed);
    assert_eq!(
        states(&disconnecting),
        (
            Some(McuSessionState::Terminated),
            Some(McuSessionState::Terminated)
        )
    );
}

#[test]
fn a_failed_escalation_returns_to_idle_with_the_terminated_sessions_handed_back() {
    let connected = attached().join().joined([chat()]).expect("offer");
    let Left::NotJoined(mut idle, released) = connected
        .disconnect(ConnectedExit::EscalationFailed)
        .disconnected()
    else {
        panic!("escalation failed: Idle again")
    };
    assert_eq!(
        states(&idle),
        (None, None),
        "an Idle conference holds no old sessions"
    );
    let (im, _) = released.into_parts();
    assert_eq!(im.map(|s| s.state()), Some(McuSessionState::Terminated));
    let focus = uri("sip:conf@contoso.com");
    idle.attach(InstantMessagingMcuSession::new(focus))
        .expect("a fresh session for the next join");
}

#[test]
fn terminate_conference_sends_the_command_and_its_answer_settles_it() {
    let now = Instant::now();
    let connected = attached().join().joined([chat()]).expect("offer");
    let (mut disconnecting, request) = connected.terminate_conference(now);
    assert_eq!(request.command, ConferenceCommand::TerminateConference);
    disconnecting
        .answer(Response::Success { id: request.id })
        .expect("pending");
    assert_eq!(
        disconnecting.poll_command_output(),
        Some(ConferenceOutput::Succeeded {
            id: request.id,
            command: ConferenceCommand::TerminateConference
        })
    );
}

#[test]
fn a_command_nobody_answers_fails_after_the_answer_timeout() {
    let now = Instant::now();
    let mut connected = attached().join().joined([]).expect("offer");
    let lock = connected
        .command(ConferenceCommand::LockConference, now)
        .expect("sent");
    assert_eq!(
        connected.poll_timeout(),
        Some(now + mcu_session::ANSWER_TIMEOUT)
    );
    assert_eq!(connected.handle_timeout(now + Duration::from_secs(179)), 0);
    assert_eq!(
        connected.handle_timeout(now + mcu_session::ANSWER_TIMEOUT),
        1
    );
    assert_eq!(
        connected.poll_command_output(),
        Some(ConferenceOutput::Failed {
            id: lock.id,
            command: ConferenceCommand::LockConference,
            reason: FailureReason::NoAnswer
        })
    );
}

/// What the conference causes itself is no report about one MCU: an
/// `Event` of that kind (or an activation with another MCU's entry) does
/// not become an `McuReport`, and is handed back (the typed call does not
/// compile: `ui-tests/conference_mcu_event_*.rs`).
#[test]
fn the_conference_refuses_mcu_reports_it_causes_itself() {
    let now = Instant::now();
    for event in [
        Event::FocusReconnected {
            mcu: McuStatus::Active,
        },
        Event::FocusReconnecting,
        Event::ConferenceTerminated,
        Event::ConferenceJoined {
            offered: vec![chat()],
        },
        Event::McuActivated { mcu: chat() },
    ] {
        assert_eq!(McuReport::<AudioVideo>::try_from(event.clone()), Err(event));
    }
    let mut connected = attached().join().joined([chat(), av()]).expect("offer");
    let refused = connected
        .mcu_event::<InstantMessaging>(McuReport::FailingOver, now)
        .unwrap_err();
    assert!(
        matches!(refused, McuEventRefused::ByMcuSession(_)),
        "Idle: 3a is undocumented"
    );
    assert_eq!(refused.into_event(), Event::McuFailingOver);
}

#[test]
fn a_lent_session_is_the_typed_session_and_goes_back_after() {
    let now = Instant::now();
    let mut connected = attached().join().joined([chat(), av()]).expect("offer");
    let id = connected
        .lend::<AudioVideo, Idle, _>(|av| av.queue(Operation::disable_mute_all_mode(), now))
        .expect("lent")
        .expect("queued");
    assert_eq!(connected.mcu::<AudioVideo>().map(|s| s.queued()), Some(1));
    assert_eq!(
        connected.lend::<AudioVideo, Active, _>(|_| ()),
        Err(LendRefused::WrongState {
            mcu_type: "audio-video",
            expected: McuSessionState::Active,
            found: McuSessionState::Idle
        })
    );
    let cancelled = connected
        .lend::<AudioVideo, Idle, _>(|av| av.cancel(id))
        .expect("lent");
    assert_eq!(cancelled, Ok(Operation::disable_mute_all_mode()));
}

/// "A fresh roster notification is sent ... compared to the existing
/// roster ... Events are raised if any differences are detected": after a
/// reconnection the focus's full roster reaches each MCU session through
/// the conference, and what changed comes back as a diff, both for the
/// session that is Active again (4b) and for the one that went Idle (4c).
#[test]
fn the_fresh_roster_after_a_reconnection_reports_only_what_changed() {
    use mcu_session::{Attendance, Effect, Endpoint, Role};

    let now = Instant::now();
    let endpoint = |user: &str, role| Endpoint {
        uri: uri(&format!("sip:{user}@contoso.com")),
        role,
    };
    let (bob, carol, dave) = (
        endpoint("bob", Role::Attendee),
        endpoint("carol", Role::Presenter),
        endpoint("dave", Role::Attendee),
    );
    let mut connected = attached().join().joined([chat(), av()]).unwrap();
    connected
        .mcu_event::<InstantMessaging>(McuReport::activated(chat()).unwrap(), now)
        .unwrap();
    connected
        .mcu_event::<AudioVideo>(McuReport::activated(av()).unwrap(), now)
        .unwrap();
    for endpoint in [&bob, &carol] {
        let joined = Attendance::Joined(endpoint.clone());
        connected
            .mcu_event::<InstantMessaging>(McuReport::Attendance(joined.clone()), now)
            .unwrap();
        connected
            .mcu_event::<AudioVideo>(McuReport::Attendance(joined), now)
            .unwrap();
    }

    let statuses = McuStatuses {
        instant_messaging: McuStatus::Active,
        audio_video: McuStatus::NotActive,
    };
    let (mut connected, _changes) = connected.reconnecting().reconnected_to_conference(statuses);
    // While the link was down, bob left and dave joined.
    let fresh = Attendance::Refreshed(vec![carol.clone(), dave.clone()]);
    for diff in [
        connected.mcu_event::<InstantMessaging>(McuReport::Attendance(fresh.clone()), now),
        connected.mcu_event::<AudioVideo>(McuReport::Attendance(fresh), now),
    ] {
        let Ok(Effect::Roster(diff)) = diff else {
            panic!("a roster diff, not {diff:?}")
        };
        assert_eq!(
            (&diff.joined, &diff.left),
            (&vec![dave.clone()], &vec![bob.clone()])
        );
    }
    let im = connected.mcu::<InstantMessaging>().unwrap();
    assert_eq!(im.state(), McuSessionState::Active);
    assert_eq!(im.roster().map(|roster| roster.len()), Some(2));
    assert_eq!(
        connected.mcu::<AudioVideo>().unwrap().state(),
        McuSessionState::Idle
    );
}

/// What a conference in the lobby may leave for is the lobby's own
/// causes; a failed escalation is a Connected conference's. Both views
/// refuse it, with nothing changed.
#[test]
fn the_lobby_refuses_the_causes_it_cannot_leave_for() {
    use mcu_session::{AnyConference, ConferenceEvent, ConferenceRefused, ConferenceSessionState};

    let lobby = || AnyConference::from(attached().join().entered_lobby());
    let mut any = lobby();
    let refused = any
        .apply(ConferenceEvent::Disconnect(
            DisconnectCause::EscalationFailed,
        ))
        .unwrap_err();
    assert!(matches!(
        refused,
        ConferenceRefused::Undocumented {
            state: ConferenceSessionState::InLobby,
            ..
        }
    ));
    assert_eq!(any.state(), ConferenceSessionState::InLobby);
    let effect = any
        .apply(ConferenceEvent::Disconnect(DisconnectCause::LobbyTimedOut))
        .unwrap();
    assert_eq!(
        effect.transition().to,
        ConferenceSessionState::Disconnecting
    );
    // And Connected refuses the lobby's own.
    let mut connected = AnyConference::from(attached().join().joined([]).unwrap());
    assert!(
        connected
            .apply(ConferenceEvent::Disconnect(DisconnectCause::LobbyTimedOut))
            .is_err()
    );
}

/// A command failed by a focus failover prints as the output `poll` will
/// hand out, before and after a refused call moves it there: `Debug` of an
/// unchanged conference does not change.
#[test]
fn a_refused_call_does_not_change_how_the_conference_prints() {
    let now = Instant::now();
    let mut connected = attached().join().joined([chat(), av()]).unwrap();
    let id = connected
        .command(ConferenceCommand::LockConference, now)
        .unwrap()
        .id;
    let mut reconnecting = connected.reconnecting();
    let before = format!("{reconnecting:?}");
    assert!(before.contains("command: LockConference"), "{before}");
    let unknown = Response::Success {
        id: mcu_session::RequestId::new(id.get() + 7),
    };
    assert!(reconnecting.answer(unknown).is_err());
    assert_eq!(format!("{reconnecting:?}"), before);
}

/// A panic inside `lend` does not lose the MCU session: after the panic is
/// caught the session is attached, holding the operation `f` queued
/// before it panicked.
#[test]
fn a_panic_while_lent_puts_the_session_back_with_what_it_holds() {
    let now = Instant::now();
    let mut connected = attached().join().joined([chat(), av()]).unwrap();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        connected.lend::<InstantMessaging, Idle, _>(|im| {
            im.queue(Operation::enable_block_all_mode(), now).unwrap();
            panic!("the application's code failed");
        })
    }));
    assert!(caught.is_err());
    let im = connected.mcu::<InstantMessaging>().expect("still attached");
    assert_eq!((im.state(), im.queued()), (McuSessionState::Idle, 1));
}

/// A Connected conference whose IM session sent a request and is Retrying
/// after an MCU failover (3a), which keeps the request pending.
fn pending_through_mcu_failover(
    now: Instant,
) -> (
    ConferenceSession<mcu_session::conference::Connected>,
    RequestId,
) {
    let mut connected = attached().join().joined([chat(), av()]).unwrap();
    connected
        .mcu_event::<InstantMessaging>(McuReport::activated(chat()).unwrap(), now)
        .unwrap();
    let submitted = connected.submit::<InstantMessaging>(Operation::enable_block_all_mode(), now);
    let Ok(Submitted::Sent(request)) = submitted else {
        panic!("sent: {submitted:?}")
    };
    connected
        .mcu_event::<InstantMessaging>(McuReport::FailingOver, now)
        .unwrap();
    assert_eq!(
        connected
            .mcu::<InstantMessaging>()
            .map(|s| (s.state(), s.pending())),
        Some((McuSessionState::Retrying, 1)),
        "3a keeps it pending: the focus link holds"
    );
    (connected, request.id)
}

/// A request an MCU failover (3a) kept pending fails at once when the focus
/// fails over too ("After failover is detected, pending conference
/// operations fail immediately"), in the typed and the runtime view.
#[test]
fn a_request_kept_through_an_mcu_failover_fails_at_the_focus_failover() {
    let now = Instant::now();
    let (connected, id) = pending_through_mcu_failover(now);
    let failed = Output::Failed {
        id,
        operation: Operation::enable_block_all_mode(),
        reason: FailureReason::SessionRetrying,
    };
    let mut typed = connected.reconnecting();
    assert_eq!(
        typed
            .mcu::<InstantMessaging>()
            .map(|s| (s.state(), s.pending())),
        Some((McuSessionState::Retrying, 0))
    );
    assert_eq!(
        typed.poll_output::<InstantMessaging>(),
        Some(failed.clone())
    );
    assert_eq!(typed.poll_timeout(), None, "no timer left to run");

    let mut runtime = AnyConference::from(pending_through_mcu_failover(now).0);
    let _ = runtime.apply(ConferenceEvent::FocusFailover).unwrap();
    assert_eq!(
        runtime
            .mcu::<InstantMessaging>()
            .map(|s| (s.state(), s.pending())),
        Some((McuSessionState::Retrying, 0))
    );
    assert_eq!(runtime.poll_output::<InstantMessaging>(), Some(failed));
    assert_eq!(runtime.poll_timeout(), None, "no timer left to run");
}

/// Request ids stay unique on the wire across a failed escalation and a
/// rejoin with fresh MCU sessions ([MS-CONFPRO] 2.2.2: "unique among all
/// requests from that sender"): the fresh session numbers on from where the
/// one handed back stopped, in the typed and the runtime view.
#[test]
fn a_rejoin_with_fresh_mcu_sessions_never_repeats_a_request_id() {
    let now = Instant::now();
    let focus = uri("sip:conf@contoso.com");
    let sent = |connected: &mut ConferenceSession<mcu_session::conference::Connected>| {
        connected
            .mcu_event::<InstantMessaging>(McuReport::activated(chat()).unwrap(), now)
            .unwrap();
        match connected.submit::<InstantMessaging>(Operation::enable_block_all_mode(), now) {
            Ok(Submitted::Sent(request)) => request.id,
            other => panic!("sent: {other:?}"),
        }
    };
    let mut first = attached().join().joined([chat(), av()]).unwrap();
    let first_id = sent(&mut first);
    let Left::NotJoined(mut idle, _released) = first
        .disconnect(ConnectedExit::EscalationFailed)
        .disconnected()
    else {
        panic!("back to Idle")
    };
    idle.attach(InstantMessagingMcuSession::new(focus.clone()))
        .unwrap();
    let mut runtime = AnyConference::from(idle);
    let _ = runtime.apply(ConferenceEvent::Join).unwrap();
    let _ = runtime
        .apply(ConferenceEvent::Joined {
            offered: vec![chat(), av()],
        })
        .unwrap();
    let mut second =
        ConferenceSession::<mcu_session::conference::Connected>::try_from(runtime).unwrap();
    let second_id = sent(&mut second);
    assert!(
        second_id.get() > first_id.get(),
        "{second_id} after {first_id}"
    );
}

/// `request(TerminateConference)` is refused in both views, the command
/// handed back and the conference still Connected; `terminate_conference`
/// is the way, in both views: the command goes out and the conference is
/// Disconnecting, its MCU sessions terminated.
#[test]
fn terminating_the_conference_is_a_transition_in_both_views() {
    let now = Instant::now();
    let mut typed = attached().join().joined([chat(), av()]).unwrap();
    let refused = typed
        .command(ConferenceCommand::TerminateConference, now)
        .unwrap_err();
    assert_eq!(
        refused.into_command(),
        ConferenceCommand::TerminateConference
    );
    let mut runtime = AnyConference::from(typed);
    let refused = runtime
        .command(ConferenceCommand::TerminateConference, now)
        .unwrap_err();
    assert!(
        refused.to_string().contains("terminate_conference"),
        "{refused}"
    );
    assert_eq!(
        runtime.state(),
        mcu_session::ConferenceSessionState::Connected
    );
    assert_eq!(runtime.poll_timeout(), None, "nothing went out");

    let request = runtime.terminate_conference(now).unwrap();
    assert_eq!(request.command, ConferenceCommand::TerminateConference);
    assert_eq!(
        (runtime.state(), runtime.cause()),
        (
            mcu_session::ConferenceSessionState::Disconnecting,
            Some(DisconnectCause::TerminatedConference)
        )
    );
    assert_eq!(
        runtime.mcu::<InstantMessaging>().map(|s| s.state()),
        Some(McuSessionState::Terminated)
    );
    runtime
        .answer(Response::Success { id: request.id })
        .unwrap();
    assert_eq!(
        runtime.poll_command_output(),
        Some(ConferenceOutput::Succeeded {
            id: request.id,
            command: ConferenceCommand::TerminateConference
        })
    );
    let refused = runtime.terminate_conference(now).unwrap_err();
    assert_eq!(
        refused,
        mcu_session::CommandRefused::Invalid {
            state: mcu_session::ConferenceSessionState::Disconnecting,
            command: ConferenceCommand::TerminateConference
        }
    );
}

/// A participant who lost the focus in the lobby comes back into the
/// conference only with the offer, as an admission: its MCU sessions are
/// then bound, so the AV session's activation finds its MCU (typed and
/// runtime). Back "into the conference" with statuses alone is refused at
/// run time (and does not compile in the typed view: `ui-tests/`).
#[test]
fn a_reconnection_from_the_lobby_into_the_conference_takes_the_offer() {
    let now = Instant::now();
    let reconnecting = attached().join().entered_lobby().reconnecting();
    let mut connected = reconnecting.admitted([chat(), av()]).unwrap();
    assert!(
        connected
            .mcu::<AudioVideo>()
            .is_some_and(|s| s.mcu().is_some()),
        "bound"
    );
    connected
        .mcu_event::<AudioVideo>(McuReport::activated(av()).unwrap(), now)
        .unwrap();

    let mut runtime = AnyConference::from(attached().join().entered_lobby());
    let _ = runtime.apply(ConferenceEvent::FocusFailover).unwrap();
    let statuses = ConferenceEvent::Reconnected(mcu_session::conference::Reconnection::Conference(
        McuStatuses::default(),
    ));
    let refused = runtime.apply(statuses.clone()).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "a conference reconnecting from InLobby takes no Reconnected: no MCU session was ever bound, so it comes back into the conference as Admitted, with the offer"
    );
    assert_eq!(refused.into_event(), statuses);
    assert_eq!(
        runtime.state(),
        mcu_session::ConferenceSessionState::Reconnecting
    );
    let effect = runtime
        .apply(ConferenceEvent::Admitted {
            offered: vec![chat(), av()],
        })
        .unwrap();
    assert_eq!(
        effect.transition(),
        mcu_session::conference::transitions::RECONNECTED_ADMITTED
    );
    assert!(
        runtime
            .mcu::<AudioVideo>()
            .is_some_and(|s| s.mcu().is_some()),
        "bound"
    );

    // And a conference that was Connected was never in the lobby.
    let mut runtime = AnyConference::from(attached().join().joined([chat(), av()]).unwrap());
    let _ = runtime.apply(ConferenceEvent::FocusFailover).unwrap();
    let refused = runtime
        .apply(ConferenceEvent::Admitted { offered: vec![] })
        .unwrap_err();
    assert!(matches!(
        refused,
        mcu_session::ConferenceRefused::NotFromOrigin { .. }
    ));
}

/// A reconnection says what became of each MCU session: 4b for the one
/// whose MCU is active, with the call terminated when an MCU failover (3a)
/// ended it first (a new call is needed), 4c for the other; typed and
/// runtime alike.
#[test]
fn a_reconnection_reports_each_mcu_sessions_transition_and_call() {
    let now = Instant::now();
    let walk = || {
        let mut connected = attached().join().joined([chat(), av()]).unwrap();
        connected
            .mcu_event::<InstantMessaging>(McuReport::activated(chat()).unwrap(), now)
            .unwrap();
        connected
            .mcu_event::<AudioVideo>(McuReport::activated(av()).unwrap(), now)
            .unwrap();
        connected
            .mcu_event::<InstantMessaging>(McuReport::FailingOver, now)
            .unwrap();
        connected
    };
    let statuses = McuStatuses {
        instant_messaging: McuStatus::Active,
        audio_video: McuStatus::NotActive,
    };
    let (_connected, typed) = walk().reconnecting().reconnected_to_conference(statuses);
    let im = typed.instant_messaging.expect("IM was Retrying");
    let av = typed.audio_video.expect("AV was Retrying");
    assert_eq!(
        (im.transition(), im.call()),
        (
            mcu_session::TransitionId::T4b,
            Some(mcu_session::McuCall::Terminated)
        )
    );
    assert_eq!(av.transition(), mcu_session::TransitionId::T4c);

    let mut runtime = AnyConference::from(walk());
    let _ = runtime.apply(ConferenceEvent::FocusFailover).unwrap();
    let effect = runtime
        .apply(ConferenceEvent::Reconnected(
            mcu_session::conference::Reconnection::Conference(statuses),
        ))
        .unwrap();
    let mcu_session::ConferenceEffect::Reconnected(_, changes) = effect else {
        panic!("a reconnection: {effect:?}")
    };
    assert_eq!(changes, typed);
}

/// A join's (or an admission's) offer has a capacity too
/// (`Capacities::offers`): past it, refused with everything handed back.
#[test]
fn an_offer_past_the_capacity_is_refused() {
    let capacities = mcu_session::Capacities {
        offers: 1,
        ..mcu_session::Capacities::default()
    };
    let conference = ConferenceSession::with_capacities(uri("sip:conf@contoso.com"), capacities);
    let refused = conference.join().joined([chat(), av()]).unwrap_err();
    assert_eq!(
        refused.problem(),
        JoinProblem::TooManyOffered { capacity: 1 }
    );
    let (connecting, offered) = refused.into_parts();
    assert_eq!(offered, [chat(), av()]);
    let mut runtime = AnyConference::from(connecting);
    assert!(
        runtime
            .apply(ConferenceEvent::Joined {
                offered: vec![chat(), av()]
            })
            .is_err()
    );
    assert!(
        runtime
            .apply(ConferenceEvent::Joined {
                offered: vec![chat()]
            })
            .is_ok()
    );
}

/// The runtime view has what the typed one has (#30: attach, cancel,
/// cancel_command, lend, release and conference needed a `TryFrom` round
/// trip), and an operation queued for an MCU can be taken back while the
/// conference reconnects.
#[test]
fn the_runtime_view_attaches_lends_cancels_and_releases() {
    let now = Instant::now();
    let focus = uri("sip:conf@contoso.com");
    let mut any = AnyConference::from(ConferenceSession::new(focus.clone()));
    assert_eq!(any.conference(), &focus);
    any.attach(InstantMessagingMcuSession::new(focus.clone()))
        .unwrap();
    let _ = any.apply(ConferenceEvent::Join).unwrap();
    let refused = any.attach(AudioVideoMcuSession::new(focus)).unwrap_err();
    assert_eq!(
        refused.problem(),
        mcu_session::conference::AttachProblem::NotIdle(
            mcu_session::ConferenceSessionState::Connecting
        )
    );
    let _ = any
        .apply(ConferenceEvent::Joined {
            offered: vec![chat()],
        })
        .unwrap();
    let id = any
        .lend::<InstantMessaging, Idle, _>(|im| im.queue(Operation::enable_block_all_mode(), now))
        .unwrap()
        .unwrap();
    let _ = any.apply(ConferenceEvent::FocusFailover).unwrap();
    assert_eq!(
        any.lend::<InstantMessaging, Idle, _>(|_| ()),
        Err(LendRefused::NotConnected(
            mcu_session::ConferenceSessionState::Reconnecting
        ))
    );
    assert_eq!(
        any.cancel::<InstantMessaging>(id),
        Ok(Operation::enable_block_all_mode())
    );
    let _ = any
        .apply(ConferenceEvent::Disconnect(DisconnectCause::Left))
        .unwrap_err(); // Reconnecting: not a way out
    let _ = any.apply(ConferenceEvent::ReconnectFailed).unwrap();
    let any = any.release().unwrap_err();
    let mut any = any;
    let _ = any.apply(ConferenceEvent::Disconnected).unwrap();
    let (im, av) = any.release().unwrap().into_parts();
    assert_eq!(
        (im.map(|s| s.state()), av.is_none()),
        (Some(McuSessionState::Terminated), true)
    );
}

/// The 5a-5c reason can be built to compare outputs with (#30: it could
/// not): what a conference's end fails an operation with.
#[test]
fn the_conference_terminated_reason_can_be_built_to_compare_with() {
    let now = Instant::now();
    let mut connected = attached().join().joined([chat(), av()]).unwrap();
    let Ok(Submitted::Queued(id)) =
        connected.submit::<InstantMessaging>(Operation::enable_block_all_mode(), now)
    else {
        panic!("queued for the MCU")
    };
    let Left::Disconnected(mut ended) = connected.disconnect(ConnectedExit::Left).disconnected()
    else {
        panic!("disconnected")
    };
    assert_eq!(
        ended.poll_output::<InstantMessaging>(),
        Some(Output::Failed {
            id,
            operation: Operation::enable_block_all_mode(),
            reason: FailureReason::Terminated(TerminationReason::conference_terminated(uri(
                "sip:conf@contoso.com"
            ))),
        })
    );
}
