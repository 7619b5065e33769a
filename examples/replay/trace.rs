//! Replays a JSON-lines trace of focus events through an `AnySession`.
//!
//! Line 1 names the session: `{"conference": "sip:...", "mcu_type": "chat"}`.
//! Every further non-blank line is one `mcu_session::Event` as JSON, e.g.
//! `{"event": "McuFailingOver"}`; with the `xml` feature, a line may also
//! be one of the focus's RFC 4575 conference documents,
//! `{"conference_info": "<conference-info ...>"}`, applied to the
//! conference's roster. Kept apart from `main.rs` so the tests can run
//! exactly this logic on the sample traces.

use std::fmt;
use std::io::{self, BufRead, Read, Write};
use std::time::Instant;

use mcu_session::{
    AnySession, AudioVideo, Effect, Endpoint, Event, InstantMessaging, McuType, Uri,
};

/// The first line of a trace.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    conference: Uri,
    mcu_type: String,
}

/// The longest line the tool reads: a longer one is an error that names it,
/// so a hostile trace cannot make the tool hold an unbounded line.
pub const MAX_LINE: usize = 1 << 20;

/// Why a replay stopped early.
#[derive(Debug)]
pub enum ReplayError {
    /// Reading the trace or writing the report failed.
    Io(io::Error),
    /// The trace has no header line.
    Empty,
    /// A line is not UTF-8.
    NotUtf8 { line: usize },
    /// A line is longer than [`MAX_LINE`] bytes.
    TooLong { line: usize },
    /// A line is not valid JSON for what it should hold.
    Malformed {
        line: usize,
        error: serde_json::Error,
    },
    /// The header names an MCU type this tool does not know.
    UnknownMcuType { line: usize, mcu_type: String },
    /// The session rejected an event.
    Rejected { line: usize, message: String },
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(error) => write!(f, "i/o error: {error}"),
            Self::Empty => f.write_str("line 1: the trace is empty (expected a header line)"),
            Self::NotUtf8 { line } => write!(f, "line {line}: not valid UTF-8"),
            Self::TooLong { line } => {
                write!(f, "line {line}: longer than {MAX_LINE} bytes")
            }
            Self::Malformed { line, error } => {
                // One line number per message: the trace's, with serde's
                // column; serde's own "at line 1 column C" is dropped.
                let message = error.to_string();
                let position = format!(" at line {} column {}", error.line(), error.column());
                let message = message.strip_suffix(&position).unwrap_or(&message);
                write!(
                    f,
                    "line {line}, column {}: malformed: {}",
                    error.column(),
                    Escaped(message)
                )
            }
            Self::UnknownMcuType { line, mcu_type } => write!(
                f,
                "line {line}: unknown MCU type `{}` (expected `chat` or `audio-video`)",
                Escaped(mcu_type)
            ),
            Self::Rejected { line, message } => {
                write!(f, "line {line}: rejected: {}", Escaped(message))
            }
        }
    }
}

impl std::error::Error for ReplayError {}

impl From<io::Error> for ReplayError {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

/// Wire text, made safe for a terminal: control characters (newlines,
/// escape sequences) and the characters Unicode says render as nothing
/// (Default_Ignorable_Code_Point: bidirectional and zero-width formatting,
/// tag characters, variation selectors, ...) are printed as `\u{..}`
/// escapes, so no line of a trace can forge, hide or colour a line of the
/// report.
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use icu_properties::CodePointSetData;
        use icu_properties::props::DefaultIgnorableCodePoint;

        let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>();
        for c in self.0.chars() {
            if c.is_control() || ignorable.contains(c) {
                write!(f, "\\u{{{:x}}}", u32::from(c))?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// The trace's lines, numbered from 1, without their line ends (LF or
/// CRLF: a line of [`MAX_LINE`] bytes is accepted with either); a byte-order
/// mark at the start of a line is skipped wherever it stands (traces
/// joined with `cat` keep each file's); blank lines are left out.
struct Lines<R> {
    reader: R,
    number: usize,
}

/// A line's content and its line end, at most: CR and LF.
const MAX_READ: usize = MAX_LINE + 2;

const BOM: &[u8] = "\u{FEFF}".as_bytes();

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<(usize, String), ReplayError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mut bytes = Vec::new();
            let read = (&mut self.reader)
                .take(u64::try_from(MAX_READ).unwrap_or(u64::MAX))
                .read_until(b'\n', &mut bytes);
            match read {
                Err(error) => return Some(Err(ReplayError::Io(error))),
                Ok(0) => return None,
                Ok(_) => {}
            }
            self.number += 1;
            let line = self.number;
            if bytes.last() == Some(&b'\n') {
                bytes.pop();
            }
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            // A line that filled the read without its end is longer than
            // this too.
            if bytes.len() > MAX_LINE {
                return Some(Err(ReplayError::TooLong { line }));
            }
            if let Some(rest) = bytes.strip_prefix(BOM) {
                bytes = rest.to_vec();
            }
            let Ok(text) = String::from_utf8(bytes) else {
                return Some(Err(ReplayError::NotUtf8 { line }));
            };
            if !text.trim().is_empty() {
                return Some(Ok((line, text)));
            }
        }
    }
}

/// Replays `trace`, writing one line per event to `out`; stops at the first
/// malformed line or rejected event.
pub fn replay(trace: impl BufRead, out: &mut impl Write) -> Result<(), ReplayError> {
    let mut lines = Lines {
        reader: trace,
        number: 0,
    };
    let (number, header) = lines.next().ok_or(ReplayError::Empty)??;
    let header: Header = serde_json::from_str(&header).map_err(|error| ReplayError::Malformed {
        line: number,
        error,
    })?;
    if header.mcu_type == InstantMessaging::MCU_TYPE {
        let conference = Escaped(header.conference.as_str()).to_string();
        writeln!(out, "line {number}: chat session in {conference}")?;
        drive(
            AnySession::<InstantMessaging>::new(header.conference),
            lines,
            out,
        )
    } else if header.mcu_type == AudioVideo::MCU_TYPE {
        let conference = Escaped(header.conference.as_str()).to_string();
        writeln!(out, "line {number}: audio-video session in {conference}")?;
        drive(AnySession::<AudioVideo>::new(header.conference), lines, out)
    } else {
        Err(ReplayError::UnknownMcuType {
            line: number,
            mcu_type: header.mcu_type,
        })
    }
}

/// A trace line that carries a conference document.
#[cfg(feature = "xml")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentLine {
    conference_info: String,
}

/// The conference's state, from the documents a trace carries.
#[cfg(feature = "xml")]
struct Documents(mcu_session::wire::conference_info::ConferenceInfo);

#[cfg(feature = "xml")]
impl Documents {
    fn new(conference: Uri) -> Self {
        Self(mcu_session::wire::conference_info::ConferenceInfo::new(
            conference,
            mcu_session::Capacities::default(),
        ))
    }

    /// Applies the line if it is a document, and says so; `Ok(false)` for
    /// any other line.
    fn take(&mut self, line: usize, text: &str, out: &mut impl Write) -> Result<bool, ReplayError> {
        use mcu_session::wire::conference_info::Notification;

        let Ok(DocumentLine { conference_info }) = serde_json::from_str(text) else {
            return Ok(false);
        };
        let notification =
            self.0
                .apply(&conference_info)
                .map_err(|error| ReplayError::Rejected {
                    line,
                    message: error.to_string(),
                })?;
        match notification {
            Notification::Applied {
                version,
                diff,
                mcus,
            } => writeln!(
                out,
                "line {line}: conference roster v{version}: joined {}; left {}{} (conference-info)",
                list(&diff.joined),
                list(&diff.left),
                mcu_reports(&mcus)
            )?,
            Notification::Stale { version, held } => writeln!(
                out,
                "line {line}: conference document v{version} discarded: v{held} is held"
            )?,
            Notification::NeedsFullState { version, held } => writeln!(
                out,
                "line {line}: conference document v{version} does not follow {}: full state needed",
                held.map_or_else(|| "a full state".to_owned(), |held| format!("v{held}"))
            )?,
            Notification::Ended { version, left } => writeln!(
                out,
                "line {line}: conference ended in v{version}: left {}",
                list(&left)
            )?,
            other => writeln!(out, "line {line}: {other:?}")?,
        }
        Ok(true)
    }
}

/// What a document did to each MCU's roster, for the report: empty when
/// it changed none.
#[cfg(feature = "xml")]
fn mcu_reports(mcus: &mcu_session::wire::conference_info::McuReports) -> String {
    use mcu_session::Attendance;

    let mut text = String::new();
    for (mcu_type, reports) in mcus.iter() {
        let said: Vec<String> = reports
            .iter()
            .map(|report| match report {
                Attendance::Refreshed(roster) => format!("roster {}", list(roster)),
                Attendance::Joined(endpoint) => {
                    format!("joined {}", Escaped(endpoint.uri.as_str()))
                }
                Attendance::Left(uri) => format!("left {}", Escaped(uri.as_str())),
            })
            .collect();
        text.push_str(&format!("; {} MCU: {}", Escaped(mcu_type), said.join(", ")));
    }
    text
}

/// Endpoints for the report, escaped; "nobody" for none.
fn list(endpoints: &[Endpoint]) -> String {
    let uris: Vec<String> = endpoints
        .iter()
        .map(|e| Escaped(e.uri.as_str()).to_string())
        .collect();
    if uris.is_empty() {
        "nobody".to_owned()
    } else {
        uris.join(", ")
    }
}

fn drive<M: McuType>(
    mut session: AnySession<M>,
    lines: impl Iterator<Item = Result<(usize, String), ReplayError>>,
    out: &mut impl Write,
) -> Result<(), ReplayError> {
    #[cfg(feature = "xml")]
    let mut documents = Documents::new(session.conference().clone());
    for next in lines {
        let (line, text) = next?;
        #[cfg(feature = "xml")]
        if documents.take(line, &text, out)? {
            continue;
        }
        let event: Event =
            serde_json::from_str(&text).map_err(|error| ReplayError::Malformed { line, error })?;
        let effect =
            session
                .apply(event, Instant::now())
                .map_err(|rejected| ReplayError::Rejected {
                    line,
                    message: rejected.to_string(),
                })?;
        match (effect, session.reason()) {
            (Effect::StateChanged(change), Some(reason)) => {
                let reason = reason.to_string();
                writeln!(out, "line {line}: {change}: {}", Escaped(&reason))?;
            }
            (Effect::StateChanged(change), None) => writeln!(out, "line {line}: {change}")?,
            (Effect::Roster(diff), _) => {
                writeln!(
                    out,
                    "line {line}: {}, roster: joined {}; left {} (Attendance)",
                    session.state(),
                    list(&diff.joined),
                    list(&diff.left)
                )?;
            }
            (Effect::Bound, _) => match session.mcu() {
                Some(mcu) => writeln!(
                    out,
                    "line {line}: Idle, bound to {} (ConferenceJoined)",
                    Escaped(mcu.uri().as_str())
                )?,
                None => writeln!(out, "line {line}: {} (no change)", session.state())?,
            },
            (effect, _) => writeln!(out, "line {line}: {} ({effect:?})", session.state())?,
        }
    }
    writeln!(out, "end: {}", session.state())?;
    Ok(())
}
