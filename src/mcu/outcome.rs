//! What a transition returns when its next state depends on what the focus
//! reported at run time. Every variant holds a documented next state, and
//! nothing else.

use crate::mcu::session::Session;
use crate::mcu::state::{Active, Idle, McuCall, Terminated};
use crate::mcu_type::{AdvertisedMcu, McuType};

/// The result of [`Session::conference_joined`]: bound, or terminated by
/// transition 2.
///
/// ```
/// use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
///
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// match session.conference_joined([chat])? {
///     Joined::Bound(idle) => assert!(idle.mcu().is_some()), // bound: it knows its MCU
///     Joined::Unsupported(terminated) => panic!("{:?}", terminated.reason()),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
#[must_use = "the session is inside: match to keep it"]
pub enum Joined<M: McuType> {
    /// The conference offers this session's MCU type: the session is bound
    /// and stays Idle until the MCU is activated (transition 1).
    Bound(Session<Idle, M>),
    /// Transition 2: the conference does not offer this session's MCU type.
    Unsupported(Session<Terminated, M>),
}

/// A join whose offer lists the session's MCU type more than once: which
/// entry the session would be bound to is a guess, so
/// [`Session::conference_joined`] refuses it and hands back the session,
/// still Idle and unchanged, and the offer.
///
/// ```
/// use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Uri};
///
/// let one = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat;1")?, None);
/// let two = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat;2")?, None);
/// let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let refused = session.conference_joined([one.clone(), two.clone()]).unwrap_err();
/// assert_eq!(refused.to_string(), "the joined conference offers the `chat` MCU more than once");
/// let (session, offered) = refused.into_parts();
/// assert!(session.mcu().is_none());
/// assert_eq!(offered, [one, two]);
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "the joined conference offers the `{}` MCU more than once",
    M::MCU_TYPE
)]
pub struct AmbiguousOffer<M: McuType> {
    session: Session<Idle, M>,
    offered: Vec<AdvertisedMcu>,
}

impl<M: McuType> AmbiguousOffer<M> {
    pub(crate) fn new(session: Session<Idle, M>, offered: Vec<AdvertisedMcu>) -> Self {
        Self { session, offered }
    }

    /// The session, Idle and unchanged, and the offer, handed back.
    pub fn into_parts(self) -> (Session<Idle, M>, Vec<AdvertisedMcu>) {
        (self.session, self.offered)
    }
}

/// An Active session again after Retrying (transitions 4a and 4b), with what
/// the application must do about its call with the MCU.
///
/// The session is inside the variants, so getting it out means looking at
/// which one it is.
///
/// ```
/// use mcu_session::Resumed;
/// # use mcu_session::{InstantMessagingMcuSession, McuInfo, Uri};
/// # let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// # let active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// match active.focus_reconnecting().failover_completed() {
///     Resumed::CallKept(active) => { let _ = active; } // the call survived 3b
///     Resumed::NewCallNeeded(_) => unreachable!(),
/// }
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
#[must_use = "the session is inside, and it may need a new call: match on it"]
pub enum Resumed<M: McuType> {
    /// The call with the MCU survived (the session was Retrying because the
    /// focus connection was re-established, transition 3b).
    CallKept(Session<Active, M>),
    /// The call with the MCU was terminated by its failover (transition 3a):
    /// set up a new one.
    NewCallNeeded(Session<Active, M>),
}

impl<M: McuType> Resumed<M> {
    pub(crate) fn new(call: McuCall, session: Session<Active, M>) -> Self {
        match call {
            McuCall::Kept => Self::CallKept(session),
            McuCall::Terminated => Self::NewCallNeeded(session),
        }
    }

    /// What happened to the call while the session was Retrying.
    pub fn call(&self) -> McuCall {
        match self {
            Self::CallKept(_) => McuCall::Kept,
            Self::NewCallNeeded(_) => McuCall::Terminated,
        }
    }

    /// The Active session, for callers that checked [`Resumed::call`].
    pub fn into_session(self) -> Session<Active, M> {
        match self {
            Self::CallKept(session) | Self::NewCallNeeded(session) => session,
        }
    }
}

/// The result of [`Session::focus_reconnected`]: Active if the focus reported
/// the MCU active (4b), Idle if not (4c).
///
/// ```
/// use mcu_session::{McuStatus, Reconnected};
/// # use mcu_session::{InstantMessagingMcuSession, McuInfo, Uri};
/// # let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// # let active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let idle = match active.mcu_failing_over().focus_reconnected(McuStatus::NotActive) {
///     Reconnected::Idle(idle) => idle, // 4c: wait for transition 1
///     Reconnected::Active(_) => unreachable!(),
/// };
/// assert!(idle.mcu().is_some()); // still bound
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
#[must_use = "the session is inside: match to keep it"]
pub enum Reconnected<M: McuType> {
    /// Transition 4b: the MCU is active.
    Active(Resumed<M>),
    /// Transition 4c: the MCU is not (yet) active; transition 1 follows when
    /// it is.
    Idle(Session<Idle, M>),
}
