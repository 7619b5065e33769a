//! Transitions 5a, 5b and 5c: an MCU session ends when its conference
//! session does, and nothing it accepted vanishes ("A component will not
//! complete a terminate operation until all contained components and
//! pending operations are completed").

use std::time::{Duration, Instant};

use mcu_session::{
    ANSWER_TIMEOUT, Active, AnySession, Effect, Event, FailureReason, Idle, InstantMessaging,
    Joined, McuInfo, McuSessionState, Operation, Output, Refused, RequestId, Response, Session,
    TerminationReason, TransitionId,
};

use crate::common::{chat, uri};

const CONFERENCE: &str = "sip:conf@contoso.com";

fn bound() -> Session<Idle, InstantMessaging> {
    let Ok(Joined::Bound(idle)) = Session::new(uri(CONFERENCE)).conference_joined([chat()]) else {
        panic!("the conference offers chat")
    };
    idle
}

fn active(now: Instant) -> Session<Active, InstantMessaging> {
    bound().mcu_activated(McuInfo::try_from(chat()).unwrap(), now)
}

fn eject(who: &str) -> Operation<InstantMessaging> {
    Operation::eject(format!("sip:{who}@contoso.com")).unwrap()
}

fn outputs<S: mcu_session::State>(
    session: &mut Session<S, InstantMessaging>,
) -> Vec<Output<InstantMessaging>> {
    std::iter::from_fn(|| session.poll_output()).collect()
}

/// The ids and reasons of a list of failures, in order.
fn failures(outputs: &[Output<InstantMessaging>]) -> Vec<(u64, FailureReason)> {
    outputs
        .iter()
        .map(|output| match output {
            Output::Failed { id, reason, .. } => (id.get(), reason.clone()),
            other => panic!("not a failure: {other:?}"),
        })
        .collect()
}

fn conference_ended() -> FailureReason {
    FailureReason::Terminated(
        Session::<Idle, InstantMessaging>::new(uri(CONFERENCE))
            .conference_terminated()
            .reason()
            .clone(),
    )
}

#[test]
fn an_active_session_hands_back_its_unpolled_output_and_fails_its_pending_requests_in_order() {
    let now = Instant::now();
    let mut active = active(now);
    let answered = active.request(eject("a"), now).unwrap();
    let pending: Vec<RequestId> = ["b", "c", "d"]
        .into_iter()
        .map(|who| active.request(eject(who), now).unwrap().id)
        .collect();
    active
        .answer(Response::Success { id: answered.id })
        .unwrap();

    let mut terminated = active.conference_terminated();
    assert_eq!(terminated.state(), McuSessionState::Terminated);
    let out = outputs(&mut terminated);
    assert_eq!(out.len(), 4, "{out:?}");
    assert_eq!(
        out[0],
        Output::Succeeded {
            id: answered.id,
            operation: eject("a")
        },
        "what was not polled comes first"
    );
    let failed = failures(&out[1..]);
    let expected: Vec<_> = pending
        .iter()
        .map(|id| (id.get(), conference_ended()))
        .collect();
    assert_eq!(failed, expected);
    let TerminationReason::ConferenceTerminated(reason) = terminated.reason() else {
        panic!("5b records the conference's end")
    };
    assert_eq!(reason.conference().as_str(), CONFERENCE);
}

#[test]
fn a_bound_idle_session_fails_what_it_queued_and_an_unbound_one_ends_with_nothing() {
    let now = Instant::now();
    let mut idle = bound();
    let first = idle.queue(eject("a"), now).unwrap();
    let second = idle.queue(Operation::enable_block_all_mode(), now).unwrap();
    let mut terminated = idle.conference_terminated();
    assert_eq!(
        failures(&outputs(&mut terminated)),
        [
            (first.get(), conference_ended()),
            (second.get(), conference_ended())
        ]
    );

    let mut unbound =
        Session::<Idle, InstantMessaging>::new(uri(CONFERENCE)).conference_terminated();
    assert_eq!(unbound.poll_output(), None);
    assert_eq!(
        unbound.reason().to_string(),
        "the conference session of sip:conf@contoso.com terminated"
    );
}

#[test]
fn a_retrying_session_fails_what_an_mcu_failover_kept_pending_and_what_a_focus_reconnect_failed_comes_first()
 {
    let now = Instant::now();
    // 3a keeps requests pending.
    let mut active = active(now);
    let kept = active.request(eject("a"), now).unwrap();
    let mut terminated = active.mcu_failing_over().conference_terminated();
    assert_eq!(
        failures(&outputs(&mut terminated)),
        [(kept.id.get(), conference_ended())]
    );

    // 3b fails them first, with its own reason; 5c has nothing left to fail.
    let mut active = self::active(now);
    let lost = active.request(eject("a"), now).unwrap();
    let mut terminated = active.focus_reconnecting().conference_terminated();
    assert_eq!(
        failures(&outputs(&mut terminated)),
        [(lost.id.get(), FailureReason::SessionRetrying)]
    );
}

#[test]
fn the_runtime_view_terminates_every_live_state_and_refuses_a_second_end() {
    let now = Instant::now();
    for (session, transition) in [
        (AnySession::from(bound()), TransitionId::T5a),
        (AnySession::from(active(now)), TransitionId::T5b),
        (
            AnySession::from(active(now).mcu_failing_over()),
            TransitionId::T5c,
        ),
    ] {
        let mut session = session;
        let held = session.submit(eject("a"), now).ok();
        let Ok(Effect::StateChanged(change)) = session.apply(Event::ConferenceTerminated, now)
        else {
            panic!("{transition} is documented")
        };
        assert_eq!(change.transition(), transition);
        assert_eq!(change.to(), McuSessionState::Terminated);
        assert_eq!(
            change.to_string(),
            format!("{} -> Terminated (ConferenceTerminated)", change.from())
        );
        assert_eq!(session.state(), McuSessionState::Terminated);
        if held.is_some() {
            assert!(matches!(
                session.poll_output(),
                Some(Output::Failed {
                    reason: FailureReason::Terminated(TerminationReason::ConferenceTerminated(_)),
                    ..
                })
            ));
        }
        assert_eq!(session.poll_output(), None);

        let before = format!("{session:?}");
        let refused = session.apply(Event::ConferenceTerminated, now).unwrap_err();
        assert_eq!(
            refused,
            Refused::Undocumented {
                state: McuSessionState::Terminated,
                event: Event::ConferenceTerminated
            }
        );
        assert_eq!(
            refused.to_string(),
            "event ConferenceTerminated is not documented for state Terminated"
        );
        let refused = session
            .apply(Event::ConferenceTerminated, std::time::Instant::now())
            .unwrap_err();
        assert!(matches!(
            refused,
            Refused::Undocumented {
                state: McuSessionState::Terminated,
                ..
            }
        ));
        assert_eq!(
            format!("{session:?}"),
            before,
            "a refused end changes nothing"
        );
    }
}

#[test]
fn a_request_is_pending_for_the_three_minutes_the_reference_documents() {
    assert_eq!(ANSWER_TIMEOUT, Duration::from_secs(180));
    let start = Instant::now();
    let mut active = active(start);
    let request = active.request(eject("a"), start).unwrap();
    assert_eq!(
        active.poll_timeout(),
        Some(start + Duration::from_secs(180))
    );
    assert_eq!(active.handle_timeout(start + Duration::from_secs(179)), 0);
    assert_eq!(active.pending(), 1);
    assert_eq!(active.handle_timeout(start + Duration::from_secs(180)), 1);
    assert_eq!(
        failures(&outputs(&mut active)),
        [(request.id.get(), FailureReason::NoAnswer)]
    );
    assert_eq!(
        FailureReason::NoAnswer.to_string(),
        "the focus did not answer within 3 minutes"
    );
}
