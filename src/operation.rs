//! Operations on the MCU, and the requests they become; see the crate
//! documentation's [Operations](crate#operations) section.

use core::fmt;
use core::marker::PhantomData;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::{InvalidUri, McuType, TerminationReason, Uri, allowed};

/// How long a bound Idle session keeps an operation queued for its MCU to
/// become active: 30 seconds, as the reference documents.
///
/// ```
/// assert_eq!(mcu_session::QUEUE_TIMEOUT.as_secs(), 30);
/// ```
pub const QUEUE_TIMEOUT: Duration = Duration::from_secs(30);

/// Something the application wants the MCU of type `M` to do.
///
/// Every MCU type can [`eject`](Self::eject) a participant and
/// [`dial_out`](Self::dial_out); some operations exist for one MCU type only
/// ([`block_all`](Operation::block_all) for instant messaging,
/// [`mute_all`](Operation::mute_all) for audio/video), so asking an instant messaging session to mute everyone does
/// not compile.
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
pub struct Operation<M: McuType> {
    kind: OperationKind,
    mcu: PhantomData<fn() -> M>,
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
    /// Remove a participant from the MCU.
    Eject {
        /// The participant's SIP URI.
        participant: Uri,
    },
    /// Have the MCU call out to a URI and bring it into the conference.
    DialOut {
        /// Whom to call (`sip:`, `sips:` or `tel:`).
        to: Uri,
    },
    /// Instant messaging only: stop (or allow again) everyone's messages.
    BlockAll {
        /// Block (`true`) or allow (`false`).
        on: bool,
    },
    /// Audio/video only: mute (or unmute) everyone's audio.
    MuteAll {
        /// Mute (`true`) or unmute (`false`).
        on: bool,
    },
}

impl fmt::Display for OperationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Eject { participant } => write!(f, "eject {participant}"),
            Self::DialOut { to } => write!(f, "dial out to {to}"),
            Self::BlockAll { on: true } => f.write_str("block all messages"),
            Self::BlockAll { on: false } => f.write_str("allow all messages"),
            Self::MuteAll { on: true } => f.write_str("mute all"),
            Self::MuteAll { on: false } => f.write_str("unmute all"),
        }
    }
}

impl<M: McuType> Operation<M> {
    fn new(kind: OperationKind) -> Self {
        Self {
            kind,
            mcu: PhantomData,
        }
    }

    /// Eject the participant with this SIP URI (`sip:` or `sips:`).
    ///
    /// # Errors
    ///
    /// [`InvalidOperation`], handing `participant` back, when it is not a
    /// SIP URI.
    pub fn eject(participant: impl Into<String>) -> Result<Self, InvalidOperation> {
        let participant = checked_uri(participant.into(), "eject", &["sip", "sips"])?;
        Ok(Self::new(OperationKind::Eject { participant }))
    }

    /// Dial out to this URI (`sip:`, `sips:` or `tel:`).
    ///
    /// # Errors
    ///
    /// [`InvalidOperation`], handing `to` back, when it is not such a URI.
    pub fn dial_out(to: impl Into<String>) -> Result<Self, InvalidOperation> {
        let to = checked_uri(to.into(), "dial out to", &["sip", "sips", "tel"])?;
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
/// Bounded by a trait of [`allowed`](crate::allowed) that only that MCU type
/// implements, so the compiler names the MCU type that lacks the operation.
impl<M: McuType> Operation<M> {
    /// Block (`true`) or allow again (`false`) everyone's messages. Instant
    /// messaging only.
    ///
    /// ```
    /// use mcu_session::{InstantMessaging, Operation, OperationKind};
    ///
    /// let block = Operation::<InstantMessaging>::block_all(true);
    /// assert_eq!(block.kind(), &OperationKind::BlockAll { on: true });
    /// ```
    #[must_use]
    pub fn block_all(on: bool) -> Self
    where
        M: allowed::BlockAll,
    {
        Self::new(OperationKind::BlockAll { on })
    }

    /// Mute (`true`) or unmute (`false`) everyone's audio. Audio/video only.
    ///
    /// ```
    /// use mcu_session::{AudioVideo, Operation, OperationKind};
    ///
    /// let mute = Operation::<AudioVideo>::mute_all(true);
    /// assert_eq!(mute.kind(), &OperationKind::MuteAll { on: true });
    /// ```
    #[must_use]
    pub fn mute_all(on: bool) -> Self
    where
        M: allowed::MuteAll,
    {
        Self::new(OperationKind::MuteAll { on })
    }
}

fn checked_uri(
    input: String,
    operation: &'static str,
    schemes: &'static [&'static str],
) -> Result<Uri, InvalidOperation> {
    let uri = Uri::parse(input).map_err(|error| InvalidOperation {
        operation,
        problem: UriProblem::Invalid(error),
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
/// # let Joined::Bound(mut idle) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined(&[chat]) else { unreachable!() };
/// let first = idle.queue(Operation::block_all(true), Instant::now())?;
/// let second = idle.queue(Operation::block_all(false), Instant::now())?;
/// assert!(first < second);
/// assert_eq!(second.to_string(), "#2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RequestId(u64);

impl RequestId {
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
/// # let Joined::Bound(mut idle) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined(&[chat]) else { unreachable!() };
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
/// let request = active.request(Operation::eject("sip:mallory@contoso.com")?);
/// assert_eq!((request.conference.as_str(), request.mcu_type), ("sip:conf@contoso.com", "chat"));
/// assert_eq!(request.operation.to_string(), "eject sip:mallory@contoso.com");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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

/// Why a queued operation failed; the operation comes back with it.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{FailureReason, Operation, Output, QUEUE_TIMEOUT};
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Joined::Bound(mut idle) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined(&[chat]) else { unreachable!() };
/// let start = Instant::now();
/// let id = idle.queue(Operation::block_all(true), start)?;
/// assert_eq!(idle.handle_timeout(start + QUEUE_TIMEOUT), 1);
/// match idle.poll_output() {
///     Some(Output::Failed { id: failed, operation, reason: FailureReason::TimedOut }) => {
///         assert_eq!(failed, id);
///         assert_eq!(operation, Operation::block_all(true)); // handed back
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum FailureReason {
    /// The MCU did not become active within [`QUEUE_TIMEOUT`] of queuing.
    #[error("the MCU did not become active within 30 s")]
    TimedOut,
    /// The joined conference does not offer the session's MCU type
    /// (transition 2).
    #[error("{0}")]
    Unsupported(TerminationReason),
}

/// What a session has for the application, drained with
/// [`Session::poll_output`](crate::Session::poll_output).
///
/// ```
/// use mcu_session::{McuInfo, Operation, Output};
/// use std::time::Instant;
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Joined::Bound(mut idle) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined(&[chat]) else { unreachable!() };
/// idle.queue(Operation::block_all(true), Instant::now())?;
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
/// assert!(matches!(active.poll_output(), Some(Output::Request(_))));
/// assert!(active.poll_output().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum Output<M: McuType> {
    /// A queued operation, released by transition 1: send it.
    Request(Request),
    /// A queued operation that failed: handed back with the reason.
    Failed {
        /// The id it was queued under.
        id: RequestId,
        /// The operation, as it was queued.
        operation: Operation<M>,
        /// Why it failed.
        reason: FailureReason,
    },
}

/// A session's request ids, the operations waiting for its MCU, and what it
/// has released or failed for the application. Part of every session's data,
/// so the lists live behind one box that is only allocated once an operation
/// is queued: a session that never queues pays 16 bytes and no allocation.
pub(crate) struct Queue<M: McuType> {
    next_id: u64,
    lists: Option<Box<Lists<M>>>,
}

struct Lists<M: McuType> {
    waiting: VecDeque<Queued<M>>,
    outbox: VecDeque<Output<M>>,
}

struct Queued<M: McuType> {
    id: RequestId,
    operation: Operation<M>,
    deadline: Instant,
}

impl<M: McuType> Queue<M> {
    pub(crate) fn new() -> Self {
        Self {
            next_id: 1,
            lists: None,
        }
    }

    fn next_id(&mut self) -> RequestId {
        let id = RequestId(self.next_id);
        self.next_id = self.next_id.saturating_add(1);
        id
    }

    fn lists(&mut self) -> &mut Lists<M> {
        self.lists.get_or_insert_with(|| {
            Box::new(Lists {
                waiting: VecDeque::new(),
                outbox: VecDeque::new(),
            })
        })
    }

    /// The waiting operations, moved out (empty when none were queued).
    fn take_waiting(&mut self) -> VecDeque<Queued<M>> {
        self.lists
            .as_mut()
            .map(|lists| core::mem::take(&mut lists.waiting))
            .unwrap_or_default()
    }

    pub(crate) fn request(&mut self, conference: &Uri, operation: Operation<M>) -> Request {
        let id = self.next_id();
        to_request(id, conference, operation)
    }

    pub(crate) fn push(&mut self, operation: Operation<M>, now: Instant) -> RequestId {
        let id = self.next_id();
        let deadline = now.checked_add(QUEUE_TIMEOUT).unwrap_or(now);
        self.lists().waiting.push_back(Queued {
            id,
            operation,
            deadline,
        });
        id
    }

    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        let lists = self.lists.as_ref()?;
        lists.waiting.iter().map(|queued| queued.deadline).min()
    }

    /// Fails every operation whose deadline is at or before `now`.
    pub(crate) fn expire(&mut self, now: Instant) -> usize {
        let (expired, waiting) = self
            .take_waiting()
            .into_iter()
            .partition::<VecDeque<_>, _>(|queued| queued.deadline <= now);
        let count = expired.len();
        if let Some(lists) = self.lists.as_mut() {
            lists.waiting = waiting;
        }
        self.fail(expired, &FailureReason::TimedOut);
        count
    }

    /// Transition 1: everything waiting becomes a request, in order.
    pub(crate) fn release(&mut self, conference: &Uri) {
        let Some(lists) = self.lists.as_deref_mut() else {
            return;
        };
        for queued in lists.waiting.drain(..) {
            let request = to_request(queued.id, conference, queued.operation);
            lists.outbox.push_back(Output::Request(request));
        }
    }

    /// Transition 2: everything waiting fails with the termination reason.
    pub(crate) fn fail_all(&mut self, reason: &TerminationReason) {
        let waiting = self.take_waiting();
        self.fail(waiting, &FailureReason::Unsupported(reason.clone()));
    }

    fn fail(&mut self, queued: VecDeque<Queued<M>>, reason: &FailureReason) {
        if queued.is_empty() {
            return;
        }
        let outbox = &mut self.lists().outbox;
        for Queued { id, operation, .. } in queued {
            outbox.push_back(Output::Failed {
                id,
                operation,
                reason: reason.clone(),
            });
        }
    }

    pub(crate) fn waiting(&self) -> usize {
        self.lists.as_ref().map_or(0, |lists| lists.waiting.len())
    }

    pub(crate) fn poll(&mut self) -> Option<Output<M>> {
        self.lists.as_mut()?.outbox.pop_front()
    }
}

fn to_request<M: McuType>(id: RequestId, conference: &Uri, operation: Operation<M>) -> Request {
    Request {
        id,
        conference: conference.clone(),
        mcu_type: M::MCU_TYPE,
        operation: operation.kind,
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
/// let refused = idle.queue(Operation::block_all(true), Instant::now()).unwrap_err();
/// assert_eq!(refused.into_operation(), Operation::block_all(true));
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(thiserror::Error)]
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

    /// The operation, handed back.
    pub fn into_operation(self) -> Operation<M> {
        self.operation
    }
}

// Written by hand: derives would demand `M: Clone + PartialEq + Debug` of a
// marker that is never instantiated.
impl<M: McuType> Clone for Operation<M> {
    fn clone(&self) -> Self {
        Self::new(self.kind.clone())
    }
}

impl<M: McuType> PartialEq for Operation<M> {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

impl<M: McuType> Eq for Operation<M> {}

impl<M: McuType> fmt::Debug for Operation<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Operation").field(&self.kind).finish()
    }
}

impl<M: McuType> fmt::Debug for NotBound<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotBound")
            .field("operation", &self.operation)
            .finish()
    }
}

impl<M: McuType> PartialEq for Output<M> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Request(a), Self::Request(b)) => a == b,
            (
                Self::Failed {
                    id,
                    operation,
                    reason,
                },
                Self::Failed {
                    id: other_id,
                    operation: other_operation,
                    reason: other_reason,
                },
            ) => id == other_id && operation == other_operation && reason == other_reason,
            _ => false,
        }
    }
}

impl<M: McuType> Eq for Output<M> {}

impl<M: McuType> fmt::Debug for Output<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Request(request) => f.debug_tuple("Request").field(request).finish(),
            Self::Failed {
                id,
                operation,
                reason,
            } => f
                .debug_struct("Failed")
                .field("id", id)
                .field("operation", operation)
                .field("reason", reason)
                .finish(),
        }
    }
}

impl<M: McuType> Queue<M> {
    fn waiting_view(&self) -> Vec<(RequestId, &Operation<M>, Instant)> {
        let waiting = self.lists.iter().flat_map(|lists| &lists.waiting);
        waiting
            .map(|queued| (queued.id, &queued.operation, queued.deadline))
            .collect()
    }

    fn outbox_view(&self) -> Vec<&Output<M>> {
        self.lists.iter().flat_map(|lists| &lists.outbox).collect()
    }
}

/// Equal when they hold the same ids, waiting operations and outputs; an
/// allocated but empty box equals none.
impl<M: McuType> PartialEq for Queue<M> {
    fn eq(&self, other: &Self) -> bool {
        self.next_id == other.next_id
            && self.waiting_view() == other.waiting_view()
            && self.outbox_view() == other.outbox_view()
    }
}

impl<M: McuType> fmt::Debug for Queue<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Queue")
            .field("waiting", &self.waiting())
            .field("outbox", &self.outbox_view())
            .finish()
    }
}
