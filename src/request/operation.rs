//! Operations on the MCU, and the requests they become; see the crate
//! documentation's [Operations](crate#operations) section.

use core::convert::Infallible;
use core::fmt;
use std::time::Duration;

use crate::mcu::allowed;
use crate::mcu::termination::TerminationReason;
use crate::mcu_type::{McuType, Tag};
use crate::request::queue::{Command, Queued};
use crate::uri::{InvalidUri, Uri};

/// How long a bound Idle session keeps an operation queued for its MCU to
/// become active: 30 seconds, as the reference documents.
///
/// ```
/// assert_eq!(mcu_session::QUEUE_TIMEOUT.as_secs(), 30);
/// ```
pub const QUEUE_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a session keeps a sent request pending for the focus's answer:
/// three minutes, after which
/// [`handle_timeout`](crate::Session::handle_timeout) fails it with
/// [`FailureReason::NoAnswer`] (the reference's `OperationTimeoutException`,
/// "Thrown when the operation timed out waiting for a reply").
///
/// The figure is the reference's, operation by operation (UCMA 3.0
/// reference, the `EndXxx` method of each):
///
/// | operation | the reference's remark |
/// |---|---|
/// | [`eject`](Operation::eject) | `McuSession.EndEject`: "The operation times out if no response was received within three minutes." |
/// | [`dial_out`](Operation::dial_out) on audio/video | `AudioVideoMcuSession.EndDialOut`: "The operation times out if no response was received within three minutes." |
/// | [`dial_out`](Operation::dial_out) on instant messaging | `InstantMessagingMcuSession.EndDialOut` gives no figure; it is the base class's `McuSession.BeginDialOut`, so the base class's three minutes apply |
/// | the block-all mode, the mute-all mode, attendance announcements | their `EndXxx` pages give no figure; each is a C3P command to the MCU, which the base class sends with `McuSession.BeginSendCommand`, whose `EndSendCommand` says: "The operation times out if no response was received within three minutes." |
///
/// So one figure serves every operation. The reference also resets the wait
/// to three minutes when the focus sends a provisional ("pending")
/// response; the crate takes final answers only, so an application that
/// sees a provisional response and wants to wait longer sends nothing new
/// and gives up on its own terms with [`cancel`](crate::Session::cancel).
///
/// ```
/// assert_eq!(mcu_session::ANSWER_TIMEOUT.as_secs(), 3 * 60);
/// ```
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(3 * 60);

/// Something the application wants the MCU of type `M` to do.
///
/// Each operation is one the reference defines, and its constructor cites
/// where. Every MCU type can [`eject`](Self::eject) a participant and
/// [`dial_out`](Self::dial_out) (UCMA's `McuSession` base class); the
/// others exist for one MCU type only: the block-all mode for instant
/// messaging ([`enable_block_all_mode`](Operation::enable_block_all_mode)),
/// the mute-all mode and attendance announcements for audio/video
/// ([`enable_mute_all_mode`](Operation::enable_mute_all_mode),
/// [`modify_attendance_announcements`](Operation::modify_attendance_announcements)),
/// so asking an instant messaging session to mute everyone does not
/// compile.
///
/// ```
/// use mcu_session::{InstantMessaging, Operation, OperationKind};
///
/// let eject = Operation::<InstantMessaging>::eject("sip:bob@contoso.com")?;
/// assert!(matches!(eject.kind(), OperationKind::Eject { .. }));
///
/// let error = Operation::<InstantMessaging>::dial_out("bob").unwrap_err();
/// assert_eq!(error.to_string(), "cannot dial out to `bob`: `bob` is not a URI: it has no scheme");
/// # Ok::<(), mcu_session::InvalidOperation>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Operation<M: McuType> {
    kind: OperationKind,
    mcu_type: Tag<M>,
}

/// What an [`Operation`] asks for, as it goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "operation")
)]
#[non_exhaustive]
pub enum OperationKind {
    /// Remove a participant or an endpoint from the MCU (`McuSession.BeginEject`).
    Eject {
        /// The participant's SIP URI.
        participant: Uri,
    },
    /// Have the MCU call out to a URI and bring it into the conference
    /// (`McuSession.BeginDialOut`).
    DialOut {
        /// Whom to call (`sip:`, `sips:` or `tel:`).
        to: Uri,
    },
    /// Instant messaging only: turn the block-all mode on, so that messages
    /// can no longer be sent in the conversation.
    EnableBlockAllMode,
    /// Instant messaging only: turn the block-all mode off again.
    DisableBlockAllMode,
    /// Audio/video only: turn the mute-all mode on
    /// (`AudioVideoMcuSession.BeginEnableMuteAllMode`).
    EnableMuteAllMode {
        /// Who may unmute themselves while the mode is on.
        self_unmute: SelfUnmuteAssignment,
    },
    /// Audio/video only: turn the mute-all mode off
    /// (`AudioVideoMcuSession.BeginDisableMuteAllMode`).
    DisableMuteAllMode,
    /// Audio/video only: turn the announcements of who joins and leaves on
    /// or off (`AudioVideoMcuSession.BeginModifyAttendanceAnnouncements`).
    ModifyAttendanceAnnouncements {
        /// Whether the MCU announces attendance.
        status: AttendanceAnnouncementsStatus,
    },
}

impl fmt::Display for OperationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Eject { participant } => write!(f, "eject {participant}"),
            Self::DialOut { to } => write!(f, "dial out to {to}"),
            Self::EnableBlockAllMode => f.write_str("enable the block-all mode"),
            Self::DisableBlockAllMode => f.write_str("disable the block-all mode"),
            Self::EnableMuteAllMode { self_unmute } => {
                write!(f, "enable the mute-all mode ({self_unmute} may unmute)")
            }
            Self::DisableMuteAllMode => f.write_str("disable the mute-all mode"),
            Self::ModifyAttendanceAnnouncements { status } => {
                write!(f, "{status} attendance announcements")
            }
        }
    }
}

/// Who may unmute themselves while the mute-all mode is on: the reference's
/// `EnableMuteAllModeOptions.SelfUnmuteAssignment`.
///
/// ```
/// use mcu_session::{AudioVideo, Operation, SelfUnmuteAssignment};
///
/// let mute = Operation::<AudioVideo>::enable_mute_all_mode(SelfUnmuteAssignment::LeadersOnly);
/// assert_eq!(mute.kind().to_string(), "enable the mute-all mode (leaders only may unmute)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SelfUnmuteAssignment {
    /// "allow everyone to unmute themselves at any time".
    Everyone,
    /// "allow only participants with leader role to unmute themselves at any
    /// time. Participants who are not leaders will not be able to unmute
    /// themselves. Only a leader can choose to unmute those participants."
    LeadersOnly,
}

impl fmt::Display for SelfUnmuteAssignment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Everyone => "everyone",
            Self::LeadersOnly => "leaders only",
        })
    }
}

/// Whether an audio/video MCU announces who joins and leaves: the
/// reference's `AttendanceAnnouncementsStatus`, without its `Unsupported`
/// value, which the reference refuses as an argument (`ArgumentException`).
///
/// ```
/// use mcu_session::{AttendanceAnnouncementsStatus, AudioVideo, Operation};
///
/// let quiet = Operation::<AudioVideo>::modify_attendance_announcements(AttendanceAnnouncementsStatus::Disabled);
/// assert_eq!(quiet.kind().to_string(), "disable attendance announcements");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AttendanceAnnouncementsStatus {
    /// "the conference will announce the names of the participants joining
    /// the conference through audio".
    Enabled,
    /// No announcements: "a leader can disable attendance announcements if
    /// they overwhelm the conference".
    Disabled,
}

impl fmt::Display for AttendanceAnnouncementsStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Enabled => "enable",
            Self::Disabled => "disable",
        })
    }
}

impl<M: McuType> Operation<M> {
    fn new(kind: OperationKind) -> Self {
        Self {
            kind,
            mcu_type: Tag::new(),
        }
    }

    /// Eject the participant with this SIP URI (`sip:` or `sips:`), given
    /// as text or as a parsed [`Uri`].
    ///
    /// The reference: `McuSession.BeginEject(String uri, ...)`, which "ejects
    /// a participant or an endpoint from the MCU based on the supplied URI".
    ///
    /// # Errors
    ///
    /// [`InvalidOperation`], handing `participant` back, when it is not a
    /// SIP URI.
    ///
    /// ```
    /// use mcu_session::{InstantMessaging, Operation, Uri};
    ///
    /// let bob = Uri::parse("sip:bob@contoso.com")?;
    /// let from_uri = Operation::<InstantMessaging>::eject(bob)?;
    /// assert_eq!(from_uri, Operation::eject("sip:bob@contoso.com")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn eject<U>(participant: U) -> Result<Self, InvalidOperation>
    where
        U: TryInto<Uri>,
        InvalidUri: From<U::Error>,
    {
        let participant = checked_uri(participant, "eject", &["sip", "sips"])?;
        Ok(Self::new(OperationKind::Eject { participant }))
    }

    /// Dial out to this URI (`sip:`, `sips:` or `tel:`), given as text or as
    /// a parsed [`Uri`].
    ///
    /// The reference: `McuSession.BeginDialOut(String, McuDialOutOptions,
    /// ...)`, which "sends a request to MCU to initiate a call to the
    /// supplied destination URI" (for instant messaging,
    /// `InstantMessagingMcuSession.BeginDialOut`).
    ///
    /// # Errors
    ///
    /// [`InvalidOperation`], handing `to` back, when it is not such a URI.
    ///
    /// ```
    /// use mcu_session::{AudioVideo, Operation};
    ///
    /// let dial = Operation::<AudioVideo>::dial_out("tel:+14255550100")?;
    /// assert_eq!(dial.kind().to_string(), "dial out to tel:+14255550100");
    /// # Ok::<(), mcu_session::InvalidOperation>(())
    /// ```
    pub fn dial_out<U>(to: U) -> Result<Self, InvalidOperation>
    where
        U: TryInto<Uri>,
        InvalidUri: From<U::Error>,
    {
        let to = checked_uri(to, "dial out to", &["sip", "sips", "tel"])?;
        Ok(Self::new(OperationKind::DialOut { to }))
    }

    /// What this operation asks for.
    #[must_use]
    pub fn kind(&self) -> &OperationKind {
        &self.kind
    }

    /// The wire form of this operation.
    #[must_use]
    pub fn into_kind(self) -> OperationKind {
        self.kind
    }
}

/// # Operations of one MCU type
///
/// Bounded by a trait of [`allowed`] that only that MCU type
/// implements, so the compiler names the MCU type that lacks the operation.
impl<M: McuType> Operation<M> {
    /// Turn the instant messaging MCU's block-all mode on: no messages can be
    /// sent in the conversation. Instant messaging only.
    ///
    /// The reference: the mode is `InstantMessagingMcuSession`'s
    /// `InstantMessagingBlockAllMode` ("whether messages can be sent in the
    /// conversation"), which UCMA exposes read-only; the change is the
    /// protocol's `modifyConference` command, "sent by a client to an MCU to
    /// change conference state" (\[MS-CONFBAS\] 4.4.10).
    ///
    /// ```
    /// use mcu_session::{InstantMessaging, Operation, OperationKind};
    ///
    /// let block = Operation::<InstantMessaging>::enable_block_all_mode();
    /// assert_eq!(block.kind(), &OperationKind::EnableBlockAllMode);
    /// ```
    #[must_use]
    pub fn enable_block_all_mode() -> Self
    where
        M: allowed::BlockAll,
    {
        Self::new(OperationKind::EnableBlockAllMode)
    }

    /// Turn the block-all mode off again, undoing
    /// [`enable_block_all_mode`](Self::enable_block_all_mode) (same source).
    /// Instant messaging only.
    ///
    /// ```
    /// use mcu_session::{InstantMessaging, Operation, OperationKind};
    ///
    /// let unblock = Operation::<InstantMessaging>::disable_block_all_mode();
    /// assert_eq!(unblock.kind(), &OperationKind::DisableBlockAllMode);
    /// ```
    #[must_use]
    pub fn disable_block_all_mode() -> Self
    where
        M: allowed::BlockAll,
    {
        Self::new(OperationKind::DisableBlockAllMode)
    }

    /// Turn the audio/video MCU's mute-all mode on: it mutes every
    /// participant except the leader who asks, and `self_unmute` says who may
    /// unmute themselves meanwhile. Audio/video only; the server allows it to
    /// conference leaders only.
    ///
    /// The reference: `AudioVideoMcuSession.BeginEnableMuteAllMode(EnableMuteAllModeOptions, ...)`,
    /// with `EnableMuteAllModeOptions.SelfUnmuteAssignment`.
    ///
    /// ```
    /// use mcu_session::{AudioVideo, Operation, OperationKind, SelfUnmuteAssignment};
    ///
    /// let mute = Operation::<AudioVideo>::enable_mute_all_mode(SelfUnmuteAssignment::Everyone);
    /// assert_eq!(mute.kind(), &OperationKind::EnableMuteAllMode { self_unmute: SelfUnmuteAssignment::Everyone });
    /// ```
    #[must_use]
    pub fn enable_mute_all_mode(self_unmute: SelfUnmuteAssignment) -> Self
    where
        M: allowed::MuteAll,
    {
        Self::new(OperationKind::EnableMuteAllMode { self_unmute })
    }

    /// Turn the mute-all mode off. Participants stay as they are; they are
    /// free to unmute themselves again. Audio/video only.
    ///
    /// The reference: `AudioVideoMcuSession.BeginDisableMuteAllMode`, which
    /// "disables mute all mode on AudioVideoMcuSession if it was already
    /// enabled".
    ///
    /// ```
    /// use mcu_session::{AudioVideo, Operation, OperationKind};
    ///
    /// let off = Operation::<AudioVideo>::disable_mute_all_mode();
    /// assert_eq!(off.kind(), &OperationKind::DisableMuteAllMode);
    /// ```
    #[must_use]
    pub fn disable_mute_all_mode() -> Self
    where
        M: allowed::MuteAll,
    {
        Self::new(OperationKind::DisableMuteAllMode)
    }

    /// Turn the announcements of who joins and leaves the conference on or
    /// off. Audio/video only: the MCU announces "through audio".
    ///
    /// The reference: `AudioVideoMcuSession.BeginModifyAttendanceAnnouncements(AttendanceAnnouncementsStatus, ...)`,
    /// which "enables or disables attendance announcements".
    ///
    /// ```
    /// use mcu_session::{AttendanceAnnouncementsStatus, AudioVideo, Operation, OperationKind};
    ///
    /// let on = Operation::<AudioVideo>::modify_attendance_announcements(AttendanceAnnouncementsStatus::Enabled);
    /// assert_eq!(on.kind(), &OperationKind::ModifyAttendanceAnnouncements { status: AttendanceAnnouncementsStatus::Enabled });
    /// ```
    #[must_use]
    pub fn modify_attendance_announcements(status: AttendanceAnnouncementsStatus) -> Self
    where
        M: allowed::MuteAll,
    {
        Self::new(OperationKind::ModifyAttendanceAnnouncements { status })
    }
}

fn checked_uri<U>(
    input: U,
    operation: &'static str,
    schemes: &'static [&'static str],
) -> Result<Uri, InvalidOperation>
where
    U: TryInto<Uri>,
    InvalidUri: From<U::Error>,
{
    let uri = input.try_into().map_err(|error| InvalidOperation {
        operation,
        problem: UriProblem::Invalid(InvalidUri::from(error)),
    })?;
    let scheme = uri.as_str().split(':').next().unwrap_or_default();
    if schemes
        .iter()
        .any(|allowed| scheme.eq_ignore_ascii_case(allowed))
    {
        Ok(uri)
    } else {
        Err(InvalidOperation {
            operation,
            problem: UriProblem::Scheme { uri, schemes },
        })
    }
}

/// A parsed [`Uri`] given where text is accepted cannot be invalid: this
/// lets [`Operation::eject`] and [`Operation::dial_out`] take either.
impl From<Infallible> for InvalidUri {
    fn from(never: Infallible) -> Self {
        match never {}
    }
}

/// An operation's input is not a URI it can use; nothing was queued or sent.
///
/// ```
/// use mcu_session::{AudioVideo, Operation};
///
/// let error = Operation::<AudioVideo>::eject("tel:+14255550100").unwrap_err();
/// assert_eq!(error.to_string(), "cannot eject `tel:+14255550100`: expected a sip: or sips: URI");
/// assert_eq!(error.into_input(), "tel:+14255550100");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {operation} `{}`: {problem}", self.input())]
pub struct InvalidOperation {
    operation: &'static str,
    problem: UriProblem,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum UriProblem {
    #[error("{0}")]
    Invalid(InvalidUri),
    #[error("expected a {} URI", schemes.join(": or ") + ":")]
    Scheme {
        uri: Uri,
        schemes: &'static [&'static str],
    },
}

impl InvalidOperation {
    /// The text that was refused.
    #[must_use]
    pub fn input(&self) -> &str {
        match &self.problem {
            UriProblem::Invalid(error) => error.input(),
            UriProblem::Scheme { uri, .. } => uri.as_str(),
        }
    }

    /// The text that was refused, handed back.
    #[must_use]
    pub fn into_input(self) -> String {
        match self.problem {
            UriProblem::Invalid(error) => error.into_input(),
            UriProblem::Scheme { uri, .. } => uri.into_string(),
        }
    }
}

/// Identifies a request within its session, in the order operations were
/// submitted.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::Operation;
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Ok(Joined::Bound(mut idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
/// let first = idle.queue(Operation::enable_block_all_mode(), Instant::now())?;
/// let second = idle.queue(Operation::disable_block_all_mode(), Instant::now())?;
/// assert!(first < second);
/// assert_eq!(second.to_string(), "#2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RequestId(u64);

impl RequestId {
    /// The id numbered `n`, as an answer from the focus carries it.
    ///
    /// ```
    /// assert_eq!(mcu_session::RequestId::new(3).get(), 3);
    /// ```
    #[must_use]
    pub const fn new(n: u64) -> Self {
        Self(n)
    }

    /// The number, unique within the session.
    #[must_use]
    pub fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A request for the application to send to the focus, which relays it to
/// the MCU of type `mcu_type` in `conference`.
///
/// ```
/// use mcu_session::{McuInfo, Operation};
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Ok(Joined::Bound(mut idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let request = active.request(Operation::eject("sip:mallory@contoso.com")?, std::time::Instant::now())?;
/// assert_eq!((request.conference.as_str(), request.mcu_type), ("sip:conf@contoso.com", "chat"));
/// assert_eq!(request.operation.to_string(), "eject sip:mallory@contoso.com");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Request {
    /// The request's id, to match the focus's response.
    pub id: RequestId,
    /// The conference whose focus relays the request.
    pub conference: Uri,
    /// The MCU type string the request is addressed to.
    pub mcu_type: &'static str,
    /// What to do.
    pub operation: OperationKind,
}

/// Why an operation failed; the operation comes back with it.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{FailureReason, Operation, Output, QUEUE_TIMEOUT};
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Ok(Joined::Bound(mut idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
/// let start = Instant::now();
/// let id = idle.queue(Operation::enable_block_all_mode(), start)?;
/// assert_eq!(idle.handle_timeout(start + QUEUE_TIMEOUT), 1);
/// match idle.poll_output() {
///     Some(Output::Failed { id: failed, operation, reason: FailureReason::TimedOut }) => {
///         assert_eq!(failed, id);
///         assert_eq!(operation, Operation::enable_block_all_mode()); // handed back
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum FailureReason {
    /// Queued: the MCU did not become active within [`QUEUE_TIMEOUT`] of
    /// queuing.
    #[error("the MCU did not become active within 30 s")]
    TimedOut,
    /// The session was terminated while it held the operation: the joined
    /// conference does not offer its MCU type (transition 2), or the
    /// conference session terminated (5a, 5b, 5c). The reason says which.
    #[error("the session was terminated: {0}")]
    Terminated(TerminationReason),
    /// Sent: the conference session lost the focus before the focus
    /// answered: it is reconnecting (transition 3b), or a reconnect ended the
    /// Retrying state (4b, 4c) of a session whose requests survived an MCU
    /// failover (3a). The reference's `SessionRetrying`: "after
    /// failover is detected, pending conference operations fail
    /// immediately". Retry once the conference has reconnected (and, for
    /// an MCU operation, its session is Active again).
    #[error("the focus link was lost before the focus answered: retry once reconnected")]
    SessionRetrying,
    /// Sent: the focus did not answer within [`ANSWER_TIMEOUT`] (the
    /// reference's `OperationTimeoutException`, "the command timed out
    /// waiting for a reply").
    #[error("the focus did not answer within 3 minutes")]
    NoAnswer,
    /// Sent: the focus answered with a failure, for this reason (the
    /// reference's `ConferenceFailureException`, "the command failed with a
    /// C3P body in the response").
    #[error("the focus answered with a failure: {}", .0.escape_debug())]
    ConferenceFailure(String),
    /// Never sent: C3P has no form for it here (the table of the `wire::c3p`
    /// module, feature `xml`). A `client::Client` refuses
    /// such an operation before it is pending; this is what becomes of one
    /// that reached the wire's edge another way (requested or queued
    /// through a session the client lent).
    #[error("never sent: it has no C3P form")]
    NoWireForm,
}

/// The focus's answer to a [`Request`], as the application received it: a
/// C3P response, whose code is success or failure (with a reason). Hand it
/// to [`Session::answer`](crate::Session::answer) (or, in the runtime view,
/// as [`Event::Response`](crate::Event::Response)); the session matches it
/// to the request by id.
///
/// ```
/// use mcu_session::Response;
/// # use mcu_session::{InstantMessaging, McuInfo, Operation, Output, Session, Uri};
/// # let idle = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// # let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let request = active.request(Operation::enable_block_all_mode(), std::time::Instant::now())?;
/// active.answer(Response::Success { id: request.id })?;
/// assert!(matches!(active.poll_output(), Some(Output::Succeeded { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(tag = "code", rename_all = "lowercase")
)]
pub enum Response {
    /// The focus carried the request out.
    Success {
        /// The request's id.
        id: RequestId,
    },
    /// The focus refused or failed the request.
    Failure {
        /// The request's id.
        id: RequestId,
        /// The focus's reason, as it gave it.
        reason: String,
    },
}

impl Response {
    /// The id of the request this answers.
    #[must_use]
    pub fn id(&self) -> RequestId {
        match self {
            Self::Success { id } | Self::Failure { id, .. } => *id,
        }
    }
}

/// An answer for a request the session does not hold: never sent, or
/// already answered, failed, expired or cancelled. Nothing was applied; the
/// answer is handed back.
///
/// ```
/// use mcu_session::{RequestId, Response};
/// # use mcu_session::{InstantMessaging, McuInfo, Session, Uri};
/// # let idle = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// # let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let unknown = active.answer(Response::Success { id: RequestId::new(7) }).unwrap_err();
/// assert_eq!(unknown.to_string(), "the session holds no pending request #7: never sent, or already answered, failed or cancelled");
/// assert_eq!(unknown.into_response(), Response::Success { id: RequestId::new(7) });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error(
    "the session holds no pending request {}: never sent, or already answered, failed or cancelled",
    .response.id()
)]
pub struct UnknownResponse {
    response: Response,
}

impl UnknownResponse {
    pub(crate) fn new(response: Response) -> Self {
        Self { response }
    }

    /// The answer that was refused.
    #[must_use]
    pub fn response(&self) -> &Response {
        &self.response
    }

    /// The answer, handed back.
    #[must_use]
    pub fn into_response(self) -> Response {
        self.response
    }
}

/// [`cancel`](crate::Session::cancel) was given an id the session does not
/// hold: never submitted, or already answered, failed or cancelled.
///
/// ```
/// use mcu_session::RequestId;
/// # use mcu_session::{InstantMessaging, McuInfo, Session, Uri};
/// # let idle = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// # let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let error = active.cancel(RequestId::new(3)).unwrap_err();
/// assert_eq!(error.id(), RequestId::new(3));
/// assert_eq!(error.to_string(), "the session holds no operation #3 to cancel: never submitted, or already answered, failed or cancelled");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error(
    "the session holds no operation {id} to cancel: never submitted, or already answered, failed or cancelled"
)]
pub struct NotHeld {
    id: RequestId,
}

impl NotHeld {
    pub(crate) fn new(id: RequestId) -> Self {
        Self { id }
    }

    /// The id that was given.
    #[must_use]
    pub fn id(&self) -> RequestId {
        self.id
    }
}

/// What a session has for the application, drained with
/// [`Session::poll_output`](crate::Session::poll_output).
///
/// ```
/// use mcu_session::{McuInfo, Operation, Output};
/// use std::time::Instant;
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Ok(Joined::Bound(mut idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
/// idle.queue(Operation::enable_block_all_mode(), Instant::now())?;
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// assert!(matches!(active.poll_output(), Some(Output::Request(_))));
/// assert!(active.poll_output().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Output<M: McuType> {
    /// A queued operation, released by transition 1: send it. It is pending
    /// from then on, like a request sent at once.
    Request(Request),
    /// The focus answered a pending request with success: the operation is
    /// handed back.
    Succeeded {
        /// The request's id.
        id: RequestId,
        /// The operation, as it was submitted.
        operation: Operation<M>,
    },
    /// An operation that failed, queued or pending: handed back with the
    /// reason.
    Failed {
        /// The id it was queued under.
        id: RequestId,
        /// The operation, as it was queued.
        operation: Operation<M>,
        /// Why it failed.
        reason: FailureReason,
    },
}

impl<M: McuType> Output<M> {
    /// The id of the request or failed operation.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Operation, Uri};
    ///
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// let Ok(Joined::Bound(mut idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
    /// let now = Instant::now();
    /// let id = idle.queue(Operation::enable_block_all_mode(), now)?;
    /// idle.handle_timeout(now + mcu_session::QUEUE_TIMEOUT);
    /// assert_eq!(idle.poll_output().map(|output| output.id()), Some(id));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> RequestId {
        match self {
            Self::Request(request) => request.id,
            Self::Succeeded { id, .. } | Self::Failed { id, .. } => *id,
        }
    }
}

/// An unbound Idle session cannot queue: it does not know its MCU yet. The
/// operation is handed back.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{InstantMessagingMcuSession, Operation, Uri};
///
/// let mut idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let refused = idle.queue(Operation::enable_block_all_mode(), Instant::now()).unwrap_err();
/// assert_eq!(refused.into_operation(), Operation::enable_block_all_mode());
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error(
    "the session is not bound to a `{}` MCU yet: join a conference that offers one first",
    M::MCU_TYPE
)]
pub struct NotBound<M: McuType> {
    operation: Operation<M>,
}

impl<M: McuType> NotBound<M> {
    pub(crate) fn new(operation: Operation<M>) -> Self {
        Self { operation }
    }

    /// The operation that was refused.
    pub fn operation(&self) -> &Operation<M> {
        &self.operation
    }

    /// The operation, handed back.
    pub fn into_operation(self) -> Operation<M> {
        self.operation
    }
}

/// A session at its capacity: the operation, queued by a bound Idle session
/// or sent by an Active one, is handed back, never dropped. The capacity
/// counts every operation the session holds for the application, once:
/// waiting for the MCU, pending (sent, not yet answered), or settled and not
/// yet polled; see [`Capacities`].
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{AdvertisedMcu, Capacities, InstantMessaging, InstantMessagingMcuSession, Joined, Operation, QueueError, Uri};
///
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let session = InstantMessagingMcuSession::with_capacities(
///     Uri::parse("sip:conf@contoso.com")?,
///     Capacities { operations: 1, ..Capacities::default() },
/// );
/// let Ok(Joined::Bound(mut idle)) = session.conference_joined([chat]) else { unreachable!() };
/// idle.queue(Operation::enable_block_all_mode(), Instant::now())?;
/// let Err(QueueError::Full(full)) = idle.queue(Operation::disable_block_all_mode(), Instant::now()) else { unreachable!() };
/// assert_eq!(full.to_string(), "the session already holds 1 operation for the application, its capacity");
/// assert_eq!(full.into_operation(), Operation::disable_block_all_mode());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error(
    "the session already holds {capacity} operation{} for the application, its capacity",
    if *capacity == 1 { "" } else { "s" }
)]
pub struct QueueFull<M: McuType> {
    operation: Operation<M>,
    capacity: usize,
}

impl<M: McuType> QueueFull<M> {
    pub(crate) fn new(operation: Operation<M>, capacity: usize) -> Self {
        Self {
            operation,
            capacity,
        }
    }

    /// The capacity that was reached.
    #[must_use]
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The operation, handed back.
    pub fn into_operation(self) -> Operation<M> {
        self.operation
    }
}

/// Why [`Session::queue`](crate::Session::queue) did not queue an
/// operation; the operation comes back either way.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{InstantMessagingMcuSession, Operation, QueueError, Uri};
///
/// let mut idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let error = idle.queue(Operation::enable_block_all_mode(), Instant::now()).unwrap_err();
/// assert!(matches!(error, QueueError::NotBound(_)));
/// assert_eq!(error.into_operation(), Operation::enable_block_all_mode());
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError<M: McuType> {
    /// The session is not bound: it does not know its MCU yet.
    #[error(transparent)]
    NotBound(NotBound<M>),
    /// The session holds as many operations as its capacity allows.
    #[error(transparent)]
    Full(QueueFull<M>),
}

impl<M: McuType> QueueError<M> {
    /// The operation, handed back.
    pub fn into_operation(self) -> Operation<M> {
        match self {
            Self::NotBound(error) => error.into_operation(),
            Self::Full(error) => error.into_operation(),
        }
    }
}

/// How much a session may hold for the application: it never grows past
/// these, and what would exceed one is refused and handed back (an
/// operation as [`QueueFull`], an attendance report as
/// [`AttendanceProblem::RosterFull`](crate::AttendanceProblem::RosterFull)).
///
/// A held operation takes under 200 bytes, its URI included; an attending
/// endpoint under 300 (`tests/it/allocations.rs` measures both).
///
/// ```
/// use mcu_session::Capacities;
///
/// assert_eq!(Capacities::default(), Capacities { operations: 1_000, endpoints: 10_000, offers: 64 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Capacities {
    /// Operations held for the application, each counted once: queued and
    /// waiting for the MCU, sent and waiting for the focus's answer, or
    /// settled and not yet polled.
    pub operations: u32,
    /// Endpoints in the roster.
    pub endpoints: u32,
    /// MCUs a conference may offer: a conference document's `conf-uris`
    /// entries, and the offer a join or an admission takes. A focus offers
    /// one MCU a media type (Lync: five), so more is hostile or broken;
    /// refused past it, as users are past `endpoints`.
    pub offers: u32,
}

impl Capacities {
    /// [`operations`](Self::operations) as a count to compare with; a
    /// capacity beyond `usize` is no limit.
    pub(crate) fn operations_limit(&self) -> usize {
        usize::try_from(self.operations).unwrap_or(usize::MAX)
    }

    /// [`endpoints`](Self::endpoints) as a count to compare with; a
    /// capacity beyond `usize` is no limit.
    pub(crate) fn endpoints_limit(&self) -> usize {
        usize::try_from(self.endpoints).unwrap_or(usize::MAX)
    }

    /// [`offers`](Self::offers) as a count to compare with; a capacity
    /// beyond `usize` is no limit.
    pub(crate) fn offers_limit(&self) -> usize {
        usize::try_from(self.offers).unwrap_or(usize::MAX)
    }
}

impl Default for Capacities {
    /// 1,000 operations (a 30 s queue filled at more than 30 a second),
    /// 10,000 endpoints (ten times the largest Lync meeting) and 64 offered
    /// MCUs (more than ten times what a Lync focus offers).
    fn default() -> Self {
        Self {
            operations: 1_000,
            endpoints: 10_000,
            offers: 64,
        }
    }
}

/// An operation waits, on a bound Idle session, for its MCU; transition 1
/// releases it as an [`Output::Request`].
impl<M: McuType> Queued for Operation<M> {
    fn released(request: Request) -> Output<M> {
        Output::Request(request)
    }
}

/// The MCU session's side of the request engine: an operation goes out as a
/// [`Request`] addressed to its MCU type and comes back as an [`Output`].
impl<M: McuType> Command for Operation<M> {
    type Request = Request;
    type Output = Output<M>;

    fn request(id: RequestId, conference: &Uri, command: Self) -> Request {
        Request {
            id,
            conference: conference.clone(),
            mcu_type: M::MCU_TYPE,
            operation: command.into_kind(),
        }
    }

    fn succeeded(id: RequestId, operation: Self) -> Output<M> {
        Output::Succeeded { id, operation }
    }

    fn failed(id: RequestId, operation: Self, reason: FailureReason) -> Output<M> {
        Output::Failed {
            id,
            operation,
            reason,
        }
    }

    fn id(output: &Output<M>) -> RequestId {
        output.id()
    }

    fn released_id(output: &Output<M>) -> Option<RequestId> {
        match output {
            Output::Request(request) => Some(request.id),
            Output::Succeeded { .. } | Output::Failed { .. } => None,
        }
    }

    fn failure(output: &Output<M>) -> Option<(RequestId, &Self, &FailureReason)> {
        match output {
            Output::Failed {
                id,
                operation,
                reason,
            } => Some((*id, operation, reason)),
            Output::Request(_) | Output::Succeeded { .. } => None,
        }
    }
}

/// The strict wire form of a [`Response`]: an object with `code` and
/// exactly that code's fields.
#[cfg(feature = "serde")]
mod wire {
    use serde::{Deserialize, Deserializer};

    use super::{RequestId, Response};
    use crate::strict::map_only;

    #[derive(Deserialize)]
    #[serde(tag = "code", rename_all = "lowercase", deny_unknown_fields)]
    enum Record {
        Success { id: RequestId },
        Failure { id: RequestId, reason: String },
    }

    impl<'de> Deserialize<'de> for Response {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(
                match map_only(deserializer, "an answer: an object with code and id")? {
                    Record::Success { id } => Self::Success { id },
                    Record::Failure { id, reason } => Self::Failure { id, reason },
                },
            )
        }
    }
}
