//! What the focus reports about an MCU session, as runtime values.

use core::fmt;

use crate::mcu_type::AdvertisedMcu;
use crate::request::operation::Response;
use crate::roster::Attendance;

/// What the focus reported about the MCU when the conference session
/// reconnected to it (transitions 4b and 4c): "back to Idle or Active based
/// on the MCU state communicated back".
///
/// ```
/// use mcu_session::{McuStatus, Reconnected};
/// # use mcu_session::{InstantMessagingMcuSession, McuInfo, Uri};
/// # let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// # let active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
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
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(tag = "event"))]
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
    /// The focus answered a request the session sent; no state change. The
    /// pending request it answers is settled (see
    /// [`Session::answer`](crate::Session::answer)).
    Response {
        /// The focus's answer.
        response: Response,
    },
    /// The conference session terminated (transitions 5a, 5b, 5c): "Terminating
    /// a conference session terminates all MCU sessions". Everything the
    /// session holds fails first (see
    /// [`Session::conference_terminated`](crate::Session::conference_terminated)).
    ConferenceTerminated,
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
            Self::Response { .. } => EventKind::Response,
            Self::ConferenceTerminated => EventKind::ConferenceTerminated,
        }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind(), f)
    }
}

/// The reports that carry no data: the events of transitions 3a, 3b, 4a,
/// 4b, 4c and 5. `Copy`, so that [`AnySession::apply`](crate::AnySession::apply)
/// takes them inline the way a hand-written machine takes its input, and the
/// conference session runs them on its MCU sessions for its own causes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Signal {
    /// See [`Event::McuFailingOver`] (transition 3a).
    McuFailingOver,
    /// See [`Event::FocusReconnecting`] (transition 3b).
    FocusReconnecting,
    /// See [`Event::FailoverCompleted`] (transition 4a).
    FailoverCompleted,
    /// [`Event::FocusReconnected`] with the MCU active (transition 4b).
    FocusReconnectedActive,
    /// [`Event::FocusReconnected`] with the MCU not active (transition 4c).
    FocusReconnectedNotActive,
    /// See [`Event::ConferenceTerminated`] (transitions 5a, 5b, 5c).
    ConferenceTerminated,
}

impl Signal {
    /// Which kind of report this is.
    #[must_use]
    pub(crate) fn kind(self) -> EventKind {
        Event::from(self).kind()
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind(), f)
    }
}

impl From<Signal> for Event {
    fn from(signal: Signal) -> Self {
        match signal {
            Signal::McuFailingOver => Self::McuFailingOver,
            Signal::FocusReconnecting => Self::FocusReconnecting,
            Signal::FailoverCompleted => Self::FailoverCompleted,
            Signal::FocusReconnectedActive => Self::FocusReconnected {
                mcu: McuStatus::Active,
            },
            Signal::FocusReconnectedNotActive => Self::FocusReconnected {
                mcu: McuStatus::NotActive,
            },
            Signal::ConferenceTerminated => Self::ConferenceTerminated,
        }
    }
}

/// The data-free events are signals; an event that carries data is handed
/// back.
impl TryFrom<Event> for Signal {
    type Error = Event;

    fn try_from(event: Event) -> Result<Self, Event> {
        match event {
            Event::McuFailingOver => Ok(Self::McuFailingOver),
            Event::FocusReconnecting => Ok(Self::FocusReconnecting),
            Event::FailoverCompleted => Ok(Self::FailoverCompleted),
            Event::FocusReconnected {
                mcu: McuStatus::Active,
            } => Ok(Self::FocusReconnectedActive),
            Event::FocusReconnected {
                mcu: McuStatus::NotActive,
            } => Ok(Self::FocusReconnectedNotActive),
            Event::ConferenceTerminated => Ok(Self::ConferenceTerminated),
            other => Err(other),
        }
    }
}

/// The kind of an [`Event`], without its data: what the
/// [transition table](crate::mcu::transitions::TRANSITIONS) is keyed by.
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
    /// See [`Event::Response`].
    Response,
    /// See [`Event::ConferenceTerminated`].
    ConferenceTerminated,
}

impl EventKind {
    /// Every kind of event.
    pub const ALL: [Self; 9] = [
        Self::ConferenceJoined,
        Self::McuActivated,
        Self::McuFailingOver,
        Self::FocusReconnecting,
        Self::FailoverCompleted,
        Self::FocusReconnected,
        Self::Attendance,
        Self::Response,
        Self::ConferenceTerminated,
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
            Self::Response => "Response",
            Self::ConferenceTerminated => "ConferenceTerminated",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Decoding an [`Event`] is strict: a JSON object with an `event` key naming
/// the kind and exactly that kind's fields. An unknown or repeated field,
/// a field another kind has, a missing one, or the array form is an error
/// that names it. The fields are decoded as they come, never buffered
/// whole, so decoding takes memory in proportion to the event itself.
#[cfg(feature = "serde")]
pub use wire::EventSeed;

#[cfg(feature = "serde")]
mod wire {
    use core::fmt;

    use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};

    use super::{Event, EventKind, McuStatus};
    use crate::mcu_type::AdvertisedMcu;
    use crate::request::operation::{Capacities, Response};
    use crate::roster::{Attendance, AttendanceSeed};

    /// `mcu` before `event`: which of the two it is shows in its form.
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum AnyMcu {
        Status(McuStatus),
        Advertised(AdvertisedMcu),
    }

    #[derive(serde::Deserialize)]
    #[serde(field_identifier, rename_all = "lowercase")]
    enum Field {
        Event,
        Offered,
        Mcu,
        Report,
        Response,
    }

    impl EventKind {
        /// The fields besides `event` this kind has.
        fn fields(self) -> &'static [&'static str] {
            match self {
                Self::ConferenceJoined => &["offered"],
                Self::McuActivated | Self::FocusReconnected => &["mcu"],
                Self::Attendance => &["report"],
                Self::Response => &["response"],
                Self::McuFailingOver
                | Self::FocusReconnecting
                | Self::FailoverCompleted
                | Self::ConferenceTerminated => &[],
            }
        }
    }

    impl<'de> Deserialize<'de> for EventKindName {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            EventKind::ALL
                .into_iter()
                .find(|kind| kind.as_str() == name)
                .map(EventKindName)
                .ok_or_else(|| de::Error::unknown_variant(&name, EVENT_KINDS))
        }
    }

    struct EventKindName(EventKind);

    const EVENT_KINDS: &[&str] = &[
        "ConferenceJoined",
        "McuActivated",
        "McuFailingOver",
        "FocusReconnecting",
        "FailoverCompleted",
        "FocusReconnected",
        "Attendance",
        "Response",
        "ConferenceTerminated",
    ];

    /// Decodes an [`Event`] within the default [`Capacities`]: see
    /// [`EventSeed`] for a session's own.
    impl<'de> Deserialize<'de> for Event {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            EventSeed::within(&Capacities::default()).deserialize(deserializer)
        }
    }

    /// Decodes an [`Event`] for a session with these [`Capacities`]: a
    /// fresh roster of more endpoints than the session holds is refused
    /// while it is decoded, after at most that many endpoints, instead of
    /// being built whole and then refused by
    /// [`apply`](crate::AnySession::apply) as
    /// [`RosterFull`](crate::AttendanceProblem::RosterFull). Decoding an
    /// `Event` with `Deserialize` applies the default capacities.
    ///
    /// ```
    /// use serde::de::DeserializeSeed;
    /// use mcu_session::{Capacities, Event, EventSeed};
    ///
    /// let roster = r#"{"event": "Attendance", "report": {"kind": "Refreshed", "data": [
    ///     {"uri": "sip:a@contoso.com", "role": "Attendee"},
    ///     {"uri": "sip:b@contoso.com", "role": "Attendee"}]}}"#;
    /// let small = Capacities { operations: 10, endpoints: 1, ..Capacities::default() };
    /// let error = EventSeed::within(&small)
    ///     .deserialize(&mut serde_json::Deserializer::from_str(roster))
    ///     .unwrap_err();
    /// assert!(error.to_string().contains("more than 1 endpoints"));
    /// let event: Event = serde_json::from_str(roster)?; // the default capacities
    /// # let _ = event;
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[derive(Debug, Clone, Copy)]
    pub struct EventSeed {
        attendance: AttendanceSeed,
    }

    impl EventSeed {
        /// A decoder for a session that holds at most `capacities`.
        #[must_use]
        pub fn within(capacities: &Capacities) -> Self {
            Self {
                attendance: AttendanceSeed::within(capacities),
            }
        }
    }

    impl<'de> DeserializeSeed<'de> for EventSeed {
        type Value = Event;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Event, D::Error> {
            deserializer.deserialize_map(EventVisitor {
                attendance: self.attendance,
            })
        }
    }

    struct EventVisitor {
        attendance: AttendanceSeed,
    }

    enum Mcu {
        Status(McuStatus),
        Advertised(AdvertisedMcu),
    }

    impl<'de> Visitor<'de> for EventVisitor {
        type Value = Event;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an MCU session event: an object with an `event` key")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event, A::Error> {
            let mut kind: Option<EventKind> = None;
            let mut offered: Option<Vec<AdvertisedMcu>> = None;
            let mut mcu: Option<Mcu> = None;
            let mut report: Option<Attendance> = None;
            let mut response: Option<Response> = None;
            while let Some(field) = map.next_key::<Field>()? {
                let name = match field {
                    Field::Event => "event",
                    Field::Offered => "offered",
                    Field::Mcu => "mcu",
                    Field::Report => "report",
                    Field::Response => "response",
                };
                let repeated = match field {
                    Field::Event => kind.is_some(),
                    Field::Offered => offered.is_some(),
                    Field::Mcu => mcu.is_some(),
                    Field::Report => report.is_some(),
                    Field::Response => response.is_some(),
                };
                if repeated {
                    return Err(de::Error::duplicate_field(name));
                }
                if let Some(kind) = kind {
                    if !field_allowed(kind, name) {
                        return Err(unknown_field(kind, name));
                    }
                }
                match field {
                    Field::Event => {
                        let EventKindName(named) = map.next_value()?;
                        // Fields read before the kind was known must fit it.
                        for (present, other) in [
                            (offered.is_some(), "offered"),
                            (mcu.is_some(), "mcu"),
                            (report.is_some(), "report"),
                            (response.is_some(), "response"),
                        ] {
                            if present && !field_allowed(named, other) {
                                return Err(unknown_field(named, other));
                            }
                        }
                        kind = Some(named);
                    }
                    Field::Offered => offered = Some(map.next_value()?),
                    Field::Report => report = Some(map.next_value_seed(self.attendance)?),
                    Field::Response => response = Some(map.next_value()?),
                    Field::Mcu => {
                        mcu = Some(match kind {
                            Some(EventKind::McuActivated) => Mcu::Advertised(map.next_value()?),
                            Some(_) => Mcu::Status(map.next_value()?),
                            None => match map.next_value::<AnyMcu>()? {
                                AnyMcu::Status(status) => Mcu::Status(status),
                                AnyMcu::Advertised(advertised) => Mcu::Advertised(advertised),
                            },
                        });
                    }
                }
            }
            let kind = kind.ok_or_else(|| de::Error::missing_field("event"))?;
            Ok(match kind {
                EventKind::ConferenceJoined => Event::ConferenceJoined {
                    offered: offered.ok_or_else(|| de::Error::missing_field("offered"))?,
                },
                EventKind::McuActivated => match mcu {
                    Some(Mcu::Advertised(mcu)) => Event::McuActivated { mcu },
                    Some(Mcu::Status(_)) => {
                        return Err(de::Error::custom(
                            "event McuActivated: `mcu` must be the MCU's entry (mcu_type, uri, display_text)",
                        ));
                    }
                    None => return Err(de::Error::missing_field("mcu")),
                },
                EventKind::FocusReconnected => match mcu {
                    Some(Mcu::Status(mcu)) => Event::FocusReconnected { mcu },
                    Some(Mcu::Advertised(_)) => {
                        return Err(de::Error::custom(
                            "event FocusReconnected: `mcu` must be `Active` or `NotActive`",
                        ));
                    }
                    None => return Err(de::Error::missing_field("mcu")),
                },
                EventKind::Attendance => Event::Attendance {
                    report: report.ok_or_else(|| de::Error::missing_field("report"))?,
                },
                EventKind::Response => Event::Response {
                    response: response.ok_or_else(|| de::Error::missing_field("response"))?,
                },
                EventKind::McuFailingOver => Event::McuFailingOver,
                EventKind::FocusReconnecting => Event::FocusReconnecting,
                EventKind::FailoverCompleted => Event::FailoverCompleted,
                EventKind::ConferenceTerminated => Event::ConferenceTerminated,
            })
        }
    }

    fn field_allowed(kind: EventKind, name: &str) -> bool {
        name == "event" || kind.fields().contains(&name)
    }

    fn unknown_field<E: de::Error>(kind: EventKind, name: &str) -> E {
        let expected = kind.fields();
        if expected.is_empty() {
            E::custom(format_args!(
                "event {kind} has no fields, but `{name}` was given"
            ))
        } else {
            E::custom(format_args!(
                "event {kind} has no field `{name}` (it has: {})",
                expected.join(", ")
            ))
        }
    }
}
