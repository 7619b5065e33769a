//! What the focus reports about an MCU session, as runtime values.

use core::fmt;

use crate::mcu::AdvertisedMcu;
use crate::roster::Attendance;

/// What the focus reported about the MCU when the conference session
/// reconnected to it (transitions 4b and 4c): "back to Idle or Active based
/// on the MCU state communicated back".
///
/// ```
/// use mcu_session::{McuStatus, Reconnected};
/// # use mcu_session::{InstantMessagingMcuSession, McuInfo, Uri};
/// # let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// # let active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
/// let reconnected = active.focus_reconnecting().focus_reconnected(McuStatus::NotActive);
/// assert!(matches!(reconnected, Reconnected::Idle(_)));
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum McuStatus {
    /// The MCU is active: the session becomes [`Active`](crate::Active) (4b).
    Active,
    /// The MCU is not (yet) active: the session goes back to
    /// [`Idle`](crate::Idle) (4c).
    NotActive,
}

/// One report from the focus that may move an MCU session, as event-driven
/// code receives it: the runtime counterpart of the typed transition methods.
///
/// Feed it to [`AnySession::apply`](crate::AnySession::apply). Each variant
/// is one documented cause; wire data travels inside it unchecked, and
/// `apply` checks it against the session.
///
/// ```
/// use mcu_session::{Event, EventKind, McuStatus};
///
/// let event = Event::FocusReconnected { mcu: McuStatus::NotActive };
/// assert_eq!(event.kind(), EventKind::FocusReconnected);
/// assert_eq!(event.to_string(), "FocusReconnected");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "event", deny_unknown_fields)
)]
// An explicit tag: telling the kinds apart is one load, where a niche in the
// MCU's strings took several instructions per event.
#[repr(u8)]
pub enum Event {
    /// The conference session joined a conference that offers these MCUs:
    /// binds an Idle session, or terminates it (transition 2) when its MCU
    /// type is not among them.
    ConferenceJoined {
        /// The MCUs the conference advertises.
        offered: Vec<AdvertisedMcu>,
    },
    /// The MCU became active (transition 1); the report carries its entry.
    McuActivated {
        /// The MCU as the focus describes it; its type must be the session's.
        mcu: AdvertisedMcu,
    },
    /// The focus detected that the MCU is failing over (transition 3a).
    McuFailingOver,
    /// The conference session is reconnecting to the focus (transition 3b).
    FocusReconnecting,
    /// The MCU failover completed (transition 4a).
    FailoverCompleted,
    /// The conference session reconnected to the focus (4b or 4c).
    FocusReconnected {
        /// What the focus reported about the MCU.
        mcu: McuStatus,
    },
    /// Who attends the MCU changed; no state change.
    Attendance {
        /// The focus's report.
        report: Attendance,
    },
}

impl Event {
    /// Which kind of report this is, without its data.
    #[must_use]
    pub fn kind(&self) -> EventKind {
        match self {
            Self::ConferenceJoined { .. } => EventKind::ConferenceJoined,
            Self::McuActivated { .. } => EventKind::McuActivated,
            Self::McuFailingOver => EventKind::McuFailingOver,
            Self::FocusReconnecting => EventKind::FocusReconnecting,
            Self::FailoverCompleted => EventKind::FailoverCompleted,
            Self::FocusReconnected { .. } => EventKind::FocusReconnected,
            Self::Attendance { .. } => EventKind::Attendance,
        }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind(), f)
    }
}

/// The kind of an [`Event`], without its data: what the
/// [transition table](crate::transitions::TRANSITIONS) is keyed by.
///
/// ```
/// use mcu_session::EventKind;
///
/// assert_eq!(EventKind::McuFailingOver.to_string(), "McuFailingOver");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum EventKind {
    /// See [`Event::ConferenceJoined`].
    ConferenceJoined,
    /// See [`Event::McuActivated`].
    McuActivated,
    /// See [`Event::McuFailingOver`].
    McuFailingOver,
    /// See [`Event::FocusReconnecting`].
    FocusReconnecting,
    /// See [`Event::FailoverCompleted`].
    FailoverCompleted,
    /// See [`Event::FocusReconnected`].
    FocusReconnected,
    /// See [`Event::Attendance`].
    Attendance,
}

impl EventKind {
    /// Every kind of event.
    pub const ALL: [Self; 7] = [
        Self::ConferenceJoined,
        Self::McuActivated,
        Self::McuFailingOver,
        Self::FocusReconnecting,
        Self::FailoverCompleted,
        Self::FocusReconnected,
        Self::Attendance,
    ];

    /// The variant's name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ConferenceJoined => "ConferenceJoined",
            Self::McuActivated => "McuActivated",
            Self::McuFailingOver => "McuFailingOver",
            Self::FocusReconnecting => "FocusReconnecting",
            Self::FailoverCompleted => "FailoverCompleted",
            Self::FocusReconnected => "FocusReconnected",
            Self::Attendance => "Attendance",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
