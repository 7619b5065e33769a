//! Every misuse error of a (state, method) pair reads well: its first line
//! names the state and the method, and the next ten lines say where the
//! method is legal. Reads the trybuild snapshots in `ui-tests/`, so a change
//! that makes one of those messages worse fails here, not in a user's build.

use std::fs;

const STATES: [(&str, &str); 4] = [
    ("idle", "Idle"),
    ("active", "Active"),
    ("retrying", "Retrying"),
    ("terminated", "Terminated"),
];

/// Every method of `Session` that exists in some states only.
const METHODS: [&str; 20] = [
    "conference_terminated",
    "conference_joined",
    "mcu_activated",
    "mcu_failing_over",
    "focus_reconnecting",
    "failover_completed",
    "focus_reconnected",
    "request",
    "queue",
    "queued",
    "handle_timeout",
    "poll_timeout",
    "answer",
    "pending",
    "cancel",
    "attendance",
    "roster",
    "call",
    "reason",
    "mcu",
];

/// `(state, method)` for a snapshot named `<state>_<method>[_<detail>]`.
fn misuse(stem: &str) -> Option<(&'static str, &'static str)> {
    let (state, rest) = STATES.iter().find_map(|(prefix, state)| {
        Some((*state, stem.strip_prefix(prefix)?.strip_prefix('_')?))
    })?;
    let method = METHODS
        .iter()
        .filter(|method| rest == **method || rest.starts_with(&format!("{method}_")))
        .max_by_key(|method| method.len())?;
    Some((state, method))
}

#[test]
fn every_state_method_misuse_names_the_state_the_method_and_where_it_is_legal() {
    let mut checked = Vec::new();
    for entry in fs::read_dir("ui-tests").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("stderr") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let Some((state, method)) = misuse(&stem) else {
            continue;
        };
        let stderr = fs::read_to_string(&path).unwrap();
        let mut lines = stderr.lines();
        let first = lines.next().unwrap_or_default();
        assert!(first.starts_with("error"), "{stem}: {first}");
        assert!(
            first.contains(&format!("mcu_session::{state}>"))
                || first.contains(&format!("mcu_session::{state},")),
            "{stem}: the first line does not name the state {state}: {first}"
        );
        assert!(
            first.contains(&format!("`{method}`")),
            "{stem}: the first line does not name the method `{method}`: {first}"
        );
        let next: Vec<&str> = lines.take(10).collect();
        let next = next.join("\n");
        let says_where = next.contains(&format!("`{method}` is legal on `Session<"))
            || next.contains(&format!("`{method}` and `"))
            || next.contains(&format!("and `{method}` are legal on `Session<"))
            || (next.contains(&format!("`{method}`, "))
                && next.contains(" are legal on `Session<"))
            || (next.contains("was found for") && next.contains("`Session<mcu_session::"));
        assert!(
            says_where,
            "{stem}: the ten lines after the first do not say where `{method}` is legal:\n{next}"
        );
        checked.push(stem);
    }
    // Every illegal transition (18), request/queue/attendance/timer/accessor
    // misuse: if snapshots disappear, this test must notice.
    assert!(
        checked.len() >= 45,
        "only {} snapshots checked: {checked:?}",
        checked.len()
    );
}

/// The manual's count of UI tests is the count in `ui-tests/` (a count it
/// once got wrong: hostile probe, finding 6).
#[test]
fn the_readme_counts_the_ui_tests_there_are() {
    let count = |dir: &str| {
        fs::read_dir(dir)
            .unwrap()
            .filter(|entry| {
                let path = entry.as_ref().unwrap().path();
                path.extension().and_then(|e| e.to_str()) == Some("rs")
            })
            .count()
    };
    let (fail, pass) = (count("ui-tests"), count("ui-tests/pass"));
    let readme = fs::read_to_string("docs/manual.md")
        .unwrap()
        .replace('\n', " ");
    let claim = format!("`ui-tests/` ({fail} files, plus {pass} that must compile)");
    assert!(readme.contains(&claim), "docs/manual.md must say {claim:?}");
}

/// The conference session's misuse snapshots, `ui-tests/conference/<state>.stderr`:
/// one message for every (state, method) pair the reference does not allow,
/// each naming the state and the method on its first line and saying where
/// the method is legal.
#[test]
fn every_conference_misuse_names_the_state_the_method_and_where_it_is_legal() {
    const STATES: [(&str, &str); 8] = [
        ("not_joined", "NotJoined"),
        ("connecting", "Connecting"),
        ("connected", "Connected"),
        ("in_lobby", "InLobby"),
        ("reconnecting", "Reconnecting"),
        (
            "reconnecting_from_lobby",
            "Reconnecting<mcu_session::conference::InLobby>",
        ),
        ("disconnecting", "Disconnecting"),
        ("disconnected", "Disconnected"),
    ];
    let mut checked = 0;
    for (file, state) in STATES {
        let source = fs::read_to_string(format!("ui-tests/conference/{file}.rs")).unwrap();
        let stderr = fs::read_to_string(format!("ui-tests/conference/{file}.stderr")).unwrap();
        // One function a misuse, named after the method it calls.
        let mut methods: Vec<&str> = source
            .lines()
            .filter_map(|line| line.strip_prefix("fn ")?.strip_suffix("() {"))
            .filter(|name| *name != "main" && *name != "uri")
            .collect();
        let messages: Vec<&str> = stderr
            .split("\nerror")
            .filter(|message| !message.trim().is_empty())
            .collect();
        assert_eq!(
            messages.len(),
            methods.len(),
            "{file}: one message a misuse"
        );
        for message in messages {
            let first = message.lines().next().unwrap_or_default();
            let prefix = format!(
                "[E0277]: a `ConferenceSession<mcu_session::conference::{state}>` has no method `"
            );
            let method = first
                .trim_start_matches("error")
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix('`'))
                .unwrap_or_else(|| panic!("{file}: {first}"));
            let at = methods
                .iter()
                .position(|name| *name == method)
                .unwrap_or_else(|| panic!("{file}: `{method}` twice, or not called"));
            methods.remove(at);
            let next: String = message.lines().take(11).collect::<Vec<_>>().join("\n");
            assert!(
                next.contains(&format!("`{method}` is legal on `ConferenceSession<")),
                "{file}: does not say where `{method}` is legal"
            );
            checked += 1;
        }
    }
    // 20 methods in 8 states (Reconnecting from Connected and from the
    // lobby), less the 26 pairs the reference allows (or the decision on a
    // reconnection from the lobby does).
    assert_eq!(checked, 20 * 8 - 26);
}
