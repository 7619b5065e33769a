//! Replays a JSON-lines trace of focus events through an `AnySession`.
//!
//! Line 1 names the session: `{"conference": "sip:...", "mcu_type": "chat"}`.
//! Every further non-blank line is one `mcu_session::Event` as JSON, e.g.
//! `{"event": "McuFailingOver"}`. Kept apart from `main.rs` so the tests can
//! run exactly this logic on the sample traces.

use std::fmt;
use std::io::{self, BufRead, Write};
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

/// Why a replay stopped early.
#[derive(Debug)]
pub enum ReplayError {
    /// Reading the trace or writing the report failed.
    Io(io::Error),
    /// The trace has no header line.
    Empty,
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
            Self::Malformed { line, error } => write!(f, "line {line}: malformed: {error}"),
            Self::UnknownMcuType { line, mcu_type } => write!(
                f,
                "line {line}: unknown MCU type `{mcu_type}` (expected `chat` or `audio-video`)"
            ),
            Self::Rejected { line, message } => write!(f, "line {line}: rejected: {message}"),
        }
    }
}

impl std::error::Error for ReplayError {}

impl From<io::Error> for ReplayError {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

/// Replays `trace`, writing one line per event to `out`; stops at the first
/// malformed line or rejected event.
pub fn replay(trace: impl BufRead, out: &mut impl Write) -> Result<(), ReplayError> {
    let mut lines = trace
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| line.as_ref().map_or(true, |text| !text.trim().is_empty()));
    let (number, header) = lines.next().ok_or(ReplayError::Empty)?;
    let header: Header =
        serde_json::from_str(&header?).map_err(|error| ReplayError::Malformed {
            line: number,
            error,
        })?;
    writeln!(
        out,
        "line {number}: {} session in {}",
        header.mcu_type, header.conference
    )?;
    if header.mcu_type == InstantMessaging::MCU_TYPE {
        drive(
            AnySession::<InstantMessaging>::new(header.conference),
            lines,
            out,
        )
    } else if header.mcu_type == AudioVideo::MCU_TYPE {
        drive(AnySession::<AudioVideo>::new(header.conference), lines, out)
    } else {
        Err(ReplayError::UnknownMcuType {
            line: number,
            mcu_type: header.mcu_type,
        })
    }
}

fn drive<M: McuType>(
    mut session: AnySession<M>,
    lines: impl Iterator<Item = (usize, io::Result<String>)>,
    out: &mut impl Write,
) -> Result<(), ReplayError> {
    for (line, text) in lines {
        let event: Event =
            serde_json::from_str(&text?).map_err(|error| ReplayError::Malformed { line, error })?;
        let step = session
            .into_applied(event, Instant::now())
            .map_err(|rejected| ReplayError::Rejected {
                line,
                message: rejected.to_string(),
            })?;
        session = step.session;
        match (step.effect, session.reason()) {
            (Effect::StateChanged(change), Some(reason)) => {
                writeln!(out, "line {line}: {change}: {reason}")?;
            }
            (Effect::StateChanged(change), None) => writeln!(out, "line {line}: {change}")?,
            (Effect::Roster(diff), _) => {
                let list = |endpoints: &[Endpoint]| -> String {
                    let uris: Vec<String> = endpoints.iter().map(|e| e.uri.to_string()).collect();
                    if uris.is_empty() {
                        "nobody".to_owned()
                    } else {
                        uris.join(", ")
                    }
                };
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
                    mcu.uri()
                )?,
                None => writeln!(out, "line {line}: {} (no change)", session.state())?,
            },
            (effect, _) => writeln!(out, "line {line}: {} ({effect:?})", session.state())?,
        }
    }
    writeln!(out, "end: {}", session.state())?;
    Ok(())
}
