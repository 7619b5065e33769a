//! Real conference documents: the 32 NOTIFY bodies liblinphone 5.1.65
//! sent to three subscribers of a conference it hosted
//! (`tests/interop/liblinphone/`, whose README says how they were made).
//! Each subscriber's documents, applied in order, leave after each one
//! the users the conference had then (from the capture's `steps.log`),
//! and each diff says only what changed.

use std::fs;
use std::path::Path;

use mcu_session::wire::conference_info::{
    ConferenceInfo, DocumentError, Notification, PartialUsers,
};
use mcu_session::{Capacities, Endpoint, Role, Uri};

use crate::common::uri;

/// The conference, as its focus's Contact names it.
const CONFERENCE: &str = "sip:marie@127.0.0.1;conf-id=Clnod;transport=udp";

const DOCUMENTS: &str = "tests/interop/liblinphone/documents";

fn read(file: &str) -> String {
    let path = Path::new(DOCUMENTS).join(file);
    fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn linphone_reading() -> ConferenceInfo {
    ConferenceInfo::new(uri(CONFERENCE), Capacities::default())
        .with_partial_users(PartialUsers::ByEntity)
}

/// One document as a subscriber received it, and what the subscriber
/// holds after it: the users (by name, in the order of their
/// identities), who joined and who left.
struct Step {
    file: &'static str,
    roster: &'static [&'static str],
    joined: &'static [&'static str],
    left: &'static [&'static str],
}

const fn step(
    file: &'static str,
    roster: &'static [&'static str],
    joined: &'static [&'static str],
    left: &'static [&'static str],
) -> Step {
    Step {
        file,
        roster,
        joined,
        left,
    }
}

const TWO: &[&str] = &["laure", "pauline"];
const THREE: &[&str] = &["laure", "michelle", "pauline"];
const FOUR: &[&str] = &["laure", "michelle", "pauline", "robert"];

/// pauline subscribed first and stayed to the end. The scenario, from
/// `steps.log`: laure and pauline invited (participant count 2); the
/// subject changed; michelle invited (3); robert added without a call
/// (4); pauline made admin; pauline on hold and back; laure hung up (3);
/// michelle removed (2). Each endpoint change (laure's and michelle's
/// arriving, pauline's hold, laure's and michelle's leaving) is no roster
/// change; v7 and v11 repeat v6 and v10.
const PAULINE: &[Step] = &[
    step("01-full-v5-to-pauline.xml", TWO, TWO, &[]),
    step("03-partial-v6-to-pauline.xml", TWO, &[], &[]),
    step("04-partial-v7-to-pauline.xml", TWO, &[], &[]),
    step("05-partial-v8-to-pauline.xml", TWO, &[], &[]),
    step("07-partial-v9-to-pauline.xml", THREE, &["michelle"], &[]),
    step("09-partial-v10-to-pauline.xml", THREE, &[], &[]),
    step("12-partial-v11-to-pauline.xml", THREE, &[], &[]),
    step("14-partial-v12-to-pauline.xml", FOUR, &["robert"], &[]),
    step("17-partial-v13-to-pauline.xml", FOUR, &[], &[]),
    step("20-partial-v14-to-pauline.xml", FOUR, &[], &[]),
    step("23-partial-v15-to-pauline.xml", FOUR, &[], &[]),
    step("26-partial-v16-to-pauline.xml", FOUR, &[], &[]),
    step(
        "28-partial-v17-to-pauline.xml",
        &["michelle", "pauline", "robert"],
        &[],
        &["laure"],
    ),
    step(
        "30-partial-v18-to-pauline.xml",
        &["michelle", "pauline", "robert"],
        &[],
        &[],
    ),
    step(
        "31-partial-v19-to-pauline.xml",
        &["pauline", "robert"],
        &[],
        &["michelle"],
    ),
    step(
        "32-partial-v20-to-pauline.xml",
        &["pauline", "robert"],
        &[],
        &[],
    ),
];

/// laure subscribed second (her first document is v7) and hung up after
/// v15, so she got nothing after it.
const LAURE: &[Step] = &[
    step("02-full-v7-to-laure.xml", TWO, TWO, &[]),
    step("06-partial-v8-to-laure.xml", TWO, &[], &[]),
    step("08-partial-v9-to-laure.xml", THREE, &["michelle"], &[]),
    step("10-partial-v10-to-laure.xml", THREE, &[], &[]),
    step("13-partial-v11-to-laure.xml", THREE, &[], &[]),
    step("15-partial-v12-to-laure.xml", FOUR, &["robert"], &[]),
    step("18-partial-v13-to-laure.xml", FOUR, &[], &[]),
    step("21-partial-v14-to-laure.xml", FOUR, &[], &[]),
    step("24-partial-v15-to-laure.xml", FOUR, &[], &[]),
];

/// michelle subscribed once she was in (her first document is v11) and
/// was removed after v17, so she got nothing after it.
const MICHELLE: &[Step] = &[
    step("11-full-v11-to-michelle.xml", THREE, THREE, &[]),
    step("16-partial-v12-to-michelle.xml", FOUR, &["robert"], &[]),
    step("19-partial-v13-to-michelle.xml", FOUR, &[], &[]),
    step("22-partial-v14-to-michelle.xml", FOUR, &[], &[]),
    step("25-partial-v15-to-michelle.xml", FOUR, &[], &[]),
    step("27-partial-v16-to-michelle.xml", FOUR, &[], &[]),
    step(
        "29-partial-v17-to-michelle.xml",
        &["michelle", "pauline", "robert"],
        &[],
        &["laure"],
    ),
];

fn names(endpoints: &[Endpoint]) -> Vec<String> {
    endpoints
        .iter()
        .map(|endpoint| name(&endpoint.uri))
        .collect()
}

/// `sip:pauline@127.0.0.1` -> `pauline`.
fn name(uri: &Uri) -> String {
    let text = uri.as_str();
    let user = text.strip_prefix("sip:").unwrap_or(text);
    user.split('@').next().unwrap_or(user).to_owned()
}

fn replay(subscriber: &str, steps: &[Step]) {
    let mut state = linphone_reading();
    for step in steps {
        let version = step
            .file
            .split("-v")
            .nth(1)
            .and_then(|rest| rest.split('-').next())
            .and_then(|version| version.parse::<u32>().ok())
            .unwrap();
        let notification = state
            .apply(&read(step.file))
            .unwrap_or_else(|error| panic!("{subscriber}, {}: {error}", step.file));
        let Notification::Applied {
            version: applied,
            diff,
            mcus,
        } = notification
        else {
            panic!("{subscriber}, {}: {notification:?}", step.file);
        };
        assert_eq!(applied, version, "{}", step.file);
        let roster: Vec<String> = state.roster().map(|user| name(&user.uri)).collect();
        assert_eq!(
            roster, step.roster,
            "{subscriber}'s roster after {}",
            step.file
        );
        assert_eq!(names(&diff.joined), step.joined, "joined in {}", step.file);
        assert_eq!(names(&diff.left), step.left, "left in {}", step.file);
        // No endpoint names an MCU (liblinphone writes no session-type):
        // no MCU session is told anything.
        assert!(mcus.is_empty(), "{}", step.file);
    }
}

#[test]
fn each_subscriber_holds_the_conferences_users_after_every_document() {
    replay("pauline", PAULINE);
    replay("laure", LAURE);
    replay("michelle", MICHELLE);
    // Every document is someone's, once.
    let mut files: Vec<&str> = [PAULINE, LAURE, MICHELLE]
        .iter()
        .flat_map(|steps| steps.iter().map(|step| step.file))
        .collect();
    files.sort_unstable();
    let mut on_disk: Vec<String> = fs::read_dir(DOCUMENTS)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|file| file.ends_with(".xml"))
        .collect();
    on_disk.sort_unstable();
    assert_eq!(files, on_disk);
}

/// A change set sent twice at consecutive versions (v6 and v7 both add
/// laure's endpoint) is applied twice and changes nothing the second
/// time; sent again at the same version it is stale.
#[test]
fn a_repeated_change_set_changes_nothing_the_second_time() {
    let mut state = linphone_reading();
    state.apply(&read("01-full-v5-to-pauline.xml")).unwrap();
    state.apply(&read("03-partial-v6-to-pauline.xml")).unwrap();
    let held = state.clone();
    let again = state.apply(&read("04-partial-v7-to-pauline.xml")).unwrap();
    let Notification::Applied { diff, mcus, .. } = again else {
        panic!("{again:?}");
    };
    assert!(diff.joined.is_empty() && diff.left.is_empty() && mcus.is_empty());
    assert_eq!(
        state.roster().collect::<Vec<_>>(),
        held.roster().collect::<Vec<_>>()
    );
    assert_eq!(
        state.apply(&read("04-partial-v7-to-pauline.xml")),
        Ok(Notification::Stale {
            version: 7,
            held: 7
        })
    );
}

/// Versions start at the focus's counter, not at 1: each subscriber's
/// first document is a full one at v5, v7 or v11, and a partial one
/// before any full state asks for it.
#[test]
fn a_subscriptions_first_document_is_full_at_the_focuss_counter() {
    for (file, version) in [
        ("01-full-v5-to-pauline.xml", 5),
        ("02-full-v7-to-laure.xml", 7),
        ("11-full-v11-to-michelle.xml", 11),
    ] {
        let mut state = linphone_reading();
        let Notification::Applied { version: held, .. } = state.apply(&read(file)).unwrap() else {
            panic!("{file}");
        };
        assert_eq!(held, version);
    }
    let mut state = linphone_reading();
    assert_eq!(
        state.apply(&read("03-partial-v6-to-pauline.xml")),
        Ok(Notification::NeedsFullState {
            version: 6,
            held: None
        })
    );
}

/// Users listed with roles and no endpoint (laure in pauline's first
/// document, robert, who was added without a call) are in the roster;
/// liblinphone's `participant` and `admin` roles are not RFC 4575's or
/// the focus's `presenter`, so everyone is an attendee, and making
/// pauline admin (v13) or a participant again (v20) changes no one.
#[test]
fn users_without_endpoints_are_in_the_roster_and_roles_are_read_as_written() {
    let mut state = linphone_reading();
    for step in PAULINE.iter().take(8) {
        state.apply(&read(step.file)).unwrap();
    }
    let roster: Vec<(String, Role)> = state
        .roster()
        .map(|user| (name(&user.uri), user.role))
        .collect();
    assert_eq!(
        roster,
        ["laure", "michelle", "pauline", "robert"].map(|user| (user.to_owned(), Role::Attendee))
    );
    assert_eq!(state.endpoints(&uri("sip:robert@127.0.0.1")).count(), 0);
}

/// Hold is signalled only by the media's `status` (`recvonly`), never by
/// the endpoint's (`on-hold`): a medium's status is not read as the
/// endpoint's, so the document is read, and pauline, on hold, stays.
#[test]
fn hold_in_the_media_status_is_read_past() {
    let hold = read("20-partial-v14-to-pauline.xml");
    assert!(hold.contains("<status>recvonly</status>"));
    let mut state = linphone_reading();
    for step in PAULINE.iter().take(9) {
        state.apply(&read(step.file)).unwrap();
    }
    let Notification::Applied { diff, .. } = state.apply(&hold).unwrap() else {
        panic!("not applied");
    };
    assert!(diff.joined.is_empty() && diff.left.is_empty());
    assert!(state.roster().any(|user| name(&user.uri) == "pauline"));
}

/// The root `entity` carries the focus's URI parameters
/// (`;conf-id=...;transport=udp`): a document matches the conference
/// named with them, and not another conference of the same focus (a
/// `conf-id` both carry must agree, RFC 3261 19.1.4).
#[test]
fn the_root_entity_matches_its_conference_by_its_parameters() {
    let first = read("01-full-v5-to-pauline.xml");
    // Parameters compare in any order and without regard to case.
    let same = uri("sip:marie@127.0.0.1;transport=UDP;conf-id=Clnod");
    let mut state = ConferenceInfo::new(same, Capacities::default());
    assert!(state.apply(&first).is_ok());

    let other = uri("sip:marie@127.0.0.1;conf-id=Xq3Ab;transport=udp");
    let mut state = ConferenceInfo::new(other.clone(), Capacities::default());
    assert_eq!(
        state.apply(&first),
        Err(DocumentError::OtherConference {
            document: uri(CONFERENCE),
            held: other
        })
    );
}

/// Read as RFC 4575 marks them (the default), liblinphone's change lists
/// would be whole lists. Those that hold a user marked `partial` cannot be
/// (the list contradicts itself) and are refused, the error naming the
/// setting that reads them; nothing is applied.
#[test]
fn read_as_marked_a_change_list_with_a_partial_user_is_refused() {
    let mut state = ConferenceInfo::new(uri(CONFERENCE), Capacities::default());
    state.apply(&read("01-full-v5-to-pauline.xml")).unwrap();
    let before = state.clone();
    let error = state
        .apply(&read("03-partial-v6-to-pauline.xml"))
        .unwrap_err();
    assert_eq!(
        error,
        DocumentError::PartialUserInWholeList(uri("sip:laure@127.0.0.1"))
    );
    assert!(error.to_string().contains("PartialUsers::ByEntity"));
    assert_eq!(state, before);
}
