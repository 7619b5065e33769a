//! Equality, hashing, printing and conversions are evidence: each test here
//! fails if the trait it covers says yes to everything, prints nothing, or
//! forgets a field. The model check's proof that a rejected event leaves a
//! session equal to a twin that never saw it rests on `PartialEq`.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

use mcu_session::{
    AdvertisedMcu, AnySession, Attendance, Capacities, Endpoint, Event, InstantMessaging, McuInfo,
    McuStatus, Operation, OperationRejected, Output, RequestId, Role, Uri,
};

use crate::common::uri;

fn chat(display: Option<&str>) -> AdvertisedMcu {
    AdvertisedMcu::of::<InstantMessaging>(uri("sip:conf@contoso.com;chat"), display.map(Into::into))
}

fn hash(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// One way to build a session: the base recipe, with one ingredient changed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Variation {
    Base,
    Conference,
    Capacity,
    DisplayText,
    Unbound,
    QueuedDeadline,
    QueuedOperation,
    NoQueue,
    Output,
    Roster,
    RosterRole,
    Active,
    PendingDeadline,
    Answered,
    RetryingCall,
    Terminated,
}

const VARIATIONS: [Variation; 16] = [
    Variation::Base,
    Variation::Conference,
    Variation::Capacity,
    Variation::DisplayText,
    Variation::Unbound,
    Variation::QueuedDeadline,
    Variation::QueuedOperation,
    Variation::NoQueue,
    Variation::Output,
    Variation::Roster,
    Variation::RosterRole,
    Variation::Active,
    Variation::PendingDeadline,
    Variation::Answered,
    Variation::RetryingCall,
    Variation::Terminated,
];

fn build(variation: Variation, start: Instant) -> AnySession<InstantMessaging> {
    use Variation as V;
    let conference = if variation == V::Conference {
        "sip:other@contoso.com"
    } else {
        "sip:conf@contoso.com"
    };
    let capacities = Capacities {
        operations: if variation == V::Capacity { 7 } else { 8 },
        ..Capacities::default()
    };
    let mut session = AnySession::with_capacities(uri(conference), capacities);
    let offered = match variation {
        V::Unbound => None,
        V::Terminated => Some(vec![]),
        V::DisplayText => Some(vec![chat(Some("Chat"))]),
        _ => Some(vec![chat(None)]),
    };
    if let Some(offered) = offered {
        session
            .apply(Event::ConferenceJoined { offered }, start)
            .unwrap();
    }
    if variation == V::Output {
        // Queued, then expired: the failure waits in the outputs.
        let _queued = session
            .submit(Operation::eject("sip:x@contoso.com").unwrap(), start)
            .unwrap();
        session.handle_timeout(start + Duration::from_secs(60));
    }
    if !matches!(variation, V::NoQueue | V::Unbound | V::Terminated) {
        let operation = if variation == V::QueuedOperation {
            Operation::disable_block_all_mode()
        } else {
            Operation::enable_block_all_mode()
        };
        let at = if variation == V::QueuedDeadline {
            start + Duration::from_secs(1)
        } else {
            start
        };
        let _queued = session.submit(operation, at).unwrap();
    }
    if matches!(variation, V::Roster | V::RosterRole) {
        let role = if variation == V::RosterRole {
            Role::Presenter
        } else {
            Role::Attendee
        };
        session
            .apply(
                Event::Attendance {
                    report: Attendance::Joined(Endpoint {
                        uri: uri("sip:bob@contoso.com"),
                        role,
                    }),
                },
                start,
            )
            .unwrap();
    }
    match variation {
        V::Active | V::PendingDeadline | V::Answered | V::RetryingCall => {
            // Activated later, the released request waits for its answer
            // until later: only that deadline differs from `Active`.
            let at = if variation == V::PendingDeadline {
                start + Duration::from_secs(1)
            } else {
                start
            };
            session
                .apply(Event::McuActivated { mcu: chat(None) }, at)
                .unwrap();
            // Drain what the activation released, so that only the state
            // differs from the base (whose queue still waits).
            while session.poll_output().is_some() {}
        }
        _ => {}
    }
    if variation == V::Answered {
        // The focus answered the released request: nothing pending, its
        // answer waits in the outputs.
        let response = mcu_session::Response::Success {
            id: mcu_session::RequestId::new(1),
        };
        session.apply(Event::Response { response }, start).unwrap();
    }
    if variation == V::RetryingCall {
        session.apply(Event::McuFailingOver, start).unwrap();
    }
    session
}

#[test]
fn sessions_differing_in_any_one_observable_field_are_unequal() {
    let start = Instant::now();
    for a in VARIATIONS {
        for b in VARIATIONS {
            let (x, y) = (build(a, start), build(b, start));
            if a == b {
                assert_eq!(x, y, "{a:?} built twice");
            } else {
                assert_ne!(x, y, "{a:?} and {b:?} compare equal");
            }
        }
    }
}

/// The twin check of `tests/it/model.rs`, planted with a loss it must notice:
/// a session that lost a queued operation is not its twin.
#[test]
fn the_twin_check_notices_a_lost_operation() {
    let start = Instant::now();
    let twin = build(Variation::Base, start);
    let lossy = build(Variation::NoQueue, start);
    assert_eq!(twin.queued(), 1);
    assert_eq!(lossy.queued(), 0);
    assert_ne!(twin, lossy);
}

#[test]
fn retrying_sessions_differ_by_what_became_of_the_call() {
    let start = Instant::now();
    let mut failed_over = build(Variation::Active, start);
    let mut reconnecting = build(Variation::Active, start);
    failed_over.apply(Event::McuFailingOver, start).unwrap();
    reconnecting.apply(Event::FocusReconnecting, start).unwrap();
    assert_ne!(failed_over, reconnecting);
    // Back to Active the fate is consumed. The request sent while Active
    // is what still tells them apart: the MCU failover kept it pending, the
    // focus reconnect failed it. Settled both ways, the sessions are equal.
    failed_over.apply(Event::FailoverCompleted, start).unwrap();
    reconnecting
        .apply(
            Event::FocusReconnected {
                mcu: McuStatus::Active,
            },
            start,
        )
        .unwrap();
    assert_ne!(failed_over, reconnecting);
    assert_eq!((failed_over.pending(), reconnecting.pending()), (1, 0));
    let kept = failed_over.cancel(mcu_session::RequestId::new(1)).unwrap();
    let Some(mcu_session::Output::Failed { operation, .. }) = reconnecting.poll_output() else {
        panic!("the reconnect failed the pending request")
    };
    assert_eq!(kept, operation);
    assert_eq!(failed_over, reconnecting);
}

#[test]
fn mcu_information_equality_and_hash_follow_every_field() {
    let a = McuInfo::<InstantMessaging>::new(uri("sip:a@contoso.com"), None);
    let same = McuInfo::<InstantMessaging>::new(uri("sip:a@contoso.com"), None);
    let other_uri = McuInfo::<InstantMessaging>::new(uri("sip:b@contoso.com"), None);
    let other_text = McuInfo::<InstantMessaging>::new(uri("sip:a@contoso.com"), Some("A".into()));
    assert_eq!(a, same);
    assert_eq!(hash(&a), hash(&same));
    assert_ne!(a, other_uri);
    assert_ne!(a, other_text);
    assert_ne!(hash(&a), hash(&other_uri));
    assert_ne!(hash(&a), hash(&other_text));
}

#[test]
fn operations_and_outputs_compare_by_content() {
    let block = Operation::<InstantMessaging>::enable_block_all_mode();
    assert_eq!(block, Operation::enable_block_all_mode());
    assert_ne!(block, Operation::disable_block_all_mode());
    assert_eq!(
        hash(&block),
        hash(&Operation::<InstantMessaging>::enable_block_all_mode())
    );

    let start = Instant::now();
    let mut a = build(Variation::Output, start);
    let mut b = build(Variation::Output, start);
    let (x, y) = (a.poll_output().unwrap(), b.poll_output().unwrap());
    assert_eq!(x, y);
    let Output::Failed { id, .. } = &x else {
        panic!("{x:?}")
    };
    assert_eq!(id.get(), 1);
    let mut c = build(Variation::Output, start);
    let _queued = c.submit(Operation::enable_block_all_mode(), start).unwrap();
    let mut active = build(Variation::Active, start);
    let _sent = active
        .submit(Operation::enable_block_all_mode(), start)
        .unwrap();
    assert_ne!(c.poll_output(), active.poll_output());
}

#[test]
fn printing_says_what_a_user_needs() {
    let start = Instant::now();
    let session = build(Variation::Roster, start);
    let debug = format!("{session:?}");
    for needle in [
        "Idle",
        "sip:conf@contoso.com",
        "sip:bob@contoso.com",
        "block",
    ] {
        assert!(
            debug.to_lowercase().contains(&needle.to_lowercase()),
            "{needle} in {debug}"
        );
    }

    assert_eq!(Event::McuFailingOver.to_string(), "McuFailingOver");
    assert_eq!(
        Event::FocusReconnected {
            mcu: McuStatus::Active
        }
        .to_string(),
        "FocusReconnected"
    );

    let mut active = build(Variation::Active, start);
    let request = match active
        .submit(Operation::enable_block_all_mode(), start)
        .unwrap()
    {
        mcu_session::Submitted::Sent(request) => request,
        other => panic!("{other:?}"),
    };
    assert_eq!(request.id.to_string(), format!("#{}", request.id.get()));
    assert!(format!("{:?}", request.id).contains(&request.id.get().to_string()));

    let mut retrying = build(Variation::RetryingCall, start);
    let refused = retrying
        .submit(Operation::enable_block_all_mode(), start)
        .unwrap_err();
    let debug = format!("{refused:?}");
    assert!(
        debug.contains("Retryable") && debug.contains("BlockAll"),
        "{debug}"
    );
    assert!(matches!(refused, OperationRejected::Retryable(_)));

    let mut unbound = build(Variation::Unbound, start);
    let not_bound = unbound
        .submit(Operation::enable_block_all_mode(), start)
        .unwrap_err();
    let debug = format!("{not_bound:?}");
    assert!(
        debug.contains("NotBound") && debug.contains("BlockAll"),
        "{debug}"
    );

    let rejected = retrying.apply(Event::McuFailingOver, start).unwrap_err();
    let debug = format!("{rejected:?}");
    assert!(
        debug.contains("Undocumented")
            && debug.contains("McuFailingOver")
            && debug.contains("Retrying"),
        "{debug}"
    );

    let info = McuInfo::<InstantMessaging>::new(uri("sip:a@contoso.com"), Some("Chat".into()));
    let debug = format!("{info:?}");
    for needle in ["chat", "sip:a@contoso.com", "Chat"] {
        assert!(debug.contains(needle), "{needle} in {debug}");
    }
    let debug = format!(
        "{:?}",
        Operation::<InstantMessaging>::eject("sip:m@contoso.com").unwrap()
    );
    assert!(
        debug.contains("Eject") && debug.contains("sip:m@contoso.com"),
        "{debug}"
    );
}

#[test]
fn uri_conversions_keep_the_text() {
    let text = "sip:alice@contoso.com;gruu";
    let parsed = uri(text);
    assert_eq!(AsRef::<str>::as_ref(&parsed), text);
    assert_eq!(String::from(parsed.clone()), text);
    assert_eq!(parsed.to_string(), text);
    assert_eq!(text.parse::<Uri>().unwrap(), parsed);
    assert_eq!(Uri::try_from(text.to_owned()).unwrap(), parsed);
}

#[test]
fn a_roster_is_empty_exactly_when_nobody_attends() {
    let start = Instant::now();
    let nobody = build(Variation::Base, start);
    assert!(nobody.roster().unwrap().is_empty());
    let somebody = build(Variation::Roster, start);
    assert!(!somebody.roster().unwrap().is_empty());
    assert_eq!(somebody.roster().unwrap().len(), 1);
    let _ = RequestId::clone;
}

#[test]
fn refusals_report_what_was_refused_and_hand_everything_back() {
    let start = Instant::now();
    // A join that contradicts an Active session names the missing type and
    // hands the offer back.
    let idle = mcu_session::InstantMessagingMcuSession::new(uri("sip:conf@contoso.com"));
    let mut active =
        idle.mcu_activated(McuInfo::new(uri("sip:conf@contoso.com;chat"), None), start);
    let av = AdvertisedMcu::of::<mcu_session::AudioVideo>(uri("sip:conf@contoso.com;av"), None);
    let error = active.join_completed([av.clone()]).unwrap_err();
    assert_eq!(error.expected(), "chat");
    assert_eq!(error.into_offered(), [av]);

    // A full queue names its capacity.
    let mut session = build(Variation::Base, start);
    let mut refused = None;
    for _ in 0..8 {
        if let Err(error) = session.submit(Operation::enable_block_all_mode(), start) {
            refused = Some(error);
            break;
        }
    }
    match refused {
        Some(OperationRejected::Full(full)) => {
            assert_eq!(full.capacity(), 8);
            assert_eq!(full.into_operation(), Operation::enable_block_all_mode());
        }
        other => panic!("{other:?}"),
    }
}

/// `handle_timeout` counts what it fails now, not what was already waiting
/// to be polled.
#[test]
fn handle_timeout_counts_only_its_own_failures() {
    let start = Instant::now();
    let mut session = build(Variation::NoQueue, start);
    let _first = session
        .submit(Operation::enable_block_all_mode(), start)
        .unwrap();
    let _second = session
        .submit(
            Operation::disable_block_all_mode(),
            start + Duration::from_secs(10),
        )
        .unwrap();
    assert_eq!(session.handle_timeout(start + Duration::from_secs(30)), 1);
    // The first failure is still unpolled when the second expires.
    assert_eq!(session.handle_timeout(start + Duration::from_secs(40)), 1);
    assert_eq!(session.handle_timeout(start + Duration::from_secs(50)), 0);
    let failed: Vec<u64> = std::iter::from_fn(|| session.poll_output())
        .map(|output| output.id().get())
        .collect();
    assert_eq!(failed, [1, 2]);
}

#[test]
fn distinct_mcu_types_says_yes_to_distinct_names() {
    assert!(mcu_session::distinct_mcu_types(&[
        "chat",
        "audio-video",
        "meeting"
    ]));
    assert!(mcu_session::distinct_mcu_types(&[]));
    assert!(!mcu_session::distinct_mcu_types(&[
        "chat", "meeting", "chat"
    ]));
    // Exact, byte for byte: the focus spells them.
    assert!(mcu_session::distinct_mcu_types(&["chat", "Chat", "chat2"]));
}

#[test]
fn sessions_differing_only_in_an_unpolled_output_are_unequal() {
    let start = Instant::now();
    let (mut polled, unpolled) = (
        build(Variation::Output, start),
        build(Variation::Output, start),
    );
    assert_eq!(polled, unpolled);
    assert!(polled.poll_output().is_some());
    assert_ne!(polled, unpolled);
}

/// Termination lets go of the roster: a terminated session that had
/// attendees is the same as one that never had any.
#[test]
fn termination_forgets_who_attended() {
    let start = Instant::now();
    let terminate = |mut session: AnySession<InstantMessaging>| {
        session
            .apply(Event::ConferenceJoined { offered: vec![] }, start)
            .unwrap();
        session
    };
    let attended = terminate(build(Variation::Roster, start));
    let nobody = terminate(build(Variation::Base, start));
    assert_eq!(attended.state(), mcu_session::McuSessionState::Terminated);
    assert_eq!(attended, nobody);
}

#[test]
fn the_roster_iterator_knows_its_length_and_runs_both_ways() {
    let start = Instant::now();
    let mut session = build(Variation::Roster, start);
    session
        .apply(
            Event::Attendance {
                report: Attendance::Joined(Endpoint {
                    uri: uri("sip:carol@contoso.com"),
                    role: Role::Presenter,
                }),
            },
            start,
        )
        .unwrap();
    let roster = session.roster().unwrap();
    let forward: Vec<_> = roster.iter().map(|(uri, _)| uri.to_string()).collect();
    let mut backward: Vec<_> = roster
        .iter()
        .rev()
        .map(|(uri, _)| uri.to_string())
        .collect();
    backward.reverse();
    assert_eq!(forward, backward);
    assert_eq!(forward.len(), 2);
    assert_eq!(roster.iter().len(), 2);
    assert_eq!(roster.iter().size_hint(), (2, Some(2)));
    assert_eq!(roster.into_iter().count(), 2);
}

#[test]
fn a_join_completing_after_activation_keeps_the_offered_entry() {
    let start = Instant::now();
    let idle = mcu_session::InstantMessagingMcuSession::new(uri("sip:conf@contoso.com"));
    let mut active =
        idle.mcu_activated(McuInfo::new(uri("sip:conf@contoso.com;chat"), None), start);
    active.join_completed([chat(Some("Chat"))]).unwrap();
    assert_eq!(active.mcu().display_text(), Some("Chat"));
}

/// A state change's debug form names the transition and what became of
/// the call, which its one-byte representation encodes.
#[test]
fn state_changes_print_what_they_are() {
    use mcu_session::{Effect, McuCall, StateChanged, TransitionId};

    let start = Instant::now();
    let mut session = build(Variation::Active, start);
    let change = |effect: Effect| match effect {
        Effect::StateChanged(change) => change,
        other => panic!("a state change, not {other:?}"),
    };
    let failed_over: StateChanged = change(session.apply(Event::McuFailingOver, start).unwrap());
    let resumed = change(session.apply(Event::FailoverCompleted, start).unwrap());
    assert_eq!(
        (failed_over.transition(), failed_over.call()),
        (TransitionId::T3a, Some(McuCall::Terminated))
    );
    let debug = format!("{failed_over:?} {resumed:?}");
    assert!(
        debug.contains("T3a") && debug.contains("T4a") && debug.contains("Terminated"),
        "{debug}"
    );
    assert_ne!(failed_over, resumed);
    assert_ne!(hash(&failed_over), hash(&resumed));
    // The same change again is the same record.
    session.apply(Event::McuFailingOver, start).unwrap();
    let Effect::StateChanged(again) = session.apply(Event::FailoverCompleted, start).unwrap()
    else {
        panic!("4a is a state change")
    };
    assert_eq!(again, resumed);
}

/// A focus reconnect fails the pending requests at once, though the
/// failures are only built when the session is next touched: before and
/// after that, the session is the same, compares the same and prints the
/// same failures; a different failed request makes it unequal.
#[test]
fn failures_of_a_lost_focus_link_are_observable_before_they_are_built() {
    let start = Instant::now();
    let failed_over = |who: &str| {
        let mut session = build(Variation::Active, start);
        let _sent = session
            .submit(
                Operation::eject(format!("sip:{who}@contoso.com")).unwrap(),
                start,
            )
            .unwrap();
        session.apply(Event::FocusReconnecting, start).unwrap();
        session
    };
    let unsettled = failed_over("bob");
    let mut settled = failed_over("bob");
    // Any call that touches the lists builds the failures; this one changes
    // nothing else (the id is unknown).
    assert!(settled.cancel(RequestId::new(99)).is_err());
    assert_eq!(unsettled, settled);
    assert_eq!(format!("{unsettled:?}"), format!("{settled:?}"));
    assert!(format!("{unsettled:?}").contains("SessionRetrying"));
    assert_eq!(unsettled.pending(), 0);
    assert_ne!(unsettled, failed_over("carol"));
    assert_ne!(settled, failed_over("carol"));
}
