//! The replay tool's logic on every sample trace, output checked line by line.

#[path = "../examples/replay/trace.rs"]
mod trace;

const CONFERENCE: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2";
const CHAT: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2";

/// Replays `input`; returns what was printed and the error, if any.
fn replay(input: &[u8]) -> (String, Option<String>) {
    let mut out = Vec::new();
    let error = trace::replay(input, &mut out).err().map(|e| e.to_string());
    (String::from_utf8(out).unwrap(), error)
}

fn replay_sample(name: &str) -> (String, Option<String>) {
    let path = format!(
        "{}/examples/traces/{name}.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    replay(&std::fs::read(path).unwrap())
}

/// Replays a sample and checks every line it printed and the error it ended with.
fn assert_replays(name: &str, expected: &[String], error: Option<&str>) {
    let (out, actual_error) = replay_sample(name);
    let printed: Vec<&str> = out.lines().collect();
    assert_eq!(printed, expected, "{name}");
    assert_eq!(actual_error.as_deref(), error, "{name}");
}

#[test]
fn healthy_lifecycle() {
    assert_replays(
        "healthy-lifecycle",
        &[
            format!("line 1: chat session in {CONFERENCE}"),
            format!("line 2: Idle, bound to {CHAT} (ConferenceJoined)"),
            "line 3: Idle -> Active (McuActivated)".into(),
            "line 4: Active, roster: joined sip:bob@contoso.com; left nobody (Attendance)".into(),
            "line 5: Active, roster: joined sip:carol@contoso.com; left sip:bob@contoso.com (Attendance)"
                .into(),
            "end: Active".into(),
        ],
        None,
    );
}

#[test]
fn mcu_failover() {
    assert_replays(
        "mcu-failover",
        &[
            format!("line 1: chat session in {CONFERENCE}"),
            format!("line 2: Idle, bound to {CHAT} (ConferenceJoined)"),
            "line 3: Idle -> Active (McuActivated)".into(),
            "line 4: Active -> Retrying (McuFailingOver, call terminated)".into(),
            "line 5: Retrying -> Active (FailoverCompleted, new call needed)".into(),
            "line 6: Active -> Retrying (McuFailingOver, call terminated)".into(),
            "line 7: Retrying -> Active (FocusReconnected, new call needed)".into(),
            "end: Active".into(),
        ],
        None,
    );
}

#[test]
fn focus_reconnect_falls_back_to_idle() {
    assert_replays(
        "focus-reconnect-to-idle",
        &[
            format!("line 1: chat session in {CONFERENCE}"),
            "line 2: Idle -> Active (McuActivated)".into(),
            "line 3: Active -> Retrying (FocusReconnecting, call kept)".into(),
            "line 4: Retrying -> Idle (FocusReconnected)".into(),
            "line 5: Idle -> Active (McuActivated)".into(),
            "line 6: Active -> Retrying (FocusReconnecting, call kept)".into(),
            "line 7: Retrying -> Active (FocusReconnected, call kept)".into(),
            "end: Active".into(),
        ],
        None,
    );
}

#[test]
fn unsupported_conference() {
    assert_replays(
        "unsupported-conference",
        &[
            format!("line 1: audio-video session in {CONFERENCE}"),
            format!(
                "line 2: Idle -> Terminated (ConferenceJoined): conference {CONFERENCE} offers no `audio-video` MCU (it offers: `chat`)"
            ),
            "end: Terminated".into(),
        ],
        None,
    );
}

#[test]
fn illegal_trace_stops_at_the_first_rejected_event() {
    assert_replays(
        "illegal",
        &[
            format!("line 1: chat session in {CONFERENCE}"),
            format!("line 2: Idle, bound to {CHAT} (ConferenceJoined)"),
        ],
        Some("line 3: rejected: event McuFailingOver is not documented for state Idle"),
    );
}

#[test]
fn malformed_lines_name_their_line_number() {
    let header = format!(r#"{{"conference": "{CONFERENCE}", "mcu_type": "chat"}}"#);
    for (body, expected) in [
        (
            r#"{"event": "McuExploded"}"#,
            "line 3: malformed: unknown variant `McuExploded`",
        ),
        ("not json", "line 3: malformed: expected ident"),
        (
            r#"{"event": "McuActivated", "mcu": {"mcu_type": "chat", "uri": "", "display_text": null}}"#,
            "line 3: malformed: `` is not a URI: it is empty",
        ),
    ] {
        // A blank line still counts for the line numbers.
        let input = format!("{header}\n\n{body}\n");
        let (out, error) = replay(input.as_bytes());
        assert_eq!(out, format!("line 1: chat session in {CONFERENCE}\n"));
        let error = error.unwrap();
        assert!(error.starts_with(expected), "{error}");
    }
}

#[test]
fn activation_of_another_mcu_type_is_rejected_as_invalid_wire_data() {
    let input = format!(
        "{{\"conference\": \"{CONFERENCE}\", \"mcu_type\": \"chat\"}}\n\
         {{\"event\": \"McuActivated\", \"mcu\": {{\"mcu_type\": \"audio-video\", \"uri\": \"sip:av@contoso.com\", \"display_text\": null}}}}\n"
    );
    let (_, error) = replay(input.as_bytes());
    assert_eq!(
        error.as_deref(),
        Some(
            "line 2: rejected: event McuActivated rejected: expected a `chat` MCU, the focus reported `audio-video`"
        )
    );
}

#[test]
fn bad_headers_are_errors_not_panics() {
    assert_eq!(
        replay(b"").1.as_deref(),
        Some("line 1: the trace is empty (expected a header line)")
    );
    let unknown = format!(r#"{{"conference": "{CONFERENCE}", "mcu_type": "whiteboard"}}"#);
    assert_eq!(
        replay(unknown.as_bytes()).1.as_deref(),
        Some("line 1: unknown MCU type `whiteboard` (expected `chat` or `audio-video`)")
    );
}
