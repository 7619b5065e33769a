//! Values that cross the wire cannot lie about their type or contradict the
//! transition table (the `serde` feature).

use mcu_session::{
    AdvertisedMcu, AnySession, AudioVideo, Effect, Event, InstantMessaging,
    InstantMessagingMcuSession, Joined, McuInfo, McuStatus, StateChanged, TerminationReason,
    TransitionId,
};

use crate::common::uri;

#[test]
fn mcu_info_carries_its_mcu_type_and_refuses_another_ones() {
    let av = McuInfo::<AudioVideo>::new(uri("sip:conf@contoso.com;av"), Some("AV".to_owned()));
    let json = serde_json::to_string(&av).unwrap();
    assert_eq!(
        json,
        r#"{"mcu_type":"audio-video","uri":"sip:conf@contoso.com;av","display_text":"AV"}"#
    );

    let refused = serde_json::from_str::<McuInfo<InstantMessaging>>(&json).unwrap_err();
    let message = refused.to_string();
    assert!(
        message.contains("expected a `chat` MCU, found a `audio-video` MCU"),
        "{message}"
    );

    let back: McuInfo<AudioVideo> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, av);
}

#[test]
fn mcu_info_without_its_mcu_type_or_with_extra_fields_is_refused() {
    let typed = serde_json::from_str::<McuInfo<InstantMessaging>>(
        r#"{"mcu_type":5,"uri":"sip:conf@contoso.com;chat","display_text":null}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(
        typed.contains("invalid type: integer `5`, expected the MCU type `chat`"),
        "{typed}"
    );
    for json in [
        r#"{"uri":"sip:conf@contoso.com;chat","display_text":null}"#,
        r#"{"mcu_type":"chat","uri":"sip:conf@contoso.com;chat","display_text":null,"x":1}"#,
        r#"{"mcu_type":"Chat","uri":"sip:conf@contoso.com;chat","display_text":null}"#,
    ] {
        assert!(
            serde_json::from_str::<McuInfo<InstantMessaging>>(json).is_err(),
            "{json}"
        );
    }
}

#[test]
fn mcu_info_is_advertised_mcu_on_the_wire() {
    let chat = McuInfo::<InstantMessaging>::new(uri("sip:conf@contoso.com;chat"), None);
    let json = serde_json::to_string(&chat).unwrap();
    let advertised: AdvertisedMcu = serde_json::from_str(&json).unwrap();
    assert_eq!(advertised, chat.into_advertised());
}

/// Every record `apply` makes, one per row of the table and per call report.
fn real_records() -> Vec<StateChanged> {
    let chat = AdvertisedMcu::of::<InstantMessaging>(uri("sip:conf@contoso.com;chat"), None);
    let mut records = Vec::new();
    let mut session = AnySession::<InstantMessaging>::new(uri("sip:conf@contoso.com"));
    for event in [
        Event::McuActivated { mcu: chat.clone() },
        Event::McuFailingOver,
        Event::FailoverCompleted,
        Event::FocusReconnecting,
        Event::FocusReconnected {
            mcu: McuStatus::Active,
        },
        Event::McuFailingOver,
        Event::FocusReconnected {
            mcu: McuStatus::Active,
        },
        Event::FocusReconnecting,
        Event::FailoverCompleted,
        Event::FocusReconnecting,
        Event::FocusReconnected {
            mcu: McuStatus::NotActive,
        },
    ] {
        let effect = session.apply(event, std::time::Instant::now()).unwrap();
        if let Effect::StateChanged(change) = effect {
            records.push(change);
        }
    }
    let mut unjoined = AnySession::<AudioVideo>::new(uri("sip:conf@contoso.com"));
    let effect = unjoined
        .apply(
            Event::ConferenceJoined {
                offered: vec![chat],
            },
            std::time::Instant::now(),
        )
        .unwrap();
    if let Effect::StateChanged(change) = effect {
        records.push(change);
    }
    // 5a, 5b and 5c.
    let active = || {
        let mut session = AnySession::<InstantMessaging>::new(uri("sip:conf@contoso.com"));
        session
            .apply(
                Event::McuActivated { mcu: chat_entry() },
                std::time::Instant::now(),
            )
            .unwrap();
        session
    };
    let idle = AnySession::<InstantMessaging>::new(uri("sip:conf@contoso.com"));
    let mut retrying = active();
    retrying
        .apply(Event::McuFailingOver, std::time::Instant::now())
        .unwrap();
    for mut session in [idle, active(), retrying] {
        let effect = session
            .apply(Event::ConferenceTerminated, std::time::Instant::now())
            .unwrap();
        if let Effect::StateChanged(change) = effect {
            records.push(change);
        }
    }
    records
}

fn chat_entry() -> AdvertisedMcu {
    AdvertisedMcu::of::<InstantMessaging>(uri("sip:conf@contoso.com;chat"), None)
}

#[test]
fn a_termination_reason_round_trips_and_cannot_contradict_itself() {
    let not_offered = InstantMessagingMcuSession::new(uri("sip:conf@contoso.com"));
    let Ok(Joined::Unsupported(not_offered)) =
        not_offered.conference_joined([AdvertisedMcu::of::<AudioVideo>(
            uri("sip:conf@contoso.com;av"),
            None,
        )])
    else {
        panic!("no chat MCU offered")
    };
    let ended =
        InstantMessagingMcuSession::new(uri("sip:conf@contoso.com")).conference_terminated();
    let json = serde_json::to_string(not_offered.reason()).unwrap();
    assert_eq!(
        json,
        r#"{"cause":"McuTypeNotOffered","conference":"sip:conf@contoso.com","missing":"chat","offered":[{"mcu_type":"audio-video","uri":"sip:conf@contoso.com;av","display_text":null}]}"#
    );
    let back: TerminationReason = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, not_offered.reason());
    let json = serde_json::to_string(ended.reason()).unwrap();
    assert_eq!(
        json,
        r#"{"cause":"ConferenceTerminated","conference":"sip:conf@contoso.com"}"#
    );
    let back: TerminationReason = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, ended.reason());

    for (json, says) in [
        (
            r#"{"cause":"McuTypeNotOffered","conference":"sip:conf@contoso.com","missing":"chat","offered":[{"mcu_type":"chat","uri":"sip:conf@contoso.com;chat","display_text":null}]}"#,
            "the conference offers the `chat` MCU it is said to lack",
        ),
        (
            r#"{"cause":"McuTypeNotOffered","conference":"sip:conf@contoso.com","missing":"","offered":[]}"#,
            "the missing MCU type is empty",
        ),
        (
            r#"{"cause":"ConferenceTerminated","conference":"sip:conf@contoso.com","offered":[]}"#,
            "unknown field `offered`",
        ),
        (
            r#"{"cause":"ConferenceTerminated"}"#,
            "missing field `conference`",
        ),
        (
            r#"{"cause":"Dropped","conference":"sip:conf@contoso.com"}"#,
            "unknown variant `Dropped`",
        ),
    ] {
        let error = serde_json::from_str::<TerminationReason>(json)
            .unwrap_err()
            .to_string();
        assert!(error.contains(says), "{json}: {error}");
    }
}

#[test]
fn real_state_changes_round_trip() {
    let records = real_records();
    let ids: Vec<TransitionId> = records.iter().map(StateChanged::transition).collect();
    for id in [
        TransitionId::T1,
        TransitionId::T2,
        TransitionId::T3a,
        TransitionId::T3b,
        TransitionId::T4a,
        TransitionId::T4b,
        TransitionId::T4c,
        TransitionId::T5a,
        TransitionId::T5b,
        TransitionId::T5c,
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for record in records {
        let json = serde_json::to_string(&record).unwrap();
        let back: StateChanged = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record, "{json}");
    }
}

#[test]
fn a_state_change_that_contradicts_its_transition_is_refused() {
    for (json, says) in [
        (
            r#"{"transition":"3a","from":"Idle","to":"Terminated","cause":"McuFailingOver","call":"Terminated"}"#,
            "transition 3a is Active -> Retrying on McuFailingOver, not Idle -> Terminated on McuFailingOver",
        ),
        (
            r#"{"transition":"3a","from":"Active","to":"Retrying","cause":"FocusReconnecting","call":"Terminated"}"#,
            "transition 3a is Active -> Retrying on McuFailingOver, not Active -> Retrying on FocusReconnecting",
        ),
        (
            r#"{"transition":"3b","from":"Active","to":"Retrying","cause":"FocusReconnecting","call":"Terminated"}"#,
            "transition 3b cannot report the call as Some(Terminated)",
        ),
        (
            r#"{"transition":"1","from":"Idle","to":"Active","cause":"McuActivated","call":"Kept"}"#,
            "transition 1 cannot report the call as Some(Kept)",
        ),
        (
            r#"{"transition":"4a","from":"Retrying","to":"Active","cause":"FailoverCompleted","call":null}"#,
            "transition 4a cannot report the call as None",
        ),
    ] {
        let message = serde_json::from_str::<StateChanged>(json)
            .unwrap_err()
            .to_string();
        assert!(message.contains(says), "{json}: {message}");
    }
    let extra = r#"{"transition":"1","from":"Idle","to":"Active","cause":"McuActivated","call":null,"x":1}"#;
    assert!(serde_json::from_str::<StateChanged>(extra).is_err());
}

#[test]
fn a_typed_session_is_taken_out_of_the_runtime_view_with_try_into_and_question_mark()
-> Result<(), Box<dyn std::error::Error>> {
    let any = AnySession::from(InstantMessagingMcuSession::new(uri("sip:conf@contoso.com")));
    let idle: InstantMessagingMcuSession = any.try_into()?;
    let any = AnySession::from(idle);
    let wrong: Result<InstantMessagingMcuSession<mcu_session::Active>, _> = any.try_into();
    let error = wrong.unwrap_err();
    assert_eq!(
        error.to_string(),
        "expected an Active session, found an Idle one"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert!(boxed.to_string().contains("Idle"));
    Ok(())
}

/// Two MCU types with the same wire name accept each other's wire data:
/// the string is the identity. Documented on `McuType`, which points to
/// `distinct_mcu_types` (a UI test shows it failing the build).
#[test]
fn mcu_types_sharing_a_wire_name_share_their_wire_data() {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    enum MyChat {}
    impl mcu_session::McuType for MyChat {
        const MCU_TYPE: &'static str = "chat";
        const MEDIA_TYPES: &'static [&'static str] = &["message"];
    }

    let ours = McuInfo::<InstantMessaging>::new(uri("sip:conf@contoso.com;chat"), None);
    let json = serde_json::to_string(&ours).unwrap();
    let theirs: McuInfo<MyChat> = serde_json::from_str(&json).unwrap();
    assert_eq!(theirs.uri(), ours.uri());
    assert!(!mcu_session::distinct_mcu_types(&[
        <InstantMessaging as mcu_session::McuType>::MCU_TYPE,
        <MyChat as mcu_session::McuType>::MCU_TYPE,
    ]));
}

#[test]
fn an_event_with_a_field_its_kind_does_not_have_is_refused() {
    for (json, says) in [
        (
            r#"{"event":"McuFailingOver","mcu":"Active"}"#,
            "event McuFailingOver has no fields, but `mcu` was given",
        ),
        (
            r#"{"event":"FocusReconnecting","mcu":"NotActive"}"#,
            "event FocusReconnecting has no fields, but `mcu` was given",
        ),
        (
            r#"{"mcu":"NotActive","event":"FocusReconnecting"}"#,
            "event FocusReconnecting has no fields, but `mcu` was given",
        ),
        (
            r#"{"event":"Attendance","report":{"kind":"Left","data":"sip:bob@contoso.com"},"extra":1}"#,
            "unknown field `extra`",
        ),
        (
            r#"{"event":"Attendance","report":{"kind":"Left","data":"sip:bob@contoso.com","extra":1}}"#,
            "unknown field `extra`, expected `kind` or `data`",
        ),
        (
            r#"{"event":"ConferenceJoined","offered":[],"report":null}"#,
            "event ConferenceJoined has no field `report` (it has: offered)",
        ),
        (
            r#"{"event":"FailoverCompleted","event":"FailoverCompleted"}"#,
            "duplicate field `event`",
        ),
        (
            r#"["McuFailingOver"]"#,
            "invalid type: sequence, expected an MCU session event: an object with an `event` key",
        ),
        (r#"{"event":"Failed"}"#, "unknown variant `Failed`"),
        (
            r#"{"event":"Attendance","report":{"data":"sip:bob@contoso.com","kind":"Joined"}}"#,
            "attendance `Joined`: its data must be an endpoint (an object with uri and role)",
        ),
        (
            r#"{"event":"Attendance","report":{"kind":"Left"}}"#,
            "missing field `data`",
        ),
        (r#"{"event":"FocusReconnected"}"#, "missing field `mcu`"),
        (r#"{"mcu":"Active"}"#, "missing field `event`"),
        (r#"{"event":"Response"}"#, "missing field `response`"),
        (
            r#"{"event":"Response","response":{"code":"success","id":1,"reason":"x"}}"#,
            "unknown field `reason`",
        ),
        (
            r#"{"event":"Response","response":{"code":"pending","id":1}}"#,
            "unknown variant `pending`",
        ),
        (
            r#"{"response":{"code":"success","id":1},"event":"Attendance"}"#,
            "event Attendance has no field `response` (it has: report)",
        ),
    ] {
        let message = serde_json::from_str::<Event>(json).unwrap_err().to_string();
        assert!(message.contains(says), "{json}: {message}");
    }
}

#[test]
fn an_event_reads_in_any_key_order_and_round_trips() {
    let chat = AdvertisedMcu::of::<InstantMessaging>(uri("sip:conf@contoso.com;chat"), None);
    for (json, event) in [
        (
            r#"{"mcu":"Active","event":"FocusReconnected"}"#,
            Event::FocusReconnected {
                mcu: McuStatus::Active,
            },
        ),
        (
            r#"{"mcu":{"mcu_type":"chat","uri":"sip:conf@contoso.com;chat","display_text":null},"event":"McuActivated"}"#,
            Event::McuActivated { mcu: chat.clone() },
        ),
        (
            r#"{"event":"ConferenceJoined","offered":[{"mcu_type":"chat","uri":"sip:conf@contoso.com;chat","display_text":null}]}"#,
            Event::ConferenceJoined {
                offered: vec![chat.clone()],
            },
        ),
        (r#"{"event":"McuFailingOver"}"#, Event::McuFailingOver),
        (
            r#"{"response":{"id":3,"code":"failure","reason":"not a leader"},"event":"Response"}"#,
            Event::Response {
                response: mcu_session::Response::Failure {
                    id: mcu_session::RequestId::new(3),
                    reason: "not a leader".into(),
                },
            },
        ),
        (
            r#"{"event":"Response","response":{"code":"success","id":4}}"#,
            Event::Response {
                response: mcu_session::Response::Success {
                    id: mcu_session::RequestId::new(4),
                },
            },
        ),
    ] {
        let read: Event = serde_json::from_str(json).unwrap();
        assert_eq!(read, event, "{json}");
        let written = serde_json::to_string(&event).unwrap();
        assert_eq!(serde_json::from_str::<Event>(&written).unwrap(), event);
    }
}

/// Every wire value decodes from an object with every field, as `Event`
/// does: serde's derive alone also takes the array form and lets an
/// `Option` field be left out (hostile probe, finding 6).
#[test]
fn every_wire_value_refuses_the_array_form_and_a_missing_field() {
    use mcu_session::conference::McuStatuses;
    use mcu_session::{Attendance, Endpoint, McuStatus, Response, RosterDiff, TerminationReason};

    fn refused<T: serde::de::DeserializeOwned + core::fmt::Debug>(json: &str) -> String {
        match serde_json::from_str::<T>(json) {
            Ok(value) => panic!("{json} decoded as {value:?}"),
            Err(error) => error.to_string(),
        }
    }

    let arrays = [
        refused::<McuInfo<InstantMessaging>>(r#"["chat","sip:conf@contoso.com;chat",null]"#),
        refused::<AdvertisedMcu>(r#"["chat","sip:conf@contoso.com;chat",null]"#),
        refused::<StateChanged>(r#"["3a","Active","Retrying","McuFailingOver","Terminated"]"#),
        refused::<Endpoint>(r#"["sip:bob@contoso.com","Attendee"]"#),
        refused::<Attendance>(r#"["Left","sip:bob@contoso.com"]"#),
        refused::<Response>(r#"["success",1]"#),
        refused::<TerminationReason>(r#"["ConferenceTerminated","sip:conf@contoso.com"]"#),
        refused::<Event>(r#"["McuFailingOver"]"#),
        refused::<McuStatuses>(r#"["Active","NotActive"]"#),
        refused::<RosterDiff>(r#"[[],[]]"#),
    ];
    for error in arrays {
        assert!(error.contains("invalid type: sequence"), "{error}");
    }
    for error in [
        refused::<McuInfo<InstantMessaging>>(
            r#"{"mcu_type":"chat","uri":"sip:conf@contoso.com;chat"}"#,
        ),
        refused::<AdvertisedMcu>(r#"{"mcu_type":"chat","uri":"sip:conf@contoso.com;chat"}"#),
        refused::<Event>(
            r#"{"event":"McuActivated","mcu":{"mcu_type":"chat","uri":"sip:conf@contoso.com;chat"}}"#,
        ),
    ] {
        assert!(error.contains("missing field `display_text`"), "{error}");
    }
    let error = refused::<StateChanged>(
        r#"{"transition":"1","from":"Idle","to":"Active","cause":"McuActivated"}"#,
    );
    assert!(error.contains("missing field `call`"), "{error}");
    let error = refused::<McuStatuses>(r#"{"instant_messaging":"Active"}"#);
    assert!(error.contains("missing field `audio_video`"), "{error}");
    let error = refused::<RosterDiff>(r#"{"joined":[],"left":[],"moved":[]}"#);
    assert!(error.contains("unknown field `moved`"), "{error}");
    let statuses: McuStatuses =
        serde_json::from_str(r#"{"instant_messaging":"Active","audio_video":"NotActive"}"#)
            .unwrap();
    assert_eq!(statuses.instant_messaging, McuStatus::Active);
    let diff: RosterDiff = serde_json::from_str(r#"{"joined":[],"left":[]}"#).unwrap();
    assert_eq!(diff, RosterDiff::default());
    // With every field, each still decodes.
    let info: McuInfo<InstantMessaging> = serde_json::from_str(
        r#"{"mcu_type":"chat","uri":"sip:conf@contoso.com;chat","display_text":null}"#,
    )
    .unwrap();
    assert_eq!(info.display_text(), None);
    let change: StateChanged = serde_json::from_str(
        r#"{"transition":"1","from":"Idle","to":"Active","cause":"McuActivated","call":null}"#,
    )
    .unwrap();
    assert_eq!(change.transition(), TransitionId::T1);
}

/// An attendance report's decoder names what it expected, and refuses a
/// repeated key (mutants the run on this release's changes missed).
#[test]
fn an_attendance_report_decodes_strictly_and_says_what_it_expected() {
    for (json, says) in [
        (
            r#"{"event":"Attendance","report":5}"#,
            "expected an attendance report: an object with kind and data",
        ),
        (
            r#"{"event":"Attendance","report":{"kind":"Left","kind":"Left","data":"sip:b@contoso.com"}}"#,
            "duplicate field `kind`",
        ),
        (
            r#"{"event":"Attendance","report":{"kind":"Left","data":"sip:b@contoso.com","data":"sip:c@contoso.com"}}"#,
            "duplicate field `data`",
        ),
        (
            r#"{"event":"Attendance","report":{"kind":"Left","data":5}}"#,
            "expected an endpoint, a URI or a list of endpoints",
        ),
    ] {
        let message = serde_json::from_str::<Event>(json).unwrap_err().to_string();
        assert!(message.contains(says), "{json}: {message}");
    }
    let message =
        serde_json::from_str::<AdvertisedMcu>(r#"["chat","sip:conf@contoso.com;chat",null]"#)
            .unwrap_err()
            .to_string();
    assert!(
        message.contains("expected an MCU: an object with mcu_type, uri and display_text"),
        "{message}"
    );
}

/// A termination reason read back from the wire equals, and hashes like,
/// the one transition 2 made; reasons that lack different MCU types differ
/// (mutants the run on this release's changes missed).
#[test]
fn a_decoded_termination_reason_equals_and_hashes_like_the_one_made() {
    use std::hash::{DefaultHasher, Hash, Hasher};

    let hash = |reason: &TerminationReason| {
        let mut hasher = DefaultHasher::new();
        reason.hash(&mut hasher);
        hasher.finish()
    };
    let session = InstantMessagingMcuSession::new(uri("sip:conf@contoso.com"));
    let Ok(Joined::Unsupported(made)) = session.conference_joined([]) else {
        panic!("nothing offered")
    };
    let decoded = |missing: &str| -> TerminationReason {
        serde_json::from_str(&format!(
            r#"{{"cause":"McuTypeNotOffered","conference":"sip:conf@contoso.com","missing":"{missing}","offered":[]}}"#
        ))
        .unwrap()
    };
    assert_eq!(&decoded("chat"), made.reason());
    assert_eq!(hash(&decoded("chat")), hash(made.reason()));
    assert_ne!(decoded("meeting"), decoded("chat"));
    assert_ne!(&decoded("meeting"), made.reason());
    assert_ne!(hash(&decoded("meeting")), hash(&decoded("chat")));
}
