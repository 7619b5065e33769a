//! The MCU sessions a conference session owns: at most one per MCU type it
//! knows (instant messaging, audio/video), each held as the runtime view so
//! that the conference can run, for one cause, the documented transition of
//! whichever state each one is in.

use std::time::Instant;

use crate::mcu::event::{McuStatus, Signal};
use crate::mcu::runtime::{AnySession, StateChanged};
use crate::mcu::state::McuSessionState;
use crate::mcu_type::{AdvertisedMcu, AudioVideo, InstantMessaging, McuType, same_mcu_type};
use crate::request::queue::earliest;

mod sealed {
    use crate::mcu::runtime::AnySession;

    /// Where a conference keeps its session of this MCU type.
    pub trait Slot: crate::mcu_type::McuType {
        fn slot(mcus: &super::McuSessions) -> &Option<AnySession<Self>>;
        fn slot_mut(mcus: &mut super::McuSessions) -> &mut Option<AnySession<Self>>;
        /// The id the next session of this type numbers from.
        fn next_id(numbering: &Numbering) -> u64;
        /// Its name at run time.
        const KIND: super::McuKind;
        /// A settled operation of this type, as a client's event.
        #[cfg(feature = "xml")]
        fn settled(settled: crate::client::Settled<Self>) -> crate::client::ClientEvent;
    }

    /// Where the MCU sessions a conference handed back (after a failed
    /// escalation) numbered up to, per channel: the fresh sessions attached
    /// for the next join number on from there. [MS-CONFPRO] 2.2.2: a request's
    /// id is "unique among all requests from that sender", and the sender is
    /// the conference session, however often it rejoins. (Conference commands
    /// need nothing of the kind: their queue stays with the conference.)
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Numbering {
        pub(super) instant_messaging: u64,
        pub(super) audio_video: u64,
    }

    impl Default for Numbering {
        /// Ids start at 1, as a fresh session's do.
        fn default() -> Self {
            Self {
                instant_messaging: 1,
                audio_video: 1,
            }
        }
    }
}

pub(crate) use sealed::Numbering;

/// An MCU type a conference session has a place for: [`InstantMessaging`]
/// and [`AudioVideo`], each at most once. Sealed.
///
/// ```
/// use mcu_session::conference::Attachable;
/// use mcu_session::{AudioVideo, InstantMessaging};
///
/// fn has_place<M: Attachable>() {}
/// has_place::<InstantMessaging>();
/// has_place::<AudioVideo>();
/// ```
#[diagnostic::on_unimplemented(
    message = "a conference session has no place for a `{Self}` MCU session",
    label = "not `InstantMessaging` or `AudioVideo`",
    note = "a conference session owns at most one instant messaging and one audio/video MCU session"
)]
pub trait Attachable: sealed::Slot {}

impl sealed::Slot for InstantMessaging {
    fn slot(mcus: &McuSessions) -> &Option<AnySession<Self>> {
        &mcus.instant_messaging
    }
    fn slot_mut(mcus: &mut McuSessions) -> &mut Option<AnySession<Self>> {
        &mut mcus.instant_messaging
    }
    fn next_id(numbering: &Numbering) -> u64 {
        numbering.instant_messaging
    }
    const KIND: McuKind = McuKind::InstantMessagingMcu;
    #[cfg(feature = "xml")]
    fn settled(settled: crate::client::Settled<Self>) -> crate::client::ClientEvent {
        crate::client::ClientEvent::InstantMessagingOperation(settled)
    }
}
impl Attachable for InstantMessaging {}

impl sealed::Slot for AudioVideo {
    fn slot(mcus: &McuSessions) -> &Option<AnySession<Self>> {
        &mcus.audio_video
    }
    fn slot_mut(mcus: &mut McuSessions) -> &mut Option<AnySession<Self>> {
        &mut mcus.audio_video
    }
    fn next_id(numbering: &Numbering) -> u64 {
        numbering.audio_video
    }
    const KIND: McuKind = McuKind::AudioVideoMcu;
    #[cfg(feature = "xml")]
    fn settled(settled: crate::client::Settled<Self>) -> crate::client::ClientEvent {
        crate::client::ClientEvent::AudioVideoOperation(settled)
    }
}
impl Attachable for AudioVideo {}

/// Which of a conference's MCU sessions, named at run time: the value of
/// an [`Attachable`] type, for what reports and events about either carry.
///
/// ```
/// use mcu_session::conference::McuKind;
/// use mcu_session::InstantMessaging;
///
/// assert_eq!(McuKind::of::<InstantMessaging>(), McuKind::InstantMessagingMcu);
/// assert_eq!(McuKind::AudioVideoMcu.mcu_type(), "audio-video");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
// The variants are not named `InstantMessaging` and `AudioVideo`: a second
// public item of either name makes rustc's messages write the types out
// in full (`mcu_session::InstantMessaging`) wherever they appear.
pub enum McuKind {
    /// The instant messaging MCU session ([`InstantMessaging`]).
    InstantMessagingMcu,
    /// The audio/video MCU session ([`AudioVideo`]).
    AudioVideoMcu,
}

impl McuKind {
    /// The kind of the MCU sessions of type `M`.
    ///
    /// ```
    /// use mcu_session::conference::McuKind;
    /// use mcu_session::AudioVideo;
    ///
    /// assert_eq!(McuKind::of::<AudioVideo>(), McuKind::AudioVideoMcu);
    /// ```
    #[must_use]
    pub const fn of<M: Attachable>() -> Self {
        M::KIND
    }

    /// The MCU type string of its MCU ([`McuType::MCU_TYPE`]).
    ///
    /// ```
    /// use mcu_session::conference::McuKind;
    ///
    /// assert_eq!(McuKind::InstantMessagingMcu.mcu_type(), "chat");
    /// ```
    #[must_use]
    pub const fn mcu_type(self) -> &'static str {
        match self {
            Self::InstantMessagingMcu => InstantMessaging::MCU_TYPE,
            Self::AudioVideoMcu => AudioVideo::MCU_TYPE,
        }
    }
}

/// The MCU sessions of one conference session, as
/// [`release`](crate::ConferenceSession::release) hands them back.
///
/// ```
/// use mcu_session::conference::McuSessions;
///
/// let none = McuSessions::default();
/// assert!(none.mcu::<mcu_session::InstantMessaging>().is_none());
/// ```
#[derive(Debug, Default, PartialEq, Eq)]
#[must_use = "MCU sessions end through their conference; dropping them loses what they hold"]
pub struct McuSessions {
    instant_messaging: Option<AnySession<InstantMessaging>>,
    audio_video: Option<AnySession<AudioVideo>>,
}

/// What the focus reported about a conference's MCUs when it reconnected:
/// whether each is active, which decides 4b or 4c for its MCU session.
///
/// ```
/// use mcu_session::conference::McuStatuses;
/// use mcu_session::McuStatus;
///
/// let statuses = McuStatuses { instant_messaging: McuStatus::Active, audio_video: McuStatus::NotActive };
/// assert_ne!(statuses, McuStatuses::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct McuStatuses {
    /// The instant messaging MCU.
    pub instant_messaging: McuStatus,
    /// The audio/video MCU.
    pub audio_video: McuStatus,
}

/// None active: what a reconnection to the lobby amounts to for the MCUs.
impl Default for McuStatuses {
    fn default() -> Self {
        Self {
            instant_messaging: McuStatus::NotActive,
            audio_video: McuStatus::NotActive,
        }
    }
}

/// The strict wire form: an object with exactly both fields, never serde's
/// array form.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for McuStatuses {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Record {
            instant_messaging: McuStatus,
            audio_video: McuStatus,
        }
        let Record {
            instant_messaging,
            audio_video,
        } = crate::strict::map_only(
            deserializer,
            "MCU statuses: an object with instant_messaging and audio_video",
        )?;
        Ok(Self {
            instant_messaging,
            audio_video,
        })
    }
}

/// What a reconnection did to each of the conference's MCU sessions: the
/// documented transition each took (4b back to Active, 4c back to Idle),
/// or `None` where it left the session as it was (none attached, or not
/// Retrying). A 4b change's [`call`](StateChanged::call) says whether the
/// call with the MCU survived: `Terminated` when an MCU failover (3a) had
/// ended it before the focus failed over, so the application sets up a new
/// one.
///
/// ```
/// use mcu_session::conference::McuReport;
/// use mcu_session::conference::{McuChanges, McuStatuses};
/// use mcu_session::{
///     AdvertisedMcu, ConferenceSession, Event, InstantMessaging, InstantMessagingMcuSession,
///     McuCall, McuStatus, TransitionId, Uri,
/// };
///
/// let focus = Uri::parse("sip:conf@contoso.com")?;
/// let mut conference = ConferenceSession::new(focus.clone());
/// conference.attach(InstantMessagingMcuSession::new(focus))?;
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let mut connected = conference.join().joined([chat.clone()])?;
/// let now = std::time::Instant::now();
/// connected.mcu_event::<InstantMessaging>(McuReport::activated(chat)?, now)?;
/// connected.mcu_event::<InstantMessaging>(McuReport::FailingOver, now)?; // 3a: the call ends
/// let statuses = McuStatuses { instant_messaging: McuStatus::Active, audio_video: McuStatus::NotActive };
/// let (_connected, changes) = connected.reconnecting().reconnected_to_conference(statuses);
/// let im = changes.instant_messaging.expect("it was Retrying");
/// assert_eq!((im.transition(), im.call()), (TransitionId::T4b, Some(McuCall::Terminated)));
/// assert_eq!(changes.audio_video, None); // none attached
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct McuChanges {
    /// The instant messaging MCU session's transition, if it took one.
    pub instant_messaging: Option<StateChanged>,
    /// The audio/video MCU session's transition, if it took one.
    pub audio_video: Option<StateChanged>,
}

/// Why a join's (or an admission's) offer cannot be applied to the
/// conference's MCU sessions; nothing was changed.
///
/// ```
/// use mcu_session::conference::JoinProblem;
///
/// let problem = JoinProblem::OfferedTwice { mcu_type: "chat" };
/// assert_eq!(problem.to_string(), "the conference offers the `chat` MCU more than once");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum JoinProblem {
    /// The offer names an attached session's MCU type more than once: which
    /// entry to bind to would be a guess.
    #[error("the conference offers the `{mcu_type}` MCU more than once")]
    OfferedTwice {
        /// The MCU type.
        mcu_type: &'static str,
    },
    /// The offer lists more MCUs than the conference's capacity
    /// ([`Capacities::offers`](crate::Capacities::offers)).
    #[error("the offer lists more than {capacity} MCUs, the capacity")]
    TooManyOffered {
        /// The capacity.
        capacity: usize,
    },
}

impl McuSessions {
    /// The MCU session of type `M`, if one was attached: read as a
    /// conference's [`mcu`](crate::ConferenceSession::mcu) is.
    ///
    /// ```
    /// # use mcu_session::conference::McuSessions;
    /// use mcu_session::{AudioVideo, InstantMessaging};
    ///
    /// assert!(McuSessions::default().mcu::<InstantMessaging>().is_none());
    /// assert!(McuSessions::default().mcu::<AudioVideo>().is_none());
    /// ```
    #[must_use]
    pub fn mcu<M: Attachable>(&self) -> Option<&AnySession<M>> {
        M::slot(self).as_ref()
    }

    /// The sessions, owned: instant messaging, then audio/video.
    ///
    /// ```
    /// # use mcu_session::conference::McuSessions;
    /// let (im, av) = McuSessions::default().into_parts();
    /// assert!(im.is_none() && av.is_none());
    /// ```
    #[must_use]
    pub fn into_parts(
        self,
    ) -> (
        Option<AnySession<InstantMessaging>>,
        Option<AnySession<AudioVideo>>,
    ) {
        (self.instant_messaging, self.audio_video)
    }

    /// Takes the sessions out, leaving none, and keeps in `numbering` where
    /// each numbered up to, so that a fresh session attached in its place
    /// never repeats an id on the wire.
    pub(crate) fn hand_back(&mut self, numbering: &mut Numbering) -> Self {
        if let Some(session) = &self.instant_messaging {
            numbering.instant_messaging = session.next_request_id();
        }
        if let Some(session) = &self.audio_video {
            numbering.audio_video = session.next_request_id();
        }
        core::mem::take(self)
    }

    /// Attaches `session` in its (empty) place, numbering its requests on
    /// from where the session handed back before it stopped.
    pub(crate) fn attach<M: Attachable>(
        &mut self,
        mut session: AnySession<M>,
        numbering: &Numbering,
    ) {
        session.number_from(M::next_id(numbering));
        *M::slot_mut(self) = Some(session);
    }

    pub(crate) fn get_mut<M: Attachable>(&mut self) -> Option<&mut AnySession<M>> {
        M::slot_mut(self).as_mut()
    }

    pub(crate) fn slot_mut<M: Attachable>(&mut self) -> &mut Option<AnySession<M>> {
        M::slot_mut(self)
    }

    /// Whether `offered` can be applied to every attached session: checked
    /// first, so a refused join changes none of them.
    pub(crate) fn join_problem(&self, offered: &[AdvertisedMcu]) -> Option<JoinProblem> {
        join_problem(self.mcu::<InstantMessaging>(), offered)
            .or_else(|| join_problem(self.mcu::<AudioVideo>(), offered))
    }

    /// The join completed with `offered`: each Idle session is bound, or
    /// terminated by transition 2 when its MCU type is not offered. A
    /// conference joins only from Connecting or InLobby, where no MCU
    /// session is Active or Retrying (activation needs Connected, and a
    /// reconnection into the lobby leaves them Idle); a Terminated one is
    /// not concerned. Call only after [`join_problem`](Self::join_problem)
    /// found none.
    pub(crate) fn join(&mut self, offered: &[AdvertisedMcu]) {
        join_one(self.slot_mut::<InstantMessaging>(), offered);
        join_one(self.slot_mut::<AudioVideo>(), offered);
    }

    /// The focus link is lost: every Active session goes Retrying (3b),
    /// failing what it has pending; a session already Retrying after an
    /// MCU failover (3a) stays Retrying and fails what it has pending too
    /// ("After failover is detected, pending conference operations fail
    /// immediately"): nothing it sent can be answered on a link that is
    /// gone. The others hold nothing pending.
    #[inline(always)]
    pub(crate) fn focus_lost(&mut self) {
        if let Some(session) = self.instant_messaging.as_mut() {
            session.focus_lost_while_retrying();
        }
        if let Some(session) = self.audio_video.as_mut() {
            session.focus_lost_while_retrying();
        }
        let _active_ones_retrying = self.each(Signal::FocusReconnecting, Signal::FocusReconnecting);
    }

    /// The conference reconnected: every Retrying session goes Active (4b)
    /// or Idle (4c) by its MCU's reported status; what each did.
    #[inline(always)]
    pub(crate) fn reconnected(&mut self, statuses: McuStatuses) -> McuChanges {
        self.each(
            reconnected(statuses.instant_messaging),
            reconnected(statuses.audio_video),
        )
    }

    /// The conference ends: every live session terminates (5a, 5b, 5c),
    /// failing what it holds.
    pub(crate) fn terminate(&mut self) {
        let _each_terminated_or_already =
            self.each(Signal::ConferenceTerminated, Signal::ConferenceTerminated);
    }

    /// Runs `im` on the instant messaging session and `av` on the
    /// audio/video one, where attached, and says what each did. A session
    /// in a state the signal is not documented for is not concerned by the
    /// cause (an Idle session by a focus failover, a Terminated one by
    /// anything): its refusal leaves it unchanged, which is exactly what the
    /// reference does to it, and its change is `None`.
    #[inline(always)]
    fn each(&mut self, im: Signal, av: Signal) -> McuChanges {
        McuChanges {
            instant_messaging: self
                .instant_messaging
                .as_mut()
                .and_then(|session| session.signal(im).ok()),
            audio_video: self
                .audio_video
                .as_mut()
                .and_then(|session| session.signal(av).ok()),
        }
    }

    /// The earliest deadline of any attached session.
    pub(crate) fn poll_timeout(&self) -> Option<Instant> {
        let im = self
            .instant_messaging
            .as_ref()
            .and_then(AnySession::poll_timeout);
        let av = self.audio_video.as_ref().and_then(AnySession::poll_timeout);
        earliest(im, av)
    }

    /// Expires what is due in every attached session.
    pub(crate) fn handle_timeout(&mut self, now: Instant) -> usize {
        let im = self
            .instant_messaging
            .as_mut()
            .map_or(0, |session| session.handle_timeout(now));
        let av = self
            .audio_video
            .as_mut()
            .map_or(0, |session| session.handle_timeout(now));
        im + av
    }
}

fn reconnected(status: McuStatus) -> Signal {
    match status {
        McuStatus::Active => Signal::FocusReconnectedActive,
        McuStatus::NotActive => Signal::FocusReconnectedNotActive,
    }
}

fn join_problem<M: McuType>(
    session: Option<&AnySession<M>>,
    offered: &[AdvertisedMcu],
) -> Option<JoinProblem> {
    session.filter(|session| session.state() == McuSessionState::Idle)?;
    let count = offered
        .iter()
        .filter(|mcu| same_mcu_type(&mcu.mcu_type, M::MCU_TYPE))
        .count();
    (count > 1).then_some(JoinProblem::OfferedTwice {
        mcu_type: M::MCU_TYPE,
    })
}

fn join_one<M: McuType>(slot: &mut Option<AnySession<M>>, offered: &[AdvertisedMcu]) {
    if let Some(session) = slot.as_mut() {
        // An Idle session whose type is offered at most once (checked by
        // `join_problem`) accepts it; a Terminated one refuses, unchanged.
        let _unconcerned_if_refused = session.joined(offered.to_vec());
    }
}
