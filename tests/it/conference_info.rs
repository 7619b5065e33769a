//! RFC 4575 conference documents in: the RFC's ordering rules enforced,
//! partial documents applied by the RFC's keys, and what the document does
//! to the roster said as a diff. The fixtures are the project's own, in
//! the shape of the RFC's examples (section 7).

use mcu_session::wire::conference_info::{ConferenceInfo, DocumentError, Notification};
use mcu_session::{Capacities, Endpoint, Role};

use crate::common::uri;

const CONFERENCE: &str = "sips:conf233@example.com";

fn state() -> ConferenceInfo {
    ConferenceInfo::new(uri(CONFERENCE), Capacities::default())
}

fn endpoint(user: &str, role: Role) -> Endpoint {
    Endpoint {
        uri: uri(&format!("sip:{user}@example.com")),
        role,
    }
}

/// A document of `state` and `version` around `users`.
fn document(state: &str, version: u32, users: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<conference-info xmlns="urn:ietf:params:xml:ns:conference-info"
    entity="{CONFERENCE}" state="{state}" version="{version}">
  {users}
</conference-info>"#
    )
}

/// In the shape of the RFC's basic example: a description, the
/// conference's state, and users with endpoints and media (read past).
const BASIC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<conference-info xmlns="urn:ietf:params:xml:ns:conference-info"
    entity="sips:conf233@example.com" state="full" version="1">
  <conference-description>
    <subject>Agenda: this month's goals</subject>
    <service-uris>
      <entry><uri>http://sharepoint/salesgroup/</uri><purpose>web-page</purpose></entry>
    </service-uris>
  </conference-description>
  <conference-state><user-count>2</user-count></conference-state>
  <users>
    <user entity="sip:bob@example.com" state="full">
      <display-text>Bob Hoskins</display-text>
      <endpoint entity="sip:bob@pc33.example.com">
        <display-text>Bob's laptop</display-text>
        <status>disconnected</status>
        <disconnection-method>departed</disconnection-method>
        <media id="1"><display-text>main audio</display-text><type>audio</type><status>sendrecv</status></media>
      </endpoint>
    </user>
    <user entity="sip:alice@example.com" state="full">
      <display-text>Alice</display-text>
      <roles><entry>presenter</entry></roles>
      <endpoint entity="sip:4kfk4j392jsu@example.com;grid=433kj4j3u">
        <status>connected</status>
        <joining-method>dialed-out</joining-method>
        <media id="1"><type>audio</type><status>sendrecv</status></media>
      </endpoint>
    </user>
  </users>
</conference-info>"#;

fn applied(notification: Notification) -> (Vec<Endpoint>, Vec<Endpoint>) {
    match notification {
        Notification::Applied { diff, .. } => (diff.joined, diff.left),
        other => panic!("not applied: {other:?}"),
    }
}

#[test]
fn a_full_document_makes_the_roster_and_says_who_joined() {
    let mut conference = state();
    let (joined, left) = applied(conference.apply(BASIC).unwrap());
    let alice = endpoint("alice", Role::Presenter);
    let bob = endpoint("bob", Role::Attendee);
    assert_eq!((joined, left), (vec![alice.clone(), bob.clone()], vec![]));
    assert_eq!(conference.version(), Some(1));
    assert_eq!(
        conference.roster().cloned().collect::<Vec<_>>(),
        [alice, bob]
    );
}

#[test]
fn versions_are_ordered_as_the_rfc_says() {
    let mut conference = state();
    // A partial document before any full state: ask for the full state.
    let partial = document("partial", 1, "");
    assert_eq!(
        conference.apply(&partial).unwrap(),
        Notification::NeedsFullState {
            version: 1,
            held: None
        }
    );
    conference.apply(BASIC).unwrap();
    // At or below the version held: discarded.
    assert_eq!(
        conference.apply(BASIC).unwrap(),
        Notification::Stale {
            version: 1,
            held: 1
        }
    );
    // A partial document more than one version ahead: one was lost.
    let gap = document(
        "partial",
        3,
        r#"<users state="partial"><user entity="sip:carol@example.com"/></users>"#,
    );
    assert_eq!(
        conference.apply(&gap).unwrap(),
        Notification::NeedsFullState {
            version: 3,
            held: Some(1)
        }
    );
    assert_eq!(conference.roster().count(), 2, "nothing changed");
    // A full document may jump ahead.
    let full = document(
        "full",
        7,
        r#"<users><user entity="sip:carol@example.com"/></users>"#,
    );
    let (joined, left) = applied(conference.apply(&full).unwrap());
    assert_eq!(joined, [endpoint("carol", Role::Attendee)]);
    assert_eq!(left.len(), 2);
    assert_eq!(conference.version(), Some(7));
}

#[test]
fn a_partial_document_changes_users_by_their_entity() {
    let mut conference = state();
    conference.apply(BASIC).unwrap();
    let changes = document(
        "partial",
        2,
        r#"<users state="partial">
             <user entity="sip:carol@example.com" state="full"/>
             <user entity="sip:bob@example.com" state="partial"><roles><entry>presenter</entry></roles></user>
             <user entity="SIP:alice@EXAMPLE.com" state="deleted"/>
           </users>"#,
    );
    let (joined, left) = applied(conference.apply(&changes).unwrap());
    assert_eq!(
        joined,
        [
            endpoint("bob", Role::Presenter),
            endpoint("carol", Role::Attendee)
        ]
    );
    assert_eq!(
        left,
        [
            endpoint("alice", Role::Presenter),
            endpoint("bob", Role::Attendee)
        ]
    );
    // A partial user without roles keeps its role.
    let touch = document(
        "partial",
        3,
        r#"<users state="partial"><user entity="sip:bob@example.com" state="partial"><display-text>Bob</display-text></user></users>"#,
    );
    assert_eq!(applied(conference.apply(&touch).unwrap()), (vec![], vec![]));
}

/// The RFC's own examples omit `state` on `users`. Absent, it is the
/// schema's default, `full`: the list is every user, and whoever it does
/// not list has left. Read as inheriting the document's `partial`, the
/// same document would have changed only the users it lists; a focus that
/// means that says so, and both are here.
#[test]
fn users_without_a_state_are_the_whole_list() {
    let only_carol = |users_state: &str| {
        document(
            "partial",
            2,
            &format!(r#"<users{users_state}><user entity="sip:carol@example.com"/></users>"#),
        )
    };
    let mut conference = state();
    conference.apply(BASIC).unwrap();
    let (joined, left) = applied(conference.apply(&only_carol("")).unwrap());
    assert_eq!(joined, [endpoint("carol", Role::Attendee)]);
    assert_eq!(
        left,
        [
            endpoint("alice", Role::Presenter),
            endpoint("bob", Role::Attendee)
        ],
        "the default reading: everyone not listed left"
    );

    let mut conference = state();
    conference.apply(BASIC).unwrap();
    let (joined, left) = applied(
        conference
            .apply(&only_carol(r#" state="partial""#))
            .unwrap(),
    );
    assert_eq!(
        (joined, left),
        (vec![endpoint("carol", Role::Attendee)], vec![]),
        "the other reading, said explicitly: only carol changed"
    );
}

#[test]
fn a_deleted_root_ends_the_conference() {
    let mut conference = state();
    conference.apply(BASIC).unwrap();
    let deleted = document("deleted", 2, "");
    let Notification::Ended { version, left } = conference.apply(&deleted).unwrap() else {
        panic!("ended")
    };
    assert_eq!((version, left.len()), (2, 2));
    assert_eq!(conference.roster().count(), 0);
}

#[test]
fn namespaces_are_resolved_by_uri_not_by_prefix() {
    let prefixed = format!(
        r#"<ci:conference-info xmlns:ci="urn:ietf:params:xml:ns:conference-info" entity="{CONFERENCE}" version="1">
             <ci:users>
               <ci:user entity="sip:bob@example.com"/>
               <x:user xmlns:x="urn:example:other" entity="sip:mallory@example.com"/>
             </ci:users>
             <users xmlns="urn:example:other"><user entity="sip:eve@example.com"/></users>
           </ci:conference-info>"#
    );
    let mut conference = state();
    let (joined, _) = applied(conference.apply(&prefixed).unwrap());
    assert_eq!(joined, [endpoint("bob", Role::Attendee)]);
}

#[test]
fn a_document_that_breaks_the_schema_where_it_is_read_is_refused() {
    let mut conference = state();
    let refused = |conference: &mut ConferenceInfo, users: &str| {
        conference.apply(&document("full", 1, users)).unwrap_err()
    };
    assert_eq!(
        refused(
            &mut conference,
            r#"<users><user entity="sip:bob@example.com"><endpoint entity="sip:b@example.com"><media id="1" state="full"/></endpoint></user></users>"#
        ),
        DocumentError::StateNotAllowed("media")
    );
    assert_eq!(
        refused(
            &mut conference,
            r#"<users><user entity="sip:bob@example.com"><roles state="full"/></user></users>"#
        ),
        DocumentError::StateNotAllowed("roles")
    );
    assert!(matches!(
        refused(&mut conference, r#"<users state="some"/>"#),
        DocumentError::BadAttribute {
            attribute: "state",
            ..
        }
    ));
    assert_eq!(
        refused(&mut conference, r#"<users><user/></users>"#),
        DocumentError::MissingAttribute {
            element: "user",
            attribute: "entity"
        }
    );
    assert_eq!(
        refused(
            &mut conference,
            r#"<users><user entity="sip:bob@example.com"/><user entity="sip:bob@EXAMPLE.com"/></users>"#
        ),
        DocumentError::DuplicateUser(uri("sip:bob@EXAMPLE.com"))
    );
    conference.apply(BASIC).unwrap();
    let twice = document(
        "partial",
        2,
        r#"<users state="partial"><user entity="sip:bob@example.com" state="deleted"/><user entity="sip:bob@EXAMPLE.com" state="deleted"/></users>"#,
    );
    assert_eq!(
        conference.apply(&twice),
        Err(DocumentError::DuplicateUser(uri("sip:bob@EXAMPLE.com")))
    );
    assert_eq!(conference.roster().count(), 2, "nothing changed");
    let mut conference = state();
    let other = BASIC.replace(CONFERENCE, "sips:conf234@example.com");
    assert!(matches!(
        conference.apply(&other),
        Err(DocumentError::OtherConference { .. })
    ));
    let unversioned = BASIC.replace(r#" version="1""#, "");
    assert_eq!(
        conference.apply(&unversioned),
        Err(DocumentError::MissingAttribute {
            element: "conference-info",
            attribute: "version"
        })
    );
    assert!(matches!(
        conference.apply(&BASIC.replace(r#"version="1""#, r#"version="-1""#)),
        Err(DocumentError::BadAttribute { .. })
    ));
    assert_eq!(
        conference.apply("<users/>"),
        Err(DocumentError::NotConferenceInfo)
    );
    assert_eq!(conference.version(), None, "nothing was applied");
}

#[test]
fn a_hostile_document_is_refused_or_bounded() {
    let mut conference = ConferenceInfo::new(
        uri(CONFERENCE),
        Capacities {
            operations: 1,
            endpoints: 2,
            ..Capacities::default()
        },
    );
    let three = document(
        "full",
        1,
        r#"<users><user entity="sip:a@example.com"/><user entity="sip:b@example.com"/><user entity="sip:c@example.com"/></users>"#,
    );
    assert_eq!(
        conference.apply(&three),
        Err(DocumentError::TooManyUsers { capacity: 2 })
    );
    let entities = format!(
        r#"<!DOCTYPE conference-info [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>{}"#,
        document("full", 1, "")
    );
    assert_eq!(
        conference.apply(&entities),
        Err(DocumentError::DocumentType)
    );
    let deep = document(
        "full",
        1,
        &format!("{}{}", "<x>".repeat(40), "</x>".repeat(40)),
    );
    assert_eq!(conference.apply(&deep), Err(DocumentError::TooDeep));
    let twice = format!("{}{}", document("full", 1, ""), document("full", 2, ""));
    assert!(matches!(
        conference.apply(twice.trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")),
        Err(DocumentError::Malformed { .. })
    ));
    assert_eq!(conference.version(), None, "nothing was applied");
}

#[test]
fn ten_thousand_users_are_read_and_diffed() {
    let users: String = (0..10_000)
        .map(|i| format!(r#"<user entity="sip:user{i}@example.com"/>"#))
        .collect();
    let mut conference = state();
    let (joined, left) = applied(
        conference
            .apply(&document("full", 1, &format!("<users>{users}</users>")))
            .unwrap(),
    );
    assert_eq!((joined.len(), left.len()), (10_000, 0));
    let one_left = document(
        "partial",
        2,
        r#"<users state="partial"><user entity="sip:user5000@example.com" state="deleted"/></users>"#,
    );
    let (joined, left) = applied(conference.apply(&one_left).unwrap());
    assert_eq!((joined.len(), left.len()), (0, 1));
    assert_eq!(conference.roster().count(), 9_999);
}

/// A partial document that adds users is refused past the capacity, with
/// nothing changed; users it removes make room first, and users it names
/// as deleted who are not there make none.
#[test]
fn a_partial_document_respects_the_capacity() {
    let mut conference = ConferenceInfo::new(
        uri(CONFERENCE),
        Capacities {
            operations: 1,
            endpoints: 2,
            ..Capacities::default()
        },
    );
    conference
        .apply(&document(
            "full",
            1,
            r#"<users><user entity="sip:a@example.com"/><user entity="sip:b@example.com"/></users>"#,
        ))
        .unwrap();
    let adds = document(
        "partial",
        2,
        r#"<users state="partial"><user entity="sip:c@example.com"/><user entity="sip:ghost@example.com" state="deleted"/></users>"#,
    );
    assert_eq!(
        conference.apply(&adds),
        Err(DocumentError::TooManyUsers { capacity: 2 })
    );
    assert_eq!(conference.version(), Some(1), "nothing changed");
    let swaps = document(
        "partial",
        2,
        r#"<users state="partial"><user entity="sip:c@example.com"/><user entity="sip:a@example.com" state="deleted"/></users>"#,
    );
    let (joined, left) = applied(conference.apply(&swaps).unwrap());
    assert_eq!((joined.len(), left.len()), (1, 1));
    assert_eq!(conference.roster().count(), 2, "exactly the capacity");
    // Changing a user who is there takes no room.
    let promotes = document(
        "partial",
        3,
        r#"<users state="partial"><user entity="sip:b@example.com" state="partial"><roles><entry>presenter</entry></roles></user></users>"#,
    );
    let (joined, left) = applied(conference.apply(&promotes).unwrap());
    assert_eq!((joined.len(), left.len()), (1, 1));
}

#[test]
fn a_full_document_reports_role_changes_and_reads_roles_by_the_data_model() {
    let mut conference = state();
    // A presenter first: the next user, with no roles, is an attendee; an
    // entry is its character data, however spelled (padded with white
    // space, a character reference, a comment or CDATA inside): dave and
    // gina are presenters, erin ("presenter emeritus") and frank
    // ("presenter&co") are not (#27: dave was read by spelling).
    conference
        .apply(&document(
            "full",
            1,
            r#"<users>
                 <user entity="sip:bob@example.com"><roles><entry> presenter </entry></roles></user>
                 <user entity="sip:carol@example.com"/>
                 <user entity="sip:dave@example.com"><roles><entry>attendee</entry><entry>pres&#101;nter</entry></roles></user>
                 <user entity="sip:erin@example.com"><roles><entry>presenter<![CDATA[ emeritus]]></entry></roles></user>
                 <user entity="sip:frank@example.com"><roles><entry>presenter&amp;co</entry></roles></user>
                 <user entity="sip:gina@example.com"><roles><entry> <!-- the role: -->presenter</entry></roles></user>
               </users>"#,
        ))
        .unwrap();
    assert_eq!(
        conference.roster().cloned().collect::<Vec<_>>(),
        [
            endpoint("bob", Role::Presenter),
            endpoint("carol", Role::Attendee),
            endpoint("dave", Role::Presenter),
            endpoint("erin", Role::Attendee),
            endpoint("frank", Role::Attendee),
            endpoint("gina", Role::Presenter)
        ]
    );
    let (joined, left) = applied(
        conference
            .apply(&document(
                "full",
                2,
                r#"<users><user entity="sip:bob@example.com"/><user entity="sip:carol@example.com"><roles><entry>presenter</entry></roles></user><user entity="sip:dave@example.com"/><user entity="sip:erin@example.com"/><user entity="sip:frank@example.com"/><user entity="sip:gina@example.com"><roles><entry>presenter</entry></roles></user></users>"#,
            ))
            .unwrap(),
    );
    assert_eq!(
        joined,
        [
            endpoint("bob", Role::Attendee),
            endpoint("carol", Role::Presenter),
            endpoint("dave", Role::Attendee)
        ]
    );
    assert_eq!(
        left,
        [
            endpoint("bob", Role::Presenter),
            endpoint("carol", Role::Attendee),
            endpoint("dave", Role::Presenter)
        ]
    );
    // The role as CDATA, as a comment splits it: the same word.
    for entry in [
        "<![CDATA[presenter]]>",
        "pre<!---->senter",
        "pres&#101;nter",
    ] {
        let mut conference = state();
        let body = format!(
            r#"<users><user entity="sip:bob@example.com"><roles><entry>{entry}</entry></roles></user></users>"#
        );
        let _ = applied(conference.apply(&document("full", 1, &body)).unwrap());
        assert_eq!(
            conference.roster().cloned().collect::<Vec<_>>(),
            [endpoint("bob", Role::Presenter)],
            "{entry}"
        );
    }
}

/// `version` is an `xs:unsignedInt`, read in every lexical form: a sign,
/// leading zeros, white space around it (#27: `+7` and ` 7 ` were refused
/// while `007` was read).
#[test]
fn a_version_is_read_in_every_lexical_form_of_unsigned_int() {
    for (written, read) in [
        ("7", 7),
        ("+7", 7),
        (" 7 ", 7),
        ("\t007\n", 7),
        ("-0", 0),
        ("4294967295", u32::MAX),
    ] {
        let mut conference = state();
        let body =
            document("full", 1, "").replace(r#"version="1""#, &format!(r#"version="{written}""#));
        let _ = applied(conference.apply(&body).unwrap());
        assert_eq!(conference.version(), Some(read), "{written:?}");
    }
    for written in ["-1", "4294967296", "7.0", "", "+", "0x7", "7 7"] {
        let body =
            document("full", 1, "").replace(r#"version="1""#, &format!(r#"version="{written}""#));
        assert!(
            matches!(
                state().apply(&body),
                Err(DocumentError::BadAttribute { .. })
            ),
            "{written:?}"
        );
    }
}

/// A user is named once at most in a whole list, whatever the order and
/// the states of the two names (#27: refused only as "present, then
/// deleted").
#[test]
fn a_user_named_twice_is_refused_in_any_order() {
    let present = r#"<user entity="sip:bob@example.com"/>"#;
    let deleted = r#"<user entity="sip:bob@example.com" state="deleted"/>"#;
    for pair in [
        [present, deleted],
        [deleted, present],
        [deleted, deleted],
        [present, present],
    ] {
        let body = format!("<users>{}{}</users>", pair[0], pair[1]);
        assert_eq!(
            state().apply(&document("full", 1, &body)),
            Err(DocumentError::DuplicateUser(uri("sip:bob@example.com"))),
            "{pair:?}"
        );
    }
}

/// The endpoint limit counts endpoints naming an MCU, as its docs say: a
/// partial user may list 33 that name none (each a possible change), and
/// is refused past the bound of those (#27: refused as TooManyEndpoints).
#[test]
fn the_endpoint_limit_counts_what_it_says() {
    use mcu_session::wire::conference_info::MAX_USER_ENDPOINTS;

    let mut conference = state();
    let user = |endpoints: usize, session_type: &str| {
        let endpoints: String = (0..endpoints)
            .map(|i| format!(r#"<endpoint entity="e{i}"{session_type}/>"#))
            .collect();
        format!(
            r#"<users state="partial"><user entity="sip:bob@example.com" state="partial">{endpoints}</user></users>"#
        )
    };
    let _ = applied(conference.apply(&document("full", 1, "")).unwrap());
    let _ = applied(
        conference
            .apply(&document("partial", 2, &user(MAX_USER_ENDPOINTS, "")))
            .unwrap(),
    );
    assert_eq!(
        conference.apply(&document("partial", 3, &user(MAX_USER_ENDPOINTS + 1, ""))),
        Err(DocumentError::TooManyEndpointChanges(uri(
            "sip:bob@example.com"
        )))
    );
    assert_eq!(
        conference.apply(&document(
            "partial",
            3,
            &user(MAX_USER_ENDPOINTS + 1, r#" session-type="chat""#)
        )),
        Err(DocumentError::TooManyEndpoints(uri("sip:bob@example.com")))
    );
}

#[test]
fn deleted_users_remove_everyone_whatever_they_list() {
    let mut conference = state();
    conference.apply(BASIC).unwrap();
    let deleted = document(
        "partial",
        2,
        r#"<users state="deleted"><user entity="sip:bob@example.com"/></users>"#,
    );
    let (joined, left) = applied(conference.apply(&deleted).unwrap());
    assert_eq!((joined.len(), left.len()), (0, 2));
    assert_eq!(conference.roster().count(), 0);
}

#[test]
fn only_a_conference_info_root_is_read_and_depth_is_exact() {
    let mut conference = state();
    assert_eq!(
        conference.apply(r#"<other xmlns="urn:ietf:params:xml:ns:conference-info"/>"#),
        Err(DocumentError::NotConferenceInfo)
    );
    // Another root before the conference's is no document at all.
    let after_another = format!("<other/>{}", document("full", 1, ""));
    assert!(matches!(
        conference.apply(&after_another),
        Err(DocumentError::Malformed { .. })
    ));
    // The root is depth 1: 31 levels inside it make the limit, 32 pass it.
    let nested = |levels: usize| format!("{}{}", "<x>".repeat(levels), "</x>".repeat(levels));
    let limit = mcu_session::wire::conference_info::MAX_DOCUMENT_DEPTH;
    assert!(
        conference
            .apply(&document("full", 1, &nested(limit - 1)))
            .is_ok()
    );
    assert_eq!(
        conference.apply(&document("full", 2, &nested(limit))),
        Err(DocumentError::TooDeep)
    );
    // An empty element is as deep as its start tag (#27: one past the
    // limit passed when empty).
    let empty_last = |levels: usize| {
        format!(
            "{}<x/>{}",
            "<x>".repeat(levels - 1),
            "</x>".repeat(levels - 1)
        )
    };
    assert!(
        conference
            .apply(&document("full", 2, &empty_last(limit - 1)))
            .is_ok()
    );
    assert_eq!(
        conference.apply(&document("full", 3, &empty_last(limit))),
        Err(DocumentError::TooDeep)
    );
}

/// In the shape of a Lync-compatible focus's document: the MCUs the
/// conference offers in `conf-uris`, and each user's endpoints naming the
/// MCU they are connected to.
const FOCUS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<conference-info xmlns="urn:ietf:params:xml:ns:conference-info"
    xmlns:msci="http://schemas.microsoft.com/rtc/2005/08/confinfoextensions"
    entity="sips:conf233@example.com" state="full" version="1">
  <conference-description>
    <subject>Weekly sync</subject>
    <conf-uris>
      <entry><uri>sip:conf233@example.com;gruu;opaque=app:conf:focus</uri><purpose>focus</purpose></entry>
      <entry>
        <uri>sip:conf233@example.com;gruu;opaque=app:conf:chat</uri>
        <display-text>Chat</display-text>
        <purpose>chat</purpose>
      </entry>
      <entry><uri>sip:conf233@example.com;gruu;opaque=app:conf:audio-video</uri><purpose> audio-video </purpose></entry>
      <entry><uri>sips:conf233@example.com</uri></entry>
    </conf-uris>
  </conference-description>
  <users>
    <user entity="sip:alice@example.com">
      <roles><entry>presenter</entry></roles>
      <endpoint entity="{A-FOCUS}" session-type="focus"><status>connected</status></endpoint>
      <endpoint entity="sip:alice@example.com;gruu;opaque=chat" session-type="chat"><status>connected</status></endpoint>
      <endpoint entity="{A-AV}" msci:session-type="audio-video">
        <status>muted-via-focus</status>
        <media id="1"><type>audio</type><status>recvonly</status></media>
      </endpoint>
    </user>
    <user entity="sip:bob@example.com">
      <endpoint entity="{B-FOCUS}" session-type="focus"><status>connected</status></endpoint>
      <endpoint entity="{B-CHAT}" session-type="chat"><status>dialing-in</status></endpoint>
    </user>
    <user entity="sip:carol@example.com">
      <endpoint entity="{C-AV}" session-type="audio-video"><status>on-hold</status></endpoint>
    </user>
  </users>
</conference-info>"#;

fn names(endpoints: &[Endpoint]) -> Vec<&str> {
    endpoints.iter().map(|e| e.uri.as_str()).collect()
}

#[test]
fn a_focus_document_says_which_mcus_are_offered_and_who_attends_each() {
    use mcu_session::wire::conference_info::{EndpointStatus, McuEndpoint};
    use mcu_session::{Attendance, AudioVideo, InstantMessaging, McuType};

    /// The focus itself, as an MCU type of the application's.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    enum FocusMcu {}
    impl McuType for FocusMcu {
        const MCU_TYPE: &'static str = "focus";
        const MEDIA_TYPES: &'static [&'static str] = &[];
    }

    let mut conference = state();
    let Notification::Applied { diff, mut mcus, .. } = conference.apply(FOCUS).unwrap() else {
        panic!("not applied")
    };
    assert_eq!(diff.joined.len(), 3);
    // Every entry with a purpose, in the document's order, purposes
    // trimmed; the entry without one is not an MCU.
    let offered: Vec<(&str, &str, Option<&str>)> = conference
        .offered()
        .iter()
        .map(|mcu| {
            (
                mcu.mcu_type.as_str(),
                mcu.uri.as_str(),
                mcu.display_text.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        offered,
        [
            (
                "focus",
                "sip:conf233@example.com;gruu;opaque=app:conf:focus",
                None
            ),
            (
                "chat",
                "sip:conf233@example.com;gruu;opaque=app:conf:chat",
                Some("Chat")
            ),
            (
                "audio-video",
                "sip:conf233@example.com;gruu;opaque=app:conf:audio-video",
                None
            ),
        ]
    );
    // Each MCU anyone attends gets its fresh roster: Bob is still dialing
    // in to the chat MCU; Carol on hold attends the AV MCU.
    let alice = endpoint("alice", Role::Presenter);
    let bob = endpoint("bob", Role::Attendee);
    let carol = endpoint("carol", Role::Attendee);
    assert_eq!(
        mcus.take::<InstantMessaging>(),
        [Attendance::Refreshed(vec![alice.clone()])]
    );
    assert_eq!(
        mcus.take::<AudioVideo>(),
        [Attendance::Refreshed(vec![alice.clone(), carol.clone()])]
    );
    assert_eq!(
        mcus.get("focus"),
        [Attendance::Refreshed(vec![alice.clone(), bob.clone()])]
    );
    assert_eq!(mcus.iter().count(), 1, "only the focus is left");
    assert!(!mcus.is_empty());
    assert_eq!(mcus.take::<FocusMcu>().len(), 1);
    assert!(mcus.is_empty());
    assert_eq!(conference.mcu_roster("chat").collect::<Vec<_>>(), [&alice]);
    assert_eq!(
        conference.endpoints(&bob.uri).collect::<Vec<_>>(),
        [
            McuEndpoint {
                entity: "{B-FOCUS}",
                mcu_type: "focus",
                status: Some(EndpointStatus::Connected)
            },
            McuEndpoint {
                entity: "{B-CHAT}",
                mcu_type: "chat",
                status: Some(EndpointStatus::DialingIn)
            },
        ]
    );
}

#[test]
fn a_partial_document_changes_endpoints_by_their_entity() {
    use mcu_session::Attendance;

    let mut conference = state();
    conference.apply(FOCUS).unwrap();
    // Bob's chat endpoint connects (a partial endpoint: only its status);
    // Alice's AV endpoint goes; Carol becomes a presenter, staying in AV.
    let changes = document(
        "partial",
        2,
        r#"<users state="partial">
      <user entity="sip:bob@example.com" state="partial">
        <endpoint entity="{B-CHAT}" state="partial"><status>connected</status></endpoint>
      </user>
      <user entity="sip:alice@example.com" state="partial">
        <endpoint entity="{A-AV}" state="deleted"/>
      </user>
      <user entity="sip:carol@example.com" state="partial">
        <roles><entry>presenter</entry></roles>
      </user>
    </users>"#,
    );
    let Notification::Applied { diff, mcus, .. } = conference.apply(&changes).unwrap() else {
        panic!("not applied")
    };
    let carol = endpoint("carol", Role::Attendee);
    let presenter = endpoint("carol", Role::Presenter);
    assert_eq!(
        (diff.joined, diff.left),
        (vec![presenter.clone()], vec![carol.clone()])
    );
    assert_eq!(
        mcus.get("chat"),
        [Attendance::Joined(endpoint("bob", Role::Attendee))]
    );
    assert_eq!(
        mcus.get("audio-video"),
        [
            Attendance::Left(endpoint("alice", Role::Presenter).uri),
            Attendance::Left(carol.uri.clone()),
            Attendance::Joined(presenter.clone()),
        ]
    );
    assert!(
        mcus.get("focus").is_empty(),
        "nobody's focus endpoint changed"
    );
    assert_eq!(
        names(&conference.mcu_roster("chat").cloned().collect::<Vec<_>>()),
        ["sip:alice@example.com", "sip:bob@example.com"]
    );

    // A full endpoint replaces what was held of it: without a status it
    // is listed and attends; without a session-type it names no MCU.
    let replaced = document(
        "partial",
        3,
        r#"<users state="partial">
      <user entity="sip:bob@example.com" state="partial">
        <endpoint entity="{B-CHAT}"/>
        <endpoint entity="{B-FOCUS}"><status>connected</status></endpoint>
      </user>
    </users>"#,
    );
    let Notification::Applied { mcus, .. } = conference.apply(&replaced).unwrap() else {
        panic!("not applied")
    };
    assert_eq!(
        mcus.iter().collect::<Vec<_>>(),
        [
            (
                "chat",
                &[Attendance::Left(endpoint("bob", Role::Attendee).uri)][..]
            ),
            (
                "focus",
                &[Attendance::Left(endpoint("bob", Role::Attendee).uri)][..]
            ),
        ]
    );
    assert_eq!(
        conference
            .endpoints(&endpoint("bob", Role::Attendee).uri)
            .count(),
        0
    );

    // A user who leaves leaves every MCU.
    let gone = document(
        "partial",
        4,
        r#"<users state="partial"><user entity="sip:alice@example.com" state="deleted"/></users>"#,
    );
    let Notification::Applied { mcus, .. } = conference.apply(&gone).unwrap() else {
        panic!("not applied")
    };
    let alice = endpoint("alice", Role::Presenter).uri;
    assert_eq!(
        mcus.iter().collect::<Vec<_>>(),
        [
            ("chat", &[Attendance::Left(alice.clone())][..]),
            ("focus", &[Attendance::Left(alice)][..]),
        ]
    );
}

#[test]
fn the_reports_bring_an_mcu_session_to_the_documents_roster() {
    use mcu_session::{
        AdvertisedMcu, Event, InstantMessaging, InstantMessagingMcuSession, Joined, McuInfo,
    };
    use std::time::Instant;

    let mut conference = state();
    let Notification::Applied { mut mcus, .. } = conference.apply(FOCUS).unwrap() else {
        panic!("not applied")
    };
    // The offered MCUs bind the session, as a join reports them.
    let offered: Vec<AdvertisedMcu> = conference.offered().to_vec();
    let Ok(Joined::Bound(idle)) =
        InstantMessagingMcuSession::new(uri(CONFERENCE)).conference_joined(offered)
    else {
        panic!("not bound")
    };
    let chat = uri("sip:conf233@example.com;gruu;opaque=app:conf:chat");
    let mut session = mcu_session::AnySession::from(
        idle.mcu_activated(McuInfo::<InstantMessaging>::new(chat, None), Instant::now()),
    );
    for report in mcus.take::<InstantMessaging>() {
        session
            .apply(Event::Attendance { report }, Instant::now())
            .unwrap();
    }
    let partial = document(
        "partial",
        2,
        r#"<users state="partial">
      <user entity="sip:bob@example.com" state="partial"><endpoint entity="{B-CHAT}" state="partial"><status>connected</status></endpoint></user>
      <user entity="sip:alice@example.com" state="partial"><roles><entry>attendee</entry></roles></user>
    </users>"#,
    );
    let Notification::Applied { mut mcus, .. } = conference.apply(&partial).unwrap() else {
        panic!("not applied")
    };
    for report in mcus.take::<InstantMessaging>() {
        session
            .apply(Event::Attendance { report }, Instant::now())
            .unwrap();
    }
    let held: Vec<Endpoint> = session
        .roster()
        .unwrap()
        .iter()
        .map(|(uri, role)| Endpoint {
            uri: uri.clone(),
            role,
        })
        .collect();
    let expected: Vec<Endpoint> = conference.mcu_roster("chat").cloned().collect();
    assert_eq!(held, expected);
    assert_eq!(
        expected,
        [
            endpoint("alice", Role::Attendee),
            endpoint("bob", Role::Attendee)
        ]
    );
}

#[test]
fn the_offered_mcus_follow_conf_uris_state() {
    let mut conference = state();
    conference.apply(FOCUS).unwrap();
    let types = |conference: &ConferenceInfo| -> Vec<String> {
        conference
            .offered()
            .iter()
            .map(|mcu| format!("{} {}", mcu.mcu_type, mcu.uri))
            .collect()
    };
    // A partial conf-uris replaces entries by their uri, and adds others.
    let partial = r#"<?xml version="1.0"?>
<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sips:conf233@example.com" state="partial" version="2">
  <conference-description><conf-uris state="partial">
    <entry><uri>sip:conf233@example.com;gruu;opaque=app:conf:chat</uri><purpose>chat</purpose><display-text>Chat &amp; notes</display-text></entry>
    <entry><uri>sip:conf233@example.com;gruu;opaque=app:conf:applicationsharing</uri><purpose><![CDATA[applicationsharing]]></purpose></entry>
    <entry><uri>sip:conf233@example.com;gruu;opaque=app:conf:focus</uri></entry>
  </conf-uris></conference-description>
</conference-info>"#;
    conference.apply(partial).unwrap();
    assert_eq!(
        types(&conference),
        [
            "audio-video sip:conf233@example.com;gruu;opaque=app:conf:audio-video",
            "chat sip:conf233@example.com;gruu;opaque=app:conf:chat",
            "applicationsharing sip:conf233@example.com;gruu;opaque=app:conf:applicationsharing",
        ]
    );
    assert_eq!(
        conference.offered()[1].display_text.as_deref(),
        Some("Chat & notes")
    );
    // A partial document without conf-uris leaves them.
    conference.apply(&document("partial", 3, "")).unwrap();
    assert_eq!(types(&conference).len(), 3);
    // Deleted conf-uris: none offered.
    let deleted = r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sips:conf233@example.com" state="partial" version="4">
  <conference-description><conf-uris state="deleted"/></conference-description></conference-info>"#;
    conference.apply(deleted).unwrap();
    assert!(conference.offered().is_empty());
    // A full document without them offers none either.
    conference
        .apply(FOCUS.replace(r#"version="1""#, r#"version="5""#).as_str())
        .unwrap();
    assert_eq!(types(&conference).len(), 3);
    conference.apply(&document("full", 6, "")).unwrap();
    assert!(conference.offered().is_empty());
    // The end of the conference ends the offer.
    conference
        .apply(FOCUS.replace(r#"version="1""#, r#"version="7""#).as_str())
        .unwrap();
    conference.apply(&document("deleted", 8, "")).unwrap();
    assert!(conference.offered().is_empty());
}

#[test]
fn session_types_are_matched_by_namespace_uri_not_prefix() {
    let mut conference = state();
    let body = document(
        "full",
        1,
        r#"<users xmlns:x="http://schemas.microsoft.com/rtc/2005/08/confinfoextensions" xmlns:msci="urn:example:not-the-extensions">
      <user entity="sip:alice@example.com"><endpoint entity="a" x:session-type="chat"/></user>
      <user entity="sip:bob@example.com"><endpoint entity="b" msci:session-type="chat"/></user>
    </users>"#,
    );
    conference.apply(&body).unwrap();
    assert_eq!(
        names(&conference.mcu_roster("chat").cloned().collect::<Vec<_>>()),
        ["sip:alice@example.com"]
    );
}

#[test]
fn what_the_extensions_read_must_fit_the_schema() {
    let refused = |users: &str| {
        let mut conference = state();
        let error = conference.apply(&document("full", 1, users)).unwrap_err();
        assert_eq!(conference, state(), "nothing changed");
        error
    };
    assert!(matches!(
        refused(
            r#"<users><user entity="sip:a@example.com"><endpoint entity="e" session-type="chat"><status>online</status></endpoint></user></users>"#
        ),
        DocumentError::BadText {
            element: "status",
            ..
        }
    ));
    assert_eq!(
        refused(
            r#"<users><user entity="sip:a@example.com"><endpoint entity="e" session-type="chat"/><endpoint entity="e" session-type="audio-video"/></user></users>"#
        ),
        DocumentError::DuplicateEndpoint {
            user: uri("sip:a@example.com"),
            endpoint: "e".into()
        }
    );
    assert_eq!(
        refused(
            r#"<users><user entity="sip:a@example.com"><endpoint session-type="chat"/></user></users>"#
        ),
        DocumentError::MissingAttribute {
            element: "endpoint",
            attribute: "entity"
        }
    );
    assert!(matches!(
        refused(
            r#"<users><user entity="sip:a@example.com"><endpoint entity="e" session-type=" "/></user></users>"#
        ),
        DocumentError::BadAttribute {
            attribute: "session-type",
            ..
        }
    ));
    let description = |inner: &str| {
        let mut conference = state();
        let body = format!(
            r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{CONFERENCE}" version="1"><conference-description>{inner}</conference-description></conference-info>"#
        );
        conference.apply(&body).unwrap_err()
    };
    assert_eq!(
        description(r#"<conf-uris><entry><purpose>chat</purpose></entry></conf-uris>"#),
        DocumentError::MissingElement {
            element: "entry",
            child: "uri"
        }
    );
    assert!(matches!(
        description(
            r#"<conf-uris><entry><uri>not a uri</uri><purpose>chat</purpose></entry></conf-uris>"#
        ),
        DocumentError::BadUri(_)
    ));
    assert_eq!(
        description(
            r#"<conf-uris><entry state="full"><uri>sip:a@example.com</uri></entry></conf-uris>"#
        ),
        DocumentError::StateNotAllowed("entry")
    );
    assert!(matches!(
        description(r#"<conf-uris><entry><uri>sip:a@example.com&bogus;</uri></entry></conf-uris>"#),
        DocumentError::Malformed { .. }
    ));
    let mut conference = state();
    let error = conference
        .apply(&format!(
            r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{CONFERENCE}" version="1"><conference-description state="full"/></conference-info>"#
        ))
        .unwrap_err();
    assert_eq!(
        error,
        DocumentError::StateNotAllowed("conference-description")
    );
}

#[test]
fn a_partial_user_may_not_grow_past_the_endpoint_limit() {
    use mcu_session::wire::conference_info::MAX_USER_ENDPOINTS;

    let mut conference = state();
    let endpoints = |from: usize, to: usize| -> String {
        (from..to)
            .map(|i| format!(r#"<endpoint entity="e{i}" session-type="chat"/>"#))
            .collect()
    };
    let grow = |version: u32, from: usize, to: usize| {
        document(
            "partial",
            version,
            &format!(
                r#"<users state="partial"><user entity="sip:a@example.com" state="partial">{}</user></users>"#,
                endpoints(from, to)
            ),
        )
    };
    let full = document(
        "full",
        1,
        &format!(
            r#"<users><user entity="sip:a@example.com">{}</user></users>"#,
            endpoints(0, MAX_USER_ENDPOINTS - 1)
        ),
    );
    conference.apply(&full).unwrap();
    // Up to the limit...
    conference
        .apply(&grow(2, MAX_USER_ENDPOINTS - 1, MAX_USER_ENDPOINTS))
        .unwrap();
    assert_eq!(
        conference.endpoints(&uri("sip:a@example.com")).count(),
        MAX_USER_ENDPOINTS
    );
    // ...and not one past it.
    let before = conference.clone();
    assert_eq!(
        conference
            .apply(&grow(3, MAX_USER_ENDPOINTS, MAX_USER_ENDPOINTS + 1))
            .unwrap_err(),
        DocumentError::TooManyEndpoints(uri("sip:a@example.com"))
    );
    assert_eq!(conference, before);
}

/// A not-well-formed attribute is refused at the byte it starts at.
#[test]
fn a_malformed_attribute_is_reported_where_it_starts() {
    let body = document(
        "full",
        1,
        r#"<users><user entity="sip:a@example.com" entity="sip:b@example.com"/></users>"#,
    );
    let Err(DocumentError::Malformed { position, problem }) = state().apply(&body) else {
        panic!("not refused as malformed")
    };
    // The repeated attribute, not the start of the document or the tag.
    let at = body.find(r#"entity="sip:b"#).unwrap();
    assert_eq!(usize::try_from(position).unwrap(), at, "{problem}");
    assert_eq!(problem, "the attribute entity is repeated");

    // An escape to no entity: the attribute it is in.
    let body = document(
        "full",
        1,
        r#"<users><user entity="sip:a&bogus;@example.com"/></users>"#,
    );
    let Err(DocumentError::Malformed { position, .. }) = state().apply(&body) else {
        panic!("not refused as malformed")
    };
    let at = body.find(r#"entity="sip:a&"#).unwrap();
    assert_eq!(usize::try_from(position).unwrap(), at);
}

#[test]
fn a_deleted_users_endpoints_are_nobodys() {
    // A deleted user listing an endpoint, then a user with endpoints of
    // their own: each endpoint stays with its user.
    let body = document(
        "full",
        1,
        r#"<users>
      <user entity="sip:gone@example.com" state="deleted"><endpoint entity="g" session-type="chat"/></user>
      <user entity="sip:bob@example.com"><endpoint entity="b" session-type="audio-video"/></user>
    </users>"#,
    );
    let mut conference = state();
    conference.apply(&body).unwrap();
    let bob: Vec<(String, String)> = conference
        .endpoints(&uri("sip:bob@example.com"))
        .map(|e| (e.entity.to_owned(), e.mcu_type.to_owned()))
        .collect();
    assert_eq!(bob, [("b".to_owned(), "audio-video".to_owned())]);
    assert_eq!(conference.mcu_roster("chat").count(), 0);

    // The same in a partial list of users.
    let partial = document(
        "partial",
        2,
        r#"<users state="partial">
      <user entity="sip:bob@example.com" state="deleted"><endpoint entity="b" session-type="chat"/></user>
      <user entity="sip:carol@example.com"><endpoint entity="c" session-type="audio-video"/></user>
    </users>"#,
    );
    conference.apply(&partial).unwrap();
    let carol: Vec<String> = conference
        .endpoints(&uri("sip:carol@example.com"))
        .map(|e| e.entity.to_owned())
        .collect();
    assert_eq!(carol, ["c"]);
    assert_eq!(
        conference
            .mcu_roster("audio-video")
            .map(|e| e.uri.as_str())
            .collect::<Vec<_>>(),
        ["sip:carol@example.com"]
    );
}

#[test]
fn a_new_subscription_starts_the_versions_again() {
    use mcu_session::{Attendance, InstantMessaging};

    let mut conference = state();
    let chat_user = |name: &str| {
        format!(
            r#"<user entity="sip:{name}@example.com"><endpoint entity="{name}-chat" session-type="chat"/></user>"#
        )
    };
    let users = |names: &[&str]| -> String {
        format!(
            "<users>{}</users>",
            names.iter().map(|name| chat_user(name)).collect::<String>()
        )
    };
    conference
        .apply(&document("full", 5, &users(&["alice", "bob"])))
        .unwrap();
    // The focus reconnected and the new subscription numbers from 1: read
    // as the old one's, its first document would be stale.
    let first = document("full", 1, &users(&["alice", "carol"]));
    assert_eq!(
        conference.clone().apply(&first).unwrap(),
        Notification::Stale {
            version: 1,
            held: 5
        }
    );
    conference.new_subscription();
    assert_eq!(conference.version(), None);
    // A partial document cannot come first in it...
    let partial = document(
        "partial",
        1,
        r#"<users state="partial"><user entity="sip:dave@example.com"/></users>"#,
    );
    assert_eq!(
        conference.apply(&partial).unwrap(),
        Notification::NeedsFullState {
            version: 1,
            held: None
        }
    );
    assert_eq!(conference.roster().count(), 2, "what was held stays");
    // ...its full one says what changed while no document came.
    let Notification::Applied {
        version,
        diff,
        mut mcus,
    } = conference.apply(&first).unwrap()
    else {
        panic!("not applied")
    };
    assert_eq!(version, 1);
    assert_eq!(
        (diff.joined, diff.left),
        (
            vec![endpoint("carol", Role::Attendee)],
            vec![endpoint("bob", Role::Attendee)]
        )
    );
    assert_eq!(
        mcus.take::<InstantMessaging>(),
        [Attendance::Refreshed(vec![
            endpoint("alice", Role::Attendee),
            endpoint("carol", Role::Attendee)
        ])]
    );
    // And its versions go on from there.
    let next = document(
        "partial",
        2,
        r#"<users state="partial"><user entity="sip:alice@example.com" state="deleted"/></users>"#,
    );
    assert!(matches!(
        conference.apply(&next).unwrap(),
        Notification::Applied { version: 2, .. }
    ));
}

/// A body cut short is refused, and nothing of it is applied: the roster
/// and the version stay, so the real document still applies after it
/// (hostile probe of #27: a v2 cut after bob was applied, carol reported
/// left, and the real v2 dropped as stale).
#[test]
fn a_truncated_document_is_refused_and_applies_nothing() {
    let mut conference = state();
    let both = r#"<users>
        <user entity="sip:bob@example.com"><endpoint entity="sip:bob@pc.example.com"/></user>
        <user entity="sip:carol@example.com"><endpoint entity="sip:carol@pc.example.com"/></user>
      </users>"#;
    let _ = applied(conference.apply(&document("full", 1, both)).unwrap());
    let roster: Vec<Endpoint> = conference.roster().cloned().collect();
    let whole = document("full", 2, both);
    let cut = &whole[..whole.find("<user entity=\"sip:carol").unwrap()];
    let refused = conference.apply(cut).unwrap_err();
    assert!(
        matches!(refused, DocumentError::Malformed { .. }),
        "{refused}"
    );
    assert!(refused.to_string().contains("ends inside"), "{refused}");
    assert_eq!(conference.version(), Some(1));
    assert_eq!(conference.roster().cloned().collect::<Vec<_>>(), roster);
    let (joined, left) = applied(conference.apply(&whole).unwrap());
    assert_eq!((joined, left), (vec![], vec![]));
}

/// RFC 4575's schema allows one `users` (and one `conference-description`,
/// one `conf-uris` in it): a second is refused, not read over the first
/// (hostile probe of #27: a second `users` reported bob as having left).
#[test]
fn an_element_the_schema_allows_once_is_refused_twice() {
    let bob = r#"<user entity="sip:bob@example.com"/>"#;
    let conf_uris = r#"<conf-uris><entry><uri>sip:conf@example.com;chat</uri></entry></conf-uris>"#;
    for (body, element) in [
        (format!("<users>{bob}</users><users/>"), "users"),
        (
            "<conference-description/><conference-description/>".to_owned(),
            "conference-description",
        ),
        (
            format!("<conference-description>{conf_uris}{conf_uris}</conference-description>"),
            "conf-uris",
        ),
    ] {
        let mut conference = state();
        let _ = applied(
            conference
                .apply(&document("full", 1, &format!("<users>{bob}</users>")))
                .unwrap(),
        );
        assert_eq!(
            conference.apply(&document("full", 2, &body)).unwrap_err(),
            DocumentError::RepeatedElement(element)
        );
        assert_eq!(
            (conference.version(), conference.roster().count()),
            (Some(1), 1)
        );
    }
}

/// The hostile probes of #27, each inside an otherwise good conference
/// document and an otherwise good C3P response: every one is refused as
/// not well-formed, and nothing of the document is applied. Before, most
/// were read (the parts the decoders skip were never checked).
#[test]
fn every_not_well_formed_probe_is_refused_by_both_decoders() {
    use mcu_session::wire::c3p::{self, ResponseError};

    let probes = [
        // Text, a reference, CDATA or an element outside the root.
        ("stray", ""),
        ("", "stray"),
        ("", "<again/>"),
        ("", "&amp;"),
    ];
    let inside = [
        "<p:undeclared/>",
        r#"<a x="1" x="2"/>"#,
        r#"<a x="&bogus;"/>"#,
        "<foo a/>",
        r#"<a x="<"/>"#,
        "\u{0}",
        "]]>",
        r#"<?xml version="1.0"?>"#,
        "<!-- x --->",
        "<a:b:c/>",
        "&#0;",
        "&#xFFFF;",
        "\u{FFFE}",
        r#"<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>"#,
        r#"<a xmlns:p=""/>"#,
        "<1a/>",
        "<?xml-stylesheet x?><?XmL y?>",
        "\u{C}",
        "<a x=1/>",
        r#"<a x="1"y="2"/>"#,
    ];
    let bob = r#"<users><user entity="sip:bob@example.com"/></users>"#;
    let mut conference = state();
    let _ = applied(conference.apply(&document("full", 1, bob)).unwrap());
    let before = conference.clone();
    let bodies = probes
        .iter()
        .map(|(before, after)| {
            (
                format!("{before}{}{after}", document("full", 2, "")),
                "outside",
            )
        })
        .chain(
            inside
                .iter()
                .map(|part| (document("full", 2, part), "inside")),
        );
    for (body, _) in bodies {
        let body = body.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "", 1);
        assert!(
            matches!(
                conference.apply(&body),
                Err(DocumentError::Malformed { .. })
            ),
            "read: {body}"
        );
        assert_eq!(conference, before, "nothing applied from {body}");
    }
    let response = |child: &str| {
        format!(
            r#"<response xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" requestId="4" from="sip:focus@contoso.com" to="sip:alice@contoso.com" code="failure"><deleteUser>{child}</deleteUser></response>"#
        )
    };
    for body in probes
        .iter()
        .map(|(before, after)| format!("{before}{}{after}", response("")))
        .chain(inside.iter().map(|part| response(part)))
    {
        assert!(
            matches!(
                c3p::decode_response(&body),
                Err(ResponseError::Malformed { .. })
            ),
            "read: {body}"
        );
    }
    // A bad encoding name in the declaration.
    let declared = format!(r#"<?xml version="1.0" encoding="-bad"?>{}"#, response(""));
    assert!(matches!(
        c3p::decode_response(&declared),
        Err(ResponseError::Malformed { .. })
    ));
}

/// `conf-uris` has a capacity of its own (`Capacities::offers`): a list
/// past it is refused while it is read, and so is a partial list that
/// would offer more once applied (#27: nothing bounded their number).
#[test]
fn conf_uris_are_refused_past_the_offers_capacity() {
    let capacities = Capacities {
        offers: 3,
        ..Capacities::default()
    };
    let entries = |from: usize, to: usize| -> String {
        (from..to)
            .map(|i| {
                format!(
                    "<entry><uri>sip:conf@example.com;mcu{i}</uri><purpose>m{i}</purpose></entry>"
                )
            })
            .collect()
    };
    let offering = |state: &str, version: u32, entries: String| {
        document(
            state,
            version,
            &format!(
                r#"<conference-description><conf-uris state="{state}">{entries}</conf-uris></conference-description>"#
            ),
        )
    };
    let mut conference = ConferenceInfo::new(uri(CONFERENCE), capacities);
    assert_eq!(
        conference.apply(&offering("full", 1, entries(0, 4))),
        Err(DocumentError::TooManyOffers { capacity: 3 })
    );
    let _ = applied(
        conference
            .apply(&offering("full", 1, entries(0, 3)))
            .unwrap(),
    );
    assert_eq!(conference.offered().len(), 3);
    // Replacing an entry by its uri keeps the count; adding one passes it.
    let _ = applied(
        conference
            .apply(&offering("partial", 2, entries(2, 3)))
            .unwrap(),
    );
    assert_eq!(
        conference.apply(&offering("partial", 3, entries(3, 4))),
        Err(DocumentError::TooManyOffers { capacity: 3 })
    );
    assert_eq!(conference.offered().len(), 3);
}
