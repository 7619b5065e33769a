//! RFC 4575 conference documents in: the RFC's ordering rules enforced,
//! partial documents applied by the RFC's keys, and what the document does
//! to the roster said as a diff. The fixtures are the project's own, in
//! the shape of the RFC's examples (section 7).

use mcu_session::wire::conference_info::{ConferenceInfo, DocumentError, Notification};
use mcu_session::{Capacities, Endpoint, Role, Uri};

const CONFERENCE: &str = "sips:conf233@example.com";

fn uri(text: &str) -> Uri {
    Uri::parse(text).unwrap()
}

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
        Err(DocumentError::TrailingContent | DocumentError::Malformed { .. })
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
fn a_full_document_reports_role_changes_and_reads_roles_as_written() {
    let mut conference = state();
    // A presenter first: the next user, with no roles, is an attendee;
    // an entry padded with white space counts, one written otherwise does
    // not.
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
            endpoint("dave", Role::Attendee),
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
            endpoint("carol", Role::Presenter)
        ]
    );
    assert_eq!(
        left,
        [
            endpoint("bob", Role::Presenter),
            endpoint("carol", Role::Attendee)
        ]
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
    let after_another = format!("<other/>{}", document("full", 1, ""));
    assert_eq!(
        conference.apply(
            after_another.trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        ),
        Err(DocumentError::NotConferenceInfo)
    );
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
}
