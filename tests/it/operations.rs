//! Operations by state, the 30-second queue (on simulated time: the crate
//! takes `now` from the caller, so no test sleeps), and the roster.

use std::time::{Duration, Instant};

use mcu_session::{
    Active, AdvertisedMcu, AnySession, Attendance, AttendanceProblem, AudioVideo, Capacities,
    Endpoint, FailureReason, Idle, InstantMessaging, Joined, McuInfo, McuStatus, Operation,
    OperationKind, OperationRejected, Output, QUEUE_TIMEOUT, Reconnected, RequestId, Role, Session,
    Submitted, Uri,
};

use crate::common::{chat, uri};

const CONFERENCE: &str = "sip:conf@contoso.com";

fn unbound() -> Session<Idle, InstantMessaging> {
    Session::new(uri(CONFERENCE))
}

fn bound() -> Session<Idle, InstantMessaging> {
    let Ok(Joined::Bound(idle)) = unbound().conference_joined([chat()]) else {
        panic!("the conference offers chat")
    };
    idle
}

fn active() -> Session<Active, InstantMessaging> {
    bound().mcu_activated(McuInfo::try_from(chat()).unwrap(), Instant::now())
}

fn eject(who: &str) -> Operation<InstantMessaging> {
    Operation::eject(format!("sip:{who}@contoso.com")).unwrap()
}

fn outputs<S: mcu_session::State>(
    session: &mut Session<S, InstantMessaging>,
) -> Vec<Output<InstantMessaging>> {
    std::iter::from_fn(|| session.poll_output()).collect()
}

fn endpoint(who: &str, role: Role) -> Endpoint {
    Endpoint {
        uri: uri(&format!("sip:{who}@contoso.com")),
        role,
    }
}

#[test]
fn an_active_session_sends_at_once_with_increasing_ids() {
    let mut active = active();
    let first = active.request(eject("bob"), Instant::now()).unwrap();
    let second = active
        .request(Operation::enable_block_all_mode(), Instant::now())
        .unwrap();
    assert_eq!((first.id.get(), second.id.get()), (1, 2));
    assert_eq!(first.conference.as_str(), CONFERENCE);
    assert_eq!(first.mcu_type, "chat");
    assert_eq!(first.operation.to_string(), "eject sip:bob@contoso.com");
    assert_eq!(second.operation, OperationKind::EnableBlockAllMode);
    assert!(outputs(&mut active).is_empty());
}

#[test]
fn an_unbound_idle_session_refuses_to_queue_and_hands_the_operation_back() {
    let mut idle = unbound();
    let error = idle.queue(eject("bob"), Instant::now()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the session is not bound to a `chat` MCU yet: join a conference that offers one first"
    );
    assert_eq!(error.into_operation(), eject("bob"));
    assert_eq!(idle.queued(), 0);
}

#[test]
fn activation_releases_the_queue_in_order() {
    let start = Instant::now();
    let mut idle = bound();
    let a = idle.queue(eject("bob"), start).unwrap();
    let b = idle
        .queue(Operation::dial_out("tel:+14255550100").unwrap(), start)
        .unwrap();
    let c = idle
        .queue(Operation::disable_block_all_mode(), start)
        .unwrap();
    assert_eq!(idle.queued(), 3);
    assert!(outputs(&mut idle).is_empty(), "nothing goes out while Idle");

    let mut active = idle.mcu_activated(McuInfo::try_from(chat()).unwrap(), start);
    let ids: Vec<_> = outputs(&mut active)
        .into_iter()
        .map(|output| match output {
            Output::Request(request) => {
                assert_eq!(
                    (request.conference.as_str(), request.mcu_type),
                    (CONFERENCE, "chat")
                );
                request.id
            }
            other => panic!("only requests come out: {other:?}"),
        })
        .collect();
    assert_eq!(ids, [a, b, c]);
    // Ids keep counting after the release.
    assert_eq!(
        active
            .request(eject("carol"), Instant::now())
            .unwrap()
            .id
            .get(),
        4
    );
}

/// Transition 1 learns the time: an operation whose 30 s are over when the
/// MCU becomes active fails instead of going out late, even if the
/// application never called `handle_timeout`.
#[test]
fn activation_at_30_s_fails_what_is_due_and_releases_the_rest() {
    let start = Instant::now();
    let nanosecond = Duration::from_nanos(1);
    for (activation, expected) in [
        (start + QUEUE_TIMEOUT - nanosecond, [true, true]),
        (start + QUEUE_TIMEOUT, [false, true]),
        (
            start + QUEUE_TIMEOUT + Duration::from_secs(5),
            [false, false],
        ),
    ] {
        let mut idle = bound();
        let first = idle.queue(eject("bob"), start).unwrap();
        let second = idle
            .queue(eject("carol"), start + Duration::from_secs(5))
            .unwrap();
        let mut active = idle.mcu_activated(McuInfo::try_from(chat()).unwrap(), activation);
        let sent: Vec<(RequestId, bool)> = outputs(&mut active)
            .into_iter()
            .map(|output| match output {
                Output::Request(request) => (request.id, true),
                Output::Failed {
                    id,
                    reason: FailureReason::TimedOut,
                    ..
                } => (id, false),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            sent,
            [(first, expected[0]), (second, expected[1])],
            "activated {:?} after the first was queued",
            activation - start
        );
    }
}

#[test]
fn a_queued_operation_expires_exactly_30_seconds_after_it_was_queued() {
    let start = Instant::now();
    let mut idle = bound();
    let early = idle.queue(eject("bob"), start).unwrap();
    let late = idle
        .queue(eject("carol"), start + Duration::from_secs(10))
        .unwrap();
    assert_eq!(idle.poll_timeout(), Some(start + QUEUE_TIMEOUT));

    assert_eq!(
        idle.handle_timeout(start + QUEUE_TIMEOUT - Duration::from_nanos(1)),
        0
    );
    assert_eq!(idle.handle_timeout(start + QUEUE_TIMEOUT), 1);
    assert_eq!(
        outputs(&mut idle),
        [Output::Failed {
            id: early,
            operation: eject("bob"),
            reason: FailureReason::TimedOut
        }]
    );
    assert_eq!(idle.poll_timeout(), Some(start + Duration::from_secs(40)));
    assert_eq!(idle.queued(), 1);

    // The survivor is released by activation.
    let mut active = idle.mcu_activated(McuInfo::try_from(chat()).unwrap(), Instant::now());
    assert!(matches!(&outputs(&mut active)[..], [Output::Request(r)] if r.id == late));
}

#[test]
fn transition_2_fails_every_queued_operation_with_its_reason() {
    let start = Instant::now();
    let mut idle = bound();
    let a = idle.queue(eject("bob"), start).unwrap();
    let b = idle
        .queue(Operation::enable_block_all_mode(), start)
        .unwrap();
    let av_only = [AdvertisedMcu::of::<AudioVideo>(
        uri("sip:conf@contoso.com;av"),
        None,
    )];
    let Ok(Joined::Unsupported(mut terminated)) = idle.conference_joined(av_only) else {
        panic!("no chat MCU offered")
    };
    let reason = terminated.reason().clone();
    assert_eq!(
        outputs(&mut terminated),
        [
            Output::Failed {
                id: a,
                operation: eject("bob"),
                reason: FailureReason::Terminated(reason.clone())
            },
            Output::Failed {
                id: b,
                operation: Operation::enable_block_all_mode(),
                reason: FailureReason::Terminated(reason)
            },
        ]
    );
}

#[test]
fn after_4c_the_idle_session_is_still_bound_and_queues_again() {
    let Reconnected::Idle(mut idle) = active()
        .mcu_failing_over()
        .focus_reconnected(McuStatus::NotActive)
    else {
        panic!("4c")
    };
    assert!(idle.queue(eject("bob"), Instant::now()).is_ok());
}

#[test]
fn invalid_uris_are_typed_errors_that_hand_the_input_back() {
    for (input, message) in [
        ("", "cannot eject ``: `` is not a URI: it is empty"),
        (
            "bob",
            "cannot eject `bob`: `bob` is not a URI: it has no scheme",
        ),
        (
            "tel:+14255550100",
            "cannot eject `tel:+14255550100`: expected a sip: or sips: URI",
        ),
    ] {
        let error = Operation::<InstantMessaging>::eject(input).unwrap_err();
        assert_eq!(error.to_string(), message);
        assert_eq!(error.into_input(), input);
    }
    // A scheme the crate never uses is not a URI here at all.
    let error = Operation::<AudioVideo>::dial_out("mailto:bob@contoso.com").unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot dial out to `mailto:bob@contoso.com`: `mailto:bob@contoso.com` is not a URI: its scheme is not one this crate uses (sip, sips, tel)"
    );
}

#[test]
fn attendance_tracks_the_roster_and_refuses_reports_that_do_not_fit() {
    let mut active = active();
    let bob = endpoint("bob", Role::Attendee);
    let carol = endpoint("carol", Role::Presenter);
    let diff = active.attendance(Attendance::Joined(bob.clone())).unwrap();
    assert_eq!((diff.joined, diff.left), (vec![bob.clone()], vec![]));
    active
        .attendance(Attendance::Joined(carol.clone()))
        .unwrap();

    // Joined twice, left while absent, listed twice: refused, roster intact,
    // report handed back.
    let twice = active
        .attendance(Attendance::Joined(bob.clone()))
        .unwrap_err();
    assert_eq!(twice.problem(), AttendanceProblem::AlreadyPresent);
    assert_eq!(twice.endpoint(), Some(&bob.uri));
    assert_eq!(
        twice.to_string(),
        "endpoint sip:bob@contoso.com is already in the roster"
    );
    assert_eq!(twice.into_report(), Attendance::Joined(bob.clone()));
    let dave = uri("sip:dave@contoso.com");
    let absent = active
        .attendance(Attendance::Left(dave.clone()))
        .unwrap_err();
    assert_eq!(
        absent.to_string(),
        "endpoint sip:dave@contoso.com is not in the roster"
    );
    let duplicated = Attendance::Refreshed(vec![bob.clone(), bob.clone()]);
    let error = active.attendance(duplicated.clone()).unwrap_err();
    assert_eq!(error.problem(), AttendanceProblem::Duplicate { index: 1 });
    assert_eq!(
        error.to_string(),
        "the fresh roster lists endpoint sip:bob@contoso.com twice"
    );
    assert_eq!(error.into_report(), duplicated);
    assert_eq!(active.roster().len(), 2);

    let diff = active
        .attendance(Attendance::Left(bob.uri.clone()))
        .unwrap();
    assert_eq!((diff.joined, diff.left), (vec![], vec![bob]));
    assert_eq!(active.roster().role(&carol.uri), Some(Role::Presenter));
}

#[test]
fn a_fresh_roster_after_reconnect_reports_only_the_differences() {
    let mut active = active();
    for who in ["bob", "carol", "erin"] {
        active
            .attendance(Attendance::Joined(endpoint(who, Role::Attendee)))
            .unwrap();
    }
    let Reconnected::Active(resumed) = active
        .focus_reconnecting()
        .focus_reconnected(McuStatus::Active)
    else {
        panic!("4b")
    };
    let mut active = resumed.into_session();
    let fresh = vec![
        endpoint("carol", Role::Attendee), // unchanged
        endpoint("erin", Role::Presenter), // role changed
        endpoint("dave", Role::Attendee),  // new
    ];
    let diff = active.attendance(Attendance::Refreshed(fresh)).unwrap();
    assert_eq!(
        (diff.joined, diff.left),
        (
            vec![
                endpoint("dave", Role::Attendee),
                endpoint("erin", Role::Presenter)
            ],
            vec![
                endpoint("bob", Role::Attendee),
                endpoint("erin", Role::Attendee)
            ]
        )
    );
    assert_eq!(active.roster().len(), 3);
}

#[test]
fn an_unbound_session_has_no_roster_to_report_on() {
    let mut idle = unbound();
    let report = Attendance::Joined(endpoint("bob", Role::Attendee));
    let error = idle.attendance(report.clone()).unwrap_err();
    assert_eq!(error.problem(), AttendanceProblem::NotBound);
    assert_eq!(error.into_report(), report);
}

#[test]
fn the_runtime_view_gates_operations_by_state_and_hands_them_back() {
    let now = Instant::now();
    let mut any = AnySession::from(unbound());
    assert!(
        matches!(any.submit(eject("bob"), now), Err(OperationRejected::NotBound(error)) if error.operation() == &eject("bob"))
    );
    let mut any = AnySession::from(bound());
    assert!(matches!(
        any.submit(eject("bob"), now),
        Ok(Submitted::Queued(_))
    ));
    let mut any = AnySession::from(active());
    assert!(matches!(
        any.submit(eject("bob"), now),
        Ok(Submitted::Sent(_))
    ));
    let mut any = AnySession::from(active().mcu_failing_over());
    let refused = any.submit(eject("bob"), now).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "the session is Retrying: retry once it is Active"
    );
    assert_eq!(refused.into_operation(), eject("bob"));
    let Ok(Joined::Unsupported(terminated)) = unbound().conference_joined([]) else {
        panic!()
    };
    let mut any = AnySession::from(terminated);
    assert!(matches!(
        any.submit(eject("bob"), now),
        Err(OperationRejected::Invalid(_))
    ));
}

/// The roster tells endpoints apart as RFC 3261 does: scheme and host
/// without regard to case, the user part with it; an address with an
/// invisible character is not an address at all.
#[test]
fn the_roster_knows_an_endpoint_by_its_sip_identity() {
    let mut active = active();
    let bob = endpoint("bob", Role::Attendee);
    active.attendance(Attendance::Joined(bob.clone())).unwrap();

    let shouting = uri("SIP:bob@CONTOSO.COM");
    let again = active
        .attendance(Attendance::Joined(Endpoint {
            uri: shouting.clone(),
            role: Role::Presenter,
        }))
        .unwrap_err();
    assert_eq!(again.problem(), AttendanceProblem::AlreadyPresent);
    assert_eq!(again.endpoint(), Some(&shouting));
    assert_eq!(active.roster().role(&shouting), Some(Role::Attendee));

    let other_user = uri("sip:BOB@contoso.com");
    assert_eq!(active.roster().role(&other_user), None);

    let left = active.attendance(Attendance::Left(shouting)).unwrap();
    assert_eq!((left.joined, left.left), (vec![], vec![bob]));
    assert!(active.roster().is_empty());

    assert!(Uri::parse("sip:bob\u{200B}@contoso.com").is_err());
}

/// Nothing grows without bound: past its capacities a session refuses, and
/// hands back, what it would have to hold; draining the outputs makes room.
#[test]
fn a_session_holds_no_more_than_its_capacities() {
    let capacities = Capacities {
        operations: 2,
        endpoints: 2,
        ..Capacities::default()
    };
    let session = Session::<Idle, InstantMessaging>::with_capacities(uri(CONFERENCE), capacities);
    let Ok(Joined::Bound(mut idle)) = session.conference_joined([chat()]) else {
        panic!("bound")
    };
    let start = Instant::now();
    idle.queue(eject("bob"), start).unwrap();
    idle.queue(eject("carol"), start).unwrap();
    let full = idle.queue(eject("dave"), start).unwrap_err();
    assert_eq!(
        full.to_string(),
        "the session already holds 2 operations for the application, its capacity"
    );
    assert_eq!(full.into_operation(), eject("dave"));

    // Released, an operation is pending until the focus answers: it still
    // counts, once; answered and polled, it frees the room.
    let mut active = idle.mcu_activated(McuInfo::try_from(chat()).unwrap(), start);
    let mut any = AnySession::from(active);
    assert_eq!(any.poll_output().map(|output| output.id().get()), Some(1));
    let refused = any.submit(eject("erin"), start).unwrap_err();
    assert!(matches!(refused, OperationRejected::Full(_)));
    any.cancel(RequestId::new(1)).unwrap();
    assert!(any.submit(eject("erin"), start).is_ok());
    active = any.try_into().unwrap();

    for who in ["bob", "carol"] {
        active
            .attendance(Attendance::Joined(endpoint(who, Role::Attendee)))
            .unwrap();
    }
    let crowd = Attendance::Joined(endpoint("dave", Role::Attendee));
    let error = active.attendance(crowd.clone()).unwrap_err();
    assert_eq!(
        error.problem(),
        AttendanceProblem::RosterFull { capacity: 2 }
    );
    assert_eq!(error.into_report(), crowd);
    let too_many = Attendance::Refreshed(
        ["x", "y", "z"]
            .into_iter()
            .map(|who| endpoint(who, Role::Attendee))
            .collect(),
    );
    assert!(active.attendance(too_many).is_err());
    assert_eq!(active.roster().len(), 2);
    // A known endpoint changing role is not a new one.
    assert!(
        active
            .attendance(Attendance::Refreshed(vec![
                endpoint("bob", Role::Presenter),
                endpoint("carol", Role::Attendee),
            ]))
            .is_ok()
    );
}

#[test]
fn the_runtime_view_refuses_a_full_queue_and_hands_the_operation_back() {
    let mut any = AnySession::<InstantMessaging>::with_capacities(
        uri(CONFERENCE),
        Capacities {
            operations: 1,
            ..Capacities::default()
        },
    );
    any.apply(
        mcu_session::Event::ConferenceJoined {
            offered: vec![chat()],
        },
        Instant::now(),
    )
    .unwrap();
    assert!(any.submit(eject("bob"), Instant::now()).is_ok());
    let refused = any.submit(eject("carol"), Instant::now()).unwrap_err();
    assert!(matches!(refused, OperationRejected::Full(_)), "{refused:?}");
    assert_eq!(refused.into_operation(), eject("carol"));
}

#[test]
fn audio_video_operations_are_the_references_modes_and_announcements() {
    use mcu_session::{AttendanceAnnouncementsStatus, SelfUnmuteAssignment};

    let av = AdvertisedMcu::of::<AudioVideo>(uri("sip:conf@contoso.com;av"), None);
    let idle = Session::<Idle, AudioVideo>::new(uri(CONFERENCE));
    let mut av_active = idle.mcu_activated(McuInfo::try_from(av).unwrap(), Instant::now());
    let sent: Vec<(OperationKind, String)> = [
        Operation::enable_mute_all_mode(SelfUnmuteAssignment::Everyone),
        Operation::enable_mute_all_mode(SelfUnmuteAssignment::LeadersOnly),
        Operation::disable_mute_all_mode(),
        Operation::modify_attendance_announcements(AttendanceAnnouncementsStatus::Enabled),
        Operation::modify_attendance_announcements(AttendanceAnnouncementsStatus::Disabled),
    ]
    .into_iter()
    .map(|operation| {
        let request = av_active.request(operation, Instant::now()).unwrap();
        assert_eq!(request.mcu_type, "audio-video");
        let text = request.operation.to_string();
        (request.operation, text)
    })
    .collect();
    let texts: Vec<&str> = sent.iter().map(|(_, text)| text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "enable the mute-all mode (everyone may unmute)",
            "enable the mute-all mode (leaders only may unmute)",
            "disable the mute-all mode",
            "enable attendance announcements",
            "disable attendance announcements",
        ]
    );
    assert_eq!(
        sent[1].0,
        OperationKind::EnableMuteAllMode {
            self_unmute: SelfUnmuteAssignment::LeadersOnly
        }
    );
    assert_eq!(
        sent[4].0,
        OperationKind::ModifyAttendanceAnnouncements {
            status: AttendanceAnnouncementsStatus::Disabled
        }
    );
    // The instant messaging mode, for comparison.
    let mut chat = active();
    let block = chat
        .request(Operation::enable_block_all_mode(), Instant::now())
        .unwrap();
    let unblock = chat
        .request(Operation::disable_block_all_mode(), Instant::now())
        .unwrap();
    assert_eq!(block.operation.to_string(), "enable the block-all mode");
    assert_eq!(unblock.operation, OperationKind::DisableBlockAllMode);
}

mod request_lifecycle {
    //! Requests stay pending until the focus answers; a focus reconnect
    //! fails them; an unanswered one expires; an application can cancel.

    use super::*;
    use mcu_session::{ANSWER_TIMEOUT, McuCall, Response, Resumed};

    fn failed(output: Option<Output<InstantMessaging>>) -> (RequestId, FailureReason) {
        match output {
            Some(Output::Failed { id, reason, .. }) => (id, reason),
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn an_answer_resolves_its_request_once_and_hands_the_operation_back() {
        let start = Instant::now();
        let mut active = active();
        let a = active.request(eject("bob"), start).unwrap();
        let b = active.request(eject("carol"), start).unwrap();
        assert_eq!(active.pending(), 2);

        active.answer(Response::Success { id: a.id }).unwrap();
        assert_eq!(
            active.poll_output(),
            Some(Output::Succeeded {
                id: a.id,
                operation: eject("bob")
            })
        );
        active
            .answer(Response::Failure {
                id: b.id,
                reason: "insufficient privileges".into(),
            })
            .unwrap();
        assert_eq!(
            active.poll_output(),
            Some(Output::Failed {
                id: b.id,
                operation: eject("carol"),
                reason: FailureReason::ConferenceFailure("insufficient privileges".into()),
            })
        );
        assert_eq!(active.pending(), 0);

        // Already answered, and never sent: refused, handed back, nothing out.
        for response in [
            Response::Success { id: a.id },
            Response::Failure {
                id: RequestId::new(99),
                reason: "?".into(),
            },
        ] {
            let refused = active.answer(response.clone()).unwrap_err();
            assert_eq!(refused.response(), &response);
            assert_eq!(refused.into_response(), response);
        }
        assert_eq!(active.poll_output(), None);
    }

    #[test]
    fn a_focus_reconnect_fails_every_pending_request_in_the_order_sent() {
        let start = Instant::now();
        let mut active = active();
        let ids: Vec<RequestId> = ["bob", "carol", "dave"]
            .into_iter()
            .map(|who| active.request(eject(who), start).unwrap().id)
            .collect();
        active.answer(Response::Success { id: ids[1] }).unwrap();
        let _ = active.poll_output();

        let mut retrying = active.focus_reconnecting();
        assert_eq!(retrying.pending(), 0);
        assert_eq!(
            failed(retrying.poll_output()),
            (ids[0], FailureReason::SessionRetrying)
        );
        assert_eq!(
            failed(retrying.poll_output()),
            (ids[2], FailureReason::SessionRetrying)
        );
        assert_eq!(retrying.poll_output(), None);
        // The focus's answer, arriving after the reconnect, is too late.
        assert!(retrying.answer(Response::Success { id: ids[0] }).is_err());
        assert!(retrying.handle_timeout(start + ANSWER_TIMEOUT) == 0);
    }

    #[test]
    fn an_mcu_failover_keeps_requests_pending_until_the_focus_link_is_lost() {
        let start = Instant::now();
        let mut active = active();
        let a = active.request(eject("bob"), start).unwrap();
        let b = active.request(eject("carol"), start).unwrap();
        let c = active.request(eject("dave"), start).unwrap();

        // 3a: the focus link holds; the focus still answers.
        let mut retrying = active.mcu_failing_over();
        assert_eq!(
            (retrying.call(), retrying.pending()),
            (McuCall::Terminated, 3)
        );
        assert_eq!(retrying.poll_output(), None);
        retrying.answer(Response::Success { id: a.id }).unwrap();
        assert!(matches!(
            retrying.poll_output(),
            Some(Output::Succeeded { .. })
        ));
        // 4a keeps them too.
        let Resumed::NewCallNeeded(active) = retrying.failover_completed() else {
            panic!("3a terminated the call")
        };
        assert_eq!(active.pending(), 2);

        // A focus reconnect ending a Retrying state entered by 3a: the focus
        // link was lost meanwhile, and what is still pending fails.
        let Reconnected::Idle(mut idle) = active
            .mcu_failing_over()
            .focus_reconnected(McuStatus::NotActive)
        else {
            panic!("the MCU is not active")
        };
        assert_eq!(
            failed(idle.poll_output()),
            (b.id, FailureReason::SessionRetrying)
        );
        assert_eq!(
            failed(idle.poll_output()),
            (c.id, FailureReason::SessionRetrying)
        );
        assert_eq!(idle.poll_output(), None);
    }

    #[test]
    fn an_unanswered_request_expires_after_the_answer_timeout() {
        let start = Instant::now();
        let mut active = active();
        let a = active.request(eject("bob"), start).unwrap();
        let b = active
            .request(eject("carol"), start + Duration::from_secs(5))
            .unwrap();
        assert_eq!(active.poll_timeout(), Some(start + ANSWER_TIMEOUT));

        assert_eq!(
            active.handle_timeout(start + ANSWER_TIMEOUT - Duration::from_nanos(1)),
            0
        );
        assert_eq!(active.handle_timeout(start + ANSWER_TIMEOUT), 1);
        assert_eq!(
            failed(active.poll_output()),
            (a.id, FailureReason::NoAnswer)
        );
        assert_eq!(
            active.poll_timeout(),
            Some(start + Duration::from_secs(5) + ANSWER_TIMEOUT)
        );
        // Expired is settled: its answer is refused.
        assert!(active.answer(Response::Success { id: a.id }).is_err());
        active.answer(Response::Success { id: b.id }).unwrap();
        assert_eq!(active.poll_timeout(), None);
    }

    /// A clock that goes backwards cannot make a later request expire before
    /// an earlier one: requests expire in the order they were sent.
    #[test]
    fn requests_expire_in_the_order_sent_even_when_the_clock_goes_back() {
        let start = Instant::now();
        let mut active = active();
        let a = active
            .request(eject("bob"), start + Duration::from_secs(10))
            .unwrap();
        let b = active.request(eject("carol"), start).unwrap();
        let a_deadline = start + Duration::from_secs(10) + ANSWER_TIMEOUT;
        assert_eq!(active.poll_timeout(), Some(a_deadline));
        assert_eq!(active.handle_timeout(start + ANSWER_TIMEOUT), 0);
        assert_eq!(active.handle_timeout(a_deadline), 2);
        assert_eq!(
            failed(active.poll_output()),
            (a.id, FailureReason::NoAnswer)
        );
        assert_eq!(
            failed(active.poll_output()),
            (b.id, FailureReason::NoAnswer)
        );
    }

    #[test]
    fn released_requests_are_pending_from_the_activation_on() {
        let start = Instant::now();
        let mut idle = bound();
        let id = idle.queue(eject("bob"), start).unwrap();
        let later = start + Duration::from_secs(20);
        let mut active = idle.mcu_activated(McuInfo::try_from(chat()).unwrap(), later);
        assert!(matches!(active.poll_output(), Some(Output::Request(_))));
        assert_eq!(active.pending(), 1);
        assert_eq!(active.poll_timeout(), Some(later + ANSWER_TIMEOUT));
        active.answer(Response::Success { id }).unwrap();
        assert!(matches!(
            active.poll_output(),
            Some(Output::Succeeded { id: answered, .. }) if answered == id
        ));
    }

    #[test]
    fn cancel_hands_a_held_operation_back_once() {
        let start = Instant::now();
        let mut idle = bound();
        let queued = idle.queue(eject("bob"), start).unwrap();
        assert_eq!(idle.cancel(queued).unwrap(), eject("bob"));
        assert_eq!((idle.queued(), idle.poll_timeout()), (0, None));

        let mut active = idle.mcu_activated(McuInfo::try_from(chat()).unwrap(), start);
        assert_eq!(
            active.poll_output(),
            None,
            "a cancelled operation is not released"
        );
        let sent = active.request(eject("carol"), start).unwrap();
        assert_eq!(active.cancel(sent.id).unwrap(), eject("carol"));
        let again = active.cancel(sent.id).unwrap_err();
        assert_eq!(again.id(), sent.id);
        assert!(active.answer(Response::Success { id: sent.id }).is_err());
        assert_eq!(active.handle_timeout(start + ANSWER_TIMEOUT), 0);
        assert_eq!(active.poll_output(), None);
    }

    #[test]
    fn pending_requests_count_against_the_capacity() {
        let start = Instant::now();
        let session = Session::<Idle, InstantMessaging>::with_capacities(
            uri(CONFERENCE),
            Capacities {
                operations: 2,
                ..Capacities::default()
            },
        );
        let mut active = session.mcu_activated(McuInfo::try_from(chat()).unwrap(), start);
        let a = active.request(eject("bob"), start).unwrap();
        active.request(eject("carol"), start).unwrap();
        let full = active.request(eject("dave"), start).unwrap_err();
        assert_eq!(full.capacity(), 2);
        assert_eq!(full.into_operation(), eject("dave"));
        // Answered and polled, it makes room again.
        active.answer(Response::Success { id: a.id }).unwrap();
        let _ = active.poll_output();
        assert!(active.request(eject("dave"), start).is_ok());
    }
}

/// The runtime view takes the focus's answers as events, with the same
/// guarantees as the typed `answer`, per state as the table documents.
#[test]
fn the_runtime_view_takes_answers_where_the_table_documents_them() {
    use mcu_session::{Effect, Event, EventProblem, McuSessionState, Refused, Response};

    let start = Instant::now();
    let answer = |id: RequestId| Event::Response {
        response: Response::Success { id },
    };
    let mut session = AnySession::<InstantMessaging>::new(uri(CONFERENCE));
    // Idle: nothing is pending, and the table documents no answer.
    let refused = session.apply(answer(RequestId::new(1)), start).unwrap_err();
    assert_eq!(
        refused,
        Refused::Undocumented {
            state: McuSessionState::Idle,
            event: answer(RequestId::new(1)),
        }
    );

    session
        .apply(mcu_session::Event::McuActivated { mcu: chat() }, start)
        .unwrap();
    let Submitted::Sent(a) = session.submit(eject("bob"), start).unwrap() else {
        panic!("Active sends")
    };
    let Submitted::Sent(b) = session.submit(eject("carol"), start).unwrap() else {
        panic!("Active sends")
    };
    assert_eq!(
        session.apply(answer(a.id), start),
        Ok(Effect::Answered(a.id))
    );
    assert!(matches!(session.poll_output(), Some(Output::Succeeded { id, .. }) if id == a.id));
    // Answered already: invalid, handed back, nothing out.
    let twice = session.apply(answer(a.id), start).unwrap_err();
    assert_eq!(
        twice,
        Refused::InvalidEvent {
            event: answer(a.id),
            problem: EventProblem::NotPending { id: a.id },
        }
    );
    assert_eq!(
        twice.to_string(),
        "event Response rejected: the session holds no pending request #1: never sent, or already answered, failed or cancelled"
    );
    // Retrying after an MCU failover: still answered.
    session.apply(Event::McuFailingOver, start).unwrap();
    assert_eq!(
        session.apply(answer(b.id), start),
        Ok(Effect::Answered(b.id))
    );
    assert_eq!(session.pending(), 0);
}
