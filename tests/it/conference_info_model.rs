//! Model check of conference documents: a random sequence of a focus's
//! states (users, their roles, their endpoints naming MCUs, each
//! endpoint's status), each sent as the full document, as the partial
//! one that changes the previous state into it, by RFC 4575's keys (a
//! user's `entity`, an endpoint's `entity` within it), or as the first
//! document of a new subscription (its versions starting again at 1). After every
//! document: the conference roster, each MCU's roster and each user's
//! endpoints are the focus's state, whichever way it was sent; and each
//! MCU session, fed only the reports, holds that MCU's roster.

use std::collections::BTreeMap;

use mcu_session::wire::conference_info::{ConferenceInfo, EndpointStatus, Notification};
use mcu_session::{Attendance, Capacities, Endpoint, Role, Uri};
use proptest::prelude::*;

const CONFERENCE: &str = "sip:conf@contoso.com";
const USERS: [&str; 5] = ["alice", "bob", "carol", "dave", "eve"];
const MCUS: [&str; 3] = ["focus", "chat", "audio-video"];
const STATUSES: [Option<EndpointStatus>; 5] = [
    None,
    Some(EndpointStatus::Connected),
    Some(EndpointStatus::OnHold),
    Some(EndpointStatus::DialingIn),
    Some(EndpointStatus::Disconnected),
];

/// One endpoint as the focus describes it: the MCU it names and its
/// status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FocusEndpoint {
    mcu: usize,
    status: Option<EndpointStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct FocusUser {
    presenter: bool,
    /// By the endpoint's entity (`e0` to `e3`).
    endpoints: BTreeMap<usize, FocusEndpoint>,
}

/// The focus's state: its users by name.
type FocusState = BTreeMap<usize, FocusUser>;

fn focus_state() -> impl Strategy<Value = FocusState> {
    let endpoint = (0..MCUS.len(), 0..STATUSES.len()).prop_map(|(mcu, status)| FocusEndpoint {
        mcu,
        status: STATUSES[status],
    });
    let user = (
        any::<bool>(),
        prop::collection::btree_map(0..4_usize, endpoint, 0..4),
    )
        .prop_map(|(presenter, endpoints)| FocusUser {
            presenter,
            endpoints,
        });
    prop::collection::btree_map(0..USERS.len(), user, 0..USERS.len())
}

fn user_uri(user: usize) -> Uri {
    Uri::parse(format!("sip:{}@contoso.com", USERS[user])).unwrap()
}

fn role(user: &FocusUser) -> Role {
    if user.presenter {
        Role::Presenter
    } else {
        Role::Attendee
    }
}

fn roles(user: &FocusUser) -> &'static str {
    if user.presenter {
        "<roles><entry>presenter</entry></roles>"
    } else {
        "<roles><entry>attendee</entry></roles>"
    }
}

fn status(status: Option<EndpointStatus>) -> String {
    status.map_or_else(String::new, |status| {
        format!("<status>{}</status>", status.as_str())
    })
}

fn full_endpoint(entity: usize, endpoint: FocusEndpoint) -> String {
    format!(
        r#"<endpoint entity="e{entity}" session-type="{}">{}</endpoint>"#,
        MCUS[endpoint.mcu],
        status(endpoint.status)
    )
}

fn full_user(name: usize, user: &FocusUser) -> String {
    let endpoints: String = user
        .endpoints
        .iter()
        .map(|(entity, endpoint)| full_endpoint(*entity, *endpoint))
        .collect();
    format!(
        r#"<user entity="{}">{}{endpoints}</user>"#,
        user_uri(name),
        roles(user)
    )
}

fn document(state: &str, version: u32, users: &str) -> String {
    format!(
        r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{CONFERENCE}" state="{state}" version="{version}">{users}</conference-info>"#
    )
}

fn full(version: u32, state: &FocusState) -> String {
    let users: String = state
        .iter()
        .map(|(name, user)| full_user(*name, user))
        .collect();
    document("full", version, &format!("<users>{users}</users>"))
}

/// The partial document that turns `before` into `after`: only the
/// users, and within them only the endpoints and statuses, that changed.
fn partial(version: u32, before: &FocusState, after: &FocusState) -> String {
    let mut users = String::new();
    for name in 0..USERS.len() {
        match (before.get(&name), after.get(&name)) {
            (None, None) => {}
            // A focus may still list what the user had; it goes with it.
            (Some(old), None) => {
                let endpoints: String = old
                    .endpoints
                    .iter()
                    .map(|(entity, endpoint)| full_endpoint(*entity, *endpoint))
                    .collect();
                users.push_str(&format!(
                    r#"<user entity="{}" state="deleted">{endpoints}</user>"#,
                    user_uri(name)
                ));
            }
            (None, Some(user)) => users.push_str(&full_user(name, user)),
            (Some(old), Some(new)) if old == new => {}
            (Some(old), Some(new)) => {
                let mut changes = String::new();
                if old.presenter != new.presenter {
                    changes.push_str(roles(new));
                }
                for entity in 0..4 {
                    match (old.endpoints.get(&entity), new.endpoints.get(&entity)) {
                        (None, None) => {}
                        (Some(_), None) => changes.push_str(&format!(
                            r#"<endpoint entity="e{entity}" state="deleted"/>"#
                        )),
                        (None, Some(endpoint)) => {
                            changes.push_str(&full_endpoint(entity, *endpoint));
                        }
                        (Some(a), Some(b)) if a == b => {}
                        // A status cannot be taken away by a partial
                        // element: the endpoint is sent whole.
                        (Some(_), Some(b)) if b.status.is_none() => {
                            changes.push_str(&full_endpoint(entity, *b));
                        }
                        (Some(a), Some(b)) => {
                            let session_type = if a.mcu == b.mcu {
                                String::new()
                            } else {
                                format!(r#" session-type="{}""#, MCUS[b.mcu])
                            };
                            let status = if a.status == b.status {
                                String::new()
                            } else {
                                status(b.status)
                            };
                            changes.push_str(&format!(
                                r#"<endpoint entity="e{entity}" state="partial"{session_type}>{status}</endpoint>"#
                            ));
                        }
                    }
                }
                users.push_str(&format!(
                    r#"<user entity="{}" state="partial">{changes}</user>"#,
                    user_uri(name)
                ));
            }
        }
    }
    document(
        "partial",
        version,
        &format!(r#"<users state="partial">{users}</users>"#),
    )
}

fn attends(endpoint: &FocusEndpoint) -> bool {
    endpoint.status.is_none_or(EndpointStatus::attends)
}

/// Who attends `mcu` in the focus's state, by URI.
fn mcu_roster(state: &FocusState, mcu: &str) -> Vec<Endpoint> {
    state
        .iter()
        .filter(|(_, user)| {
            user.endpoints
                .values()
                .any(|endpoint| MCUS[endpoint.mcu] == mcu && attends(endpoint))
        })
        .map(|(name, user)| Endpoint {
            uri: user_uri(*name),
            role: role(user),
        })
        .collect()
}

fn sorted(mut endpoints: Vec<Endpoint>) -> Vec<Endpoint> {
    endpoints.sort_by(|a, b| a.uri.as_str().cmp(b.uri.as_str()));
    endpoints
}

/// How a state is sent.
#[derive(Debug, Clone, Copy)]
enum Sent {
    /// The partial document from the previous state.
    Partial,
    /// The full document, next version.
    Full,
    /// A new subscription: the full document, version 1.
    NewSubscription,
}

fn sent() -> impl Strategy<Value = Sent> {
    prop_oneof![
        Just(Sent::Partial),
        Just(Sent::Full),
        Just(Sent::NewSubscription)
    ]
}

/// An MCU session's roster as it applies the reports.
fn follow(roster: &mut Vec<Endpoint>, reports: &[Attendance]) {
    for report in reports {
        match report {
            Attendance::Refreshed(fresh) => roster.clone_from(fresh),
            Attendance::Joined(endpoint) => {
                assert!(!roster.iter().any(|held| held.uri == endpoint.uri));
                roster.push(endpoint.clone());
            }
            Attendance::Left(uri) => {
                let before = roster.len();
                roster.retain(|held| held.uri != *uri);
                assert_eq!(roster.len() + 1, before, "{uri} left without being there");
            }
        }
    }
}

proptest! {
    #[test]
    fn documents_bring_the_subscriber_to_the_focus_state(
        states in prop::collection::vec((focus_state(), sent()), 1..8),
    ) {
        let mut conference = ConferenceInfo::new(Uri::parse(CONFERENCE).unwrap(), Capacities::default());
        let mut sessions: BTreeMap<&str, Vec<Endpoint>> = BTreeMap::new();
        let mut before = FocusState::new();
        let mut version = 0;
        for (step, (state, how)) in states.iter().enumerate() {
            let body = match (step, how) {
                (0, _) | (_, Sent::NewSubscription) => {
                    conference.new_subscription();
                    version = 1;
                    full(version, state)
                }
                (_, Sent::Full) => {
                    version += 1;
                    full(version, state)
                }
                (_, Sent::Partial) => {
                    version += 1;
                    partial(version, &before, state)
                }
            };
            let Notification::Applied { mcus, .. } = conference.apply(&body).unwrap() else {
                panic!("not applied: {body}")
            };
            let expected: Vec<Endpoint> = state
                .iter()
                .map(|(name, user)| Endpoint { uri: user_uri(*name), role: role(user) })
                .collect();
            prop_assert_eq!(sorted(conference.roster().cloned().collect()), sorted(expected), "{}", body);
            for mcu in MCUS {
                let expected = sorted(mcu_roster(state, mcu));
                let roster = sessions.entry(mcu).or_default();
                follow(roster, mcus.get(mcu));
                prop_assert_eq!(sorted(roster.clone()), expected.clone(), "the {} session, {}", mcu, body);
                prop_assert_eq!(sorted(conference.mcu_roster(mcu).cloned().collect()), expected, "{}", body);
            }
            for (name, user) in state {
                let mut held: Vec<(String, &str, Option<EndpointStatus>)> = conference
                    .endpoints(&user_uri(*name))
                    .map(|endpoint| (endpoint.entity.to_owned(), endpoint.mcu_type, endpoint.status))
                    .collect();
                held.sort_by(|a, b| a.0.cmp(&b.0));
                let expected: Vec<(String, &str, Option<EndpointStatus>)> = user
                    .endpoints
                    .iter()
                    .map(|(entity, endpoint)| (format!("e{entity}"), MCUS[endpoint.mcu], endpoint.status))
                    .collect();
                prop_assert_eq!(held, expected, "{}", body);
            }
            before = state.clone();
        }
    }
}
