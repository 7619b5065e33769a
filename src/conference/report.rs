//! What the focus reports about one MCU, as the conference takes it: the
//! per-MCU reports only, typed by the MCU, so that a conference cause or
//! another MCU's entry given to the wrong session is a compile error.

use crate::mcu::event::Event;
use crate::mcu_type::{AdvertisedMcu, McuInfo, McuType, WrongMcuType};
use crate::request::operation::Response;
use crate::roster::Attendance;

/// A report about the MCU of type `M`, for the conference's MCU session of
/// that type ([`mcu_event`](crate::ConferenceSession::mcu_event)): what
/// happens to one MCU, never what the conference causes for all of them.
///
/// An [`Event`] names every cause an MCU session has, the conference's own
/// included (the join's offer, a focus failover and reconnection, the
/// conference's end), and carries an untyped MCU entry; the conference runs
/// its own causes through its own transitions, for every MCU session at
/// once, and an activation must carry an entry of the session's type. So
/// the conference takes this narrower type: the reference's per-MCU causes
/// (activation 1, MCU failover 3a and 4a) and what concerns one MCU in
/// place (attendance, the focus's answers), and no other.
///
/// ```
/// use mcu_session::conference::McuReport;
/// use mcu_session::{AdvertisedMcu, ConferenceSession, InstantMessaging, InstantMessagingMcuSession, McuSessionState, Uri};
///
/// let focus = Uri::parse("sip:conf@contoso.com")?;
/// let mut conference = ConferenceSession::new(focus.clone());
/// conference.attach(InstantMessagingMcuSession::new(focus))?;
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let mut connected = conference.join().joined([chat.clone()])?;
/// connected.mcu_event(McuReport::<InstantMessaging>::activated(chat)?, std::time::Instant::now())?;
/// assert_eq!(connected.mcu::<InstantMessaging>().map(|s| s.state()), Some(McuSessionState::Active));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum McuReport<M: McuType> {
    /// The MCU became active (transition 1), with its entry.
    Activated(McuInfo<M>),
    /// The focus detected that the MCU is failing over (transition 3a).
    FailingOver,
    /// The MCU failover completed (transition 4a).
    FailoverCompleted,
    /// The MCU's roster changed.
    Attendance(Attendance),
    /// The focus answered a request the session sent to the MCU.
    Response(Response),
}

impl<M: McuType> McuReport<M> {
    /// The MCU became active, as the conference's offer lists it: refused,
    /// the entry handed back, when its MCU type is not `M`'s.
    ///
    /// ```
    /// use mcu_session::conference::McuReport;
    /// use mcu_session::{AdvertisedMcu, AudioVideo, InstantMessaging, Uri};
    ///
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// assert!(McuReport::<AudioVideo>::activated(chat.clone()).is_err());
    /// assert!(McuReport::<InstantMessaging>::activated(chat).is_ok());
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn activated(mcu: AdvertisedMcu) -> Result<Self, WrongMcuType> {
        McuInfo::try_from(mcu).map(Self::Activated)
    }
}

/// The report as the MCU session's own [`Event`], as a refusal hands it
/// back.
///
/// ```
/// use mcu_session::conference::McuReport;
/// use mcu_session::{Event, InstantMessaging};
///
/// assert_eq!(Event::from(McuReport::<InstantMessaging>::FailingOver), Event::McuFailingOver);
/// ```
impl<M: McuType> From<McuReport<M>> for Event {
    fn from(report: McuReport<M>) -> Self {
        match report {
            McuReport::Activated(mcu) => Self::McuActivated {
                mcu: mcu.into_advertised(),
            },
            McuReport::FailingOver => Self::McuFailingOver,
            McuReport::FailoverCompleted => Self::FailoverCompleted,
            McuReport::Attendance(report) => Self::Attendance { report },
            McuReport::Response(response) => Self::Response { response },
        }
    }
}

/// The event as a report about the MCU of type `M`, for event-driven code
/// that receives [`Event`]s; the event is handed back when it is the
/// conference's own cause (the join's offer, a focus failover or
/// reconnection, the conference's end) or an activation whose entry is
/// another MCU type's.
///
/// ```
/// use mcu_session::conference::McuReport;
/// use mcu_session::{Event, InstantMessaging};
///
/// assert_eq!(McuReport::<InstantMessaging>::try_from(Event::McuFailingOver), Ok(McuReport::FailingOver));
/// assert_eq!(McuReport::<InstantMessaging>::try_from(Event::ConferenceTerminated), Err(Event::ConferenceTerminated));
/// ```
impl<M: McuType> TryFrom<Event> for McuReport<M> {
    type Error = Event;

    fn try_from(event: Event) -> Result<Self, Event> {
        match event {
            Event::McuActivated { mcu } => {
                McuInfo::try_from(mcu)
                    .map(Self::Activated)
                    .map_err(|wrong| Event::McuActivated {
                        mcu: wrong.into_advertised(),
                    })
            }
            Event::McuFailingOver => Ok(Self::FailingOver),
            Event::FailoverCompleted => Ok(Self::FailoverCompleted),
            Event::Attendance { report } => Ok(Self::Attendance(report)),
            Event::Response { response } => Ok(Self::Response(response)),
            other @ (Event::ConferenceJoined { .. }
            | Event::FocusReconnecting
            | Event::FocusReconnected { .. }
            | Event::ConferenceTerminated) => Err(other),
        }
    }
}
