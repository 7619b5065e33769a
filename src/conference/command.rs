//! Conference commands: what the application asks of the focus itself
//! (not of an MCU), and what comes back. They run on the same request
//! engine as the MCU sessions' operations: ids, answers, the
//! [`ANSWER_TIMEOUT`](crate::ANSWER_TIMEOUT), cancel, capacities.

use core::fmt;

use crate::request::operation::{FailureReason, RequestId};
use crate::request::queue::Command;
use crate::uri::Uri;

/// A command for the focus, with a documented state rule in the reference:
/// each is legal only on a Connected conference ("After the
/// ConferenceSession state becomes Connected, the application can issue
/// conference commands"; otherwise "not valid at the given conference
/// session state").
///
/// ```
/// use mcu_session::ConferenceCommand;
///
/// assert_eq!(ConferenceCommand::LockConference.to_string(), "lock the conference");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ConferenceCommand {
    /// Lock the conference, so no one new can join
    /// (`ConferenceSession.BeginLockConference`).
    LockConference,
    /// Unlock it again (`ConferenceSession.BeginUnlockConference`).
    UnlockConference,
    /// End the conference for everyone
    /// (`ConferenceSession.BeginTerminateConference`). Sent by
    /// [`terminate_conference`](crate::ConferenceSession::terminate_conference),
    /// which is also the move to Disconnecting; `command` refuses it
    /// ([`CommandRefused::Terminates`](crate::CommandRefused::Terminates)).
    TerminateConference,
}

impl fmt::Display for ConferenceCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::LockConference => "lock the conference",
            Self::UnlockConference => "unlock the conference",
            Self::TerminateConference => "terminate the conference",
        })
    }
}

/// A conference command for the application to send to the focus of
/// `conference`.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{ConferenceCommand, ConferenceSession, Uri};
///
/// let conference = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let mut connected = conference.join().joined([])?;
/// let request = connected.command(ConferenceCommand::LockConference, Instant::now())?;
/// assert_eq!(request.command, ConferenceCommand::LockConference);
/// assert_eq!(request.conference.as_str(), "sip:conf@contoso.com");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ConferenceRequest {
    /// The request's id, to match the focus's response.
    pub id: RequestId,
    /// The conference whose focus takes the command.
    pub conference: Uri,
    /// What to do.
    pub command: ConferenceCommand,
}

/// What a conference command came to: answered, or failed with the reason.
/// The command comes back in either case.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{ConferenceCommand, ConferenceOutput, ConferenceSession, FailureReason, Uri};
///
/// let mut connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
/// let id = connected.command(ConferenceCommand::LockConference, Instant::now())?.id;
/// let mut reconnecting = connected.reconnecting(); // the focus failed over
/// assert_eq!(
///     reconnecting.poll_command_output(),
///     Some(ConferenceOutput::Failed { id, command: ConferenceCommand::LockConference, reason: FailureReason::SessionRetrying }),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConferenceOutput {
    /// The focus answered with success.
    Succeeded {
        /// The request's id.
        id: RequestId,
        /// The command, as it was sent.
        command: ConferenceCommand,
    },
    /// The command failed: the focus refused it, did not answer in time,
    /// the focus failed over, or the conference ended.
    Failed {
        /// The request's id.
        id: RequestId,
        /// The command, as it was sent.
        command: ConferenceCommand,
        /// Why it failed.
        reason: FailureReason,
    },
}

impl ConferenceOutput {
    /// The id of the request this settles.
    ///
    /// ```
    /// use mcu_session::{ConferenceCommand, ConferenceOutput, RequestId};
    /// # let id = mcu_session::ConferenceSession::new(mcu_session::Uri::parse("sip:c@contoso.com")?).join().joined([])?.command(ConferenceCommand::LockConference, std::time::Instant::now())?.id;
    /// let output = ConferenceOutput::Succeeded { id, command: ConferenceCommand::LockConference };
    /// assert_eq!(output.id(), id);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> RequestId {
        match self {
            Self::Succeeded { id, .. } | Self::Failed { id, .. } => *id,
        }
    }
}

/// Conference commands go out at once or not at all: never queued, so never
/// released ([`Queued`](crate::request::queue::Queued) is not implemented).
impl Command for ConferenceCommand {
    type Request = ConferenceRequest;
    type Output = ConferenceOutput;

    fn request(id: RequestId, conference: &Uri, command: Self) -> ConferenceRequest {
        ConferenceRequest {
            id,
            conference: conference.clone(),
            command,
        }
    }

    fn succeeded(id: RequestId, command: Self) -> ConferenceOutput {
        ConferenceOutput::Succeeded { id, command }
    }

    fn failed(id: RequestId, command: Self, reason: FailureReason) -> ConferenceOutput {
        ConferenceOutput::Failed {
            id,
            command,
            reason,
        }
    }

    fn id(output: &ConferenceOutput) -> RequestId {
        output.id()
    }

    fn released_id(_: &ConferenceOutput) -> Option<RequestId> {
        None
    }

    fn failure(output: &ConferenceOutput) -> Option<(RequestId, &Self, &FailureReason)> {
        match output {
            ConferenceOutput::Failed {
                id,
                command,
                reason,
            } => Some((*id, command, reason)),
            ConferenceOutput::Succeeded { .. } => None,
        }
    }
}
