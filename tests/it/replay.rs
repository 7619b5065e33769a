//! The replay tool's logic on every sample trace, output checked line by line.

use crate::trace;

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
            "line 3, column 24: malformed: unknown variant `McuExploded`",
        ),
        ("not json", "line 3, column 2: malformed: expected ident"),
        (
            r#"{"event": "McuActivated", "mcu": {"mcu_type": "chat", "uri": "", "display_text": null}}"#,
            "line 3, column 63: malformed: `` is not a URI: it is empty",
        ),
    ] {
        // A blank line still counts for the line numbers.
        let input = format!("{header}\n\n{body}\n");
        let (out, error) = replay(input.as_bytes());
        assert_eq!(out, format!("line 1: chat session in {CONFERENCE}\n"));
        let error = error.unwrap();
        assert!(error.starts_with(expected), "{error}");
        // One line number per message: the trace's, not serde's too.
        assert!(!error.contains(" at line "), "{error}");
    }
}

fn header() -> String {
    format!("{{\"conference\": \"{CONFERENCE}\", \"mcu_type\": \"chat\"}}\n")
}

#[test]
fn invalid_utf8_is_reported_with_its_line_number() {
    let mut input = header().into_bytes();
    input.extend_from_slice(b"{\"event\": \"ConferenceJoined\", \"offered\": []}\n");
    input.extend_from_slice(b"{\"event\": \"\xff\xfe\"}\n");
    let (_, error) = replay(&input);
    assert_eq!(error.as_deref(), Some("line 3: not valid UTF-8"));
}

#[test]
fn a_leading_byte_order_mark_is_skipped() {
    let input = format!(
        "\u{FEFF}{}{{\"event\": \"ConferenceJoined\", \"offered\": []}}\n",
        header()
    );
    let (out, error) = replay(input.as_bytes());
    assert_eq!(error, None);
    assert!(out.starts_with("line 1: chat session in"), "{out}");
}

#[test]
fn wire_text_reaches_the_terminal_escaped() {
    // A newline and an ANSI "clear screen" in wire strings: in an unknown
    // event name, and in an offered MCU type that ends in a termination.
    for body in [
        "{\"event\": \"\\n\\u001b[2J\\u001b[31mline 9: Idle -> Active\"}",
        "{\"event\": \"ConferenceJoined\", \"offered\": [{\"mcu_type\": \"x\\nline 9: forged\\u001b[2J\", \"uri\": \"sip:x@y.z\", \"display_text\": null}]}",
    ] {
        let input = format!(
            "{{\"conference\": \"{CONFERENCE}\", \"mcu_type\": \"audio-video\"}}\n{body}\n"
        );
        let (out, error) = replay(input.as_bytes());
        let printed = format!("{out}{}", error.unwrap_or_default());
        assert!(!printed.contains('\u{1b}'), "{printed:?}");
        assert!(!printed.contains("\nline 9"), "{printed:?}");
        assert!(
            printed.contains("\\u{1b}") || printed.contains("\\u{a}"),
            "{printed:?}"
        );
    }
}

#[test]
fn an_overlong_line_is_an_error_that_names_it() {
    let long = format!(
        "{{\"event\": \"ConferenceJoined\", \"offered\": [], \"x\": \"{}\"}}",
        "a".repeat(trace::MAX_LINE)
    );
    let input = format!("{}{long}\n{{\"event\": \"McuFailingOver\"}}\n", header());
    let (_, error) = replay(input.as_bytes());
    assert_eq!(
        error.as_deref(),
        Some(format!("line 2: longer than {} bytes", trace::MAX_LINE).as_str())
    );
}

/// A report that cannot be written (a closed stdout) is an error the tool
/// returns, not a panic.
#[test]
fn a_closed_output_is_an_error_not_a_panic() {
    struct Closed;
    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let error = trace::replay(header().as_bytes(), &mut Closed).unwrap_err();
    assert!(error.to_string().starts_with("i/o error"), "{error}");
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

/// A line of exactly `MAX_LINE` bytes is accepted whatever its line end, and
/// one byte more is refused whatever its line end (hostile probe, finding
/// 7: CRLF was refused where LF was accepted).
#[test]
fn the_line_limit_is_the_same_for_lf_and_crlf() {
    let event = "{\"event\": \"ConferenceJoined\", \"offered\": []}";
    let exact = format!("{event}{}", " ".repeat(trace::MAX_LINE - event.len()));
    let over = format!("{exact} ");
    for end in ["\n", "\r\n", ""] {
        let input = format!("{}{exact}{end}", header());
        let (out, error) = replay(input.as_bytes());
        assert_eq!(error, None, "{end:?}");
        assert!(out.contains("line 2: Idle -> Terminated"), "{end:?}: {out}");

        let input = format!("{}{over}{end}", header());
        let (_, error) = replay(input.as_bytes());
        assert_eq!(
            error.as_deref(),
            Some(format!("line 2: longer than {} bytes", trace::MAX_LINE).as_str()),
            "{end:?}"
        );
    }
}

/// A byte-order mark at the start of any line is skipped: traces joined
/// with `cat` keep each file's (it was skipped on line 1 only).
#[test]
fn a_byte_order_mark_is_skipped_on_every_line() {
    let input = format!(
        "{}\u{FEFF}{{\"event\": \"ConferenceJoined\", \"offered\": []}}\n",
        header()
    );
    let (out, error) = replay(input.as_bytes());
    assert_eq!(error, None, "{out}");
    assert!(out.contains("line 2: Idle -> Terminated"), "{out}");
}

/// Characters that render as nothing reach the report escaped, tag
/// characters included (hostile probe, finding 4: they were printed raw).
#[test]
fn invisible_wire_text_reaches_the_terminal_escaped() {
    for invisible in ["\\udb40\\udc41", "\\ufe0f", "\\u200b"] {
        let body = format!(
            "{{\"event\": \"ConferenceJoined\", \"offered\": [{{\"mcu_type\": \"x{invisible}\", \"uri\": \"sip:x@y.z\", \"display_text\": null}}]}}"
        );
        let input = format!(
            "{{\"conference\": \"{CONFERENCE}\", \"mcu_type\": \"audio-video\"}}\n{body}\n"
        );
        let (out, error) = replay(input.as_bytes());
        assert_eq!(error, None, "{out}");
        for c in ['\u{E0041}', '\u{FE0F}', '\u{200B}'] {
            assert!(!out.contains(c), "{invisible}: {out:?}");
        }
        assert!(out.contains("x\\u{"), "{invisible}: {out:?}");
    }
}

/// The focus's extensions in a trace's documents: what each document did
/// to each MCU's roster.
#[cfg(feature = "xml")]
#[test]
fn conference_documents_say_who_attends_each_mcu() {
    assert_replays(
        "conference-mcus",
        &[
            format!("line 1: chat session in {CONFERENCE}"),
            "line 2: conference roster v1: joined sip:bob@contoso.com, sip:carol@contoso.com; left nobody; chat MCU: roster sip:bob@contoso.com; focus MCU: roster sip:bob@contoso.com (conference-info)".into(),
            "line 3: conference roster v2: joined nobody; left nobody; chat MCU: joined sip:carol@contoso.com (conference-info)".into(),
            "line 4: conference roster v3: joined nobody; left sip:bob@contoso.com; chat MCU: left sip:bob@contoso.com; focus MCU: left sip:bob@contoso.com (conference-info)".into(),
            "end: Idle".into(),
        ],
        None,
    );
}

/// With the `xml` feature the tool also reads the focus's conference
/// documents, with the RFC's ordering: a stale one is discarded, a gap
/// asks for the full state, a full one replaces the roster.
#[cfg(feature = "xml")]
#[test]
fn conference_documents_change_the_conference_roster() {
    assert_replays(
        "conference-roster",
        &[
            format!("line 1: chat session in {CONFERENCE}"),
            "line 2: conference roster v1: joined sip:bob@contoso.com, sip:carol@contoso.com; left nobody (conference-info)".into(),
            format!("line 3: Idle, bound to {CHAT} (ConferenceJoined)"),
            "line 4: conference roster v2: joined sip:dave@contoso.com; left sip:carol@contoso.com (conference-info)".into(),
            "line 5: conference document v2 discarded: v2 is held".into(),
            "line 6: conference document v4 does not follow v2: full state needed".into(),
            "line 7: conference roster v5: joined sip:eve@contoso.com; left sip:bob@contoso.com (conference-info)".into(),
            "line 8: conference ended in v6: left sip:dave@contoso.com, sip:eve@contoso.com".into(),
            "end: Idle".into(),
        ],
        None,
    );
    // A document the conference state refuses stops the replay, named.
    let bad = format!(
        "{{\"conference\": \"{CONFERENCE}\", \"mcu_type\": \"chat\"}}\n{{\"conference_info\": \"<users/>\"}}\n"
    );
    let (_, error) = replay(bad.as_bytes());
    assert_eq!(
        error.as_deref(),
        Some("line 2: rejected: the root element is not RFC 4575's conference-info")
    );
}
