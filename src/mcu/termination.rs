//! Why a session is [`Terminated`](crate::Terminated): the data of the
//! transitions into it.

use core::fmt;

use crate::mcu_type::AdvertisedMcu;
use crate::uri::Uri;

/// Why a session is [`Terminated`](crate::Terminated): one variant per cause
/// the reference documents, each holding exactly what that cause knows.
///
/// - [`McuTypeNotOffered`](Self::McuTypeNotOffered): the joined conference
///   does not offer the session's MCU type (transition 2, "the parent
///   ConferenceSession object joins a conference that does not support the
///   same MCU type").
/// - [`ConferenceTerminated`](Self::ConferenceTerminated): the conference
///   session terminated (transitions 5a, 5b, 5c): "Terminating a conference
///   session terminates all MCU sessions" (UCMA 4.0, Shutdown and
///   termination).
///
/// ```
/// use mcu_session::{AdvertisedMcu, AudioVideoMcuSession, InstantMessaging, Joined, TerminationReason, Uri};
///
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let session = AudioVideoMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let Ok(Joined::Unsupported(terminated)) = session.conference_joined([chat]) else { unreachable!() };
/// let TerminationReason::McuTypeNotOffered(not_offered) = terminated.reason() else { unreachable!() };
/// assert_eq!(not_offered.missing_mcu_type(), "audio-video");
/// assert_eq!(not_offered.offered_mcu_types().collect::<Vec<_>>(), ["chat"]);
///
/// let ended = AudioVideoMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_terminated();
/// assert!(matches!(ended.reason(), TerminationReason::ConferenceTerminated(_)));
/// assert_eq!(ended.reason().to_string(), "the conference session of sip:conf@contoso.com terminated");
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TerminationReason {
    /// Transition 2: the joined conference does not offer the session's MCU
    /// type.
    McuTypeNotOffered(McuTypeNotOffered),
    /// Transitions 5a, 5b and 5c: the conference session terminated, and
    /// with it every MCU session.
    ConferenceTerminated(ConferenceTerminated),
}

impl TerminationReason {
    /// The conference whose session ended.
    ///
    /// ```
    /// use mcu_session::{InstantMessagingMcuSession, Uri};
    ///
    /// let terminated = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_terminated();
    /// assert_eq!(terminated.reason().conference().as_str(), "sip:conf@contoso.com");
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn conference(&self) -> &Uri {
        match self {
            Self::McuTypeNotOffered(reason) => &reason.conference,
            Self::ConferenceTerminated(reason) => &reason.conference,
        }
    }
}

/// Transition 2's reason: the conference that was joined, the MCU type the
/// session needed, and the MCUs the conference does offer, kept as the focus
/// sent them (moved, not copied, out of the report). Its fields are private:
/// only transition 2 (or a wire form checked the same way) makes one, so the
/// missing type is never among those offered.
///
/// ```
/// use mcu_session::{AudioVideoMcuSession, Joined, TerminationReason, Uri};
///
/// let session = AudioVideoMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let Ok(Joined::Unsupported(terminated)) = session.conference_joined([]) else { unreachable!() };
/// let TerminationReason::McuTypeNotOffered(reason) = terminated.reason() else { unreachable!() };
/// assert_eq!(reason.missing_mcu_type(), "audio-video");
/// assert!(reason.offered().is_empty());
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct McuTypeNotOffered {
    conference: Uri,
    missing: MissingType,
    offered: Vec<AdvertisedMcu>,
}

impl McuTypeNotOffered {
    /// The conference that was joined.
    #[must_use]
    pub fn conference(&self) -> &Uri {
        &self.conference
    }

    /// The MCU type string the session needed and the conference lacks.
    #[must_use]
    pub fn missing_mcu_type(&self) -> &str {
        self.missing.as_str()
    }

    /// The MCUs the conference does offer, as advertised.
    #[must_use]
    pub fn offered(&self) -> &[AdvertisedMcu] {
        &self.offered
    }

    /// The MCU type strings the conference does offer, as advertised.
    pub fn offered_mcu_types(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.offered.iter().map(|mcu| mcu.mcu_type.as_str())
    }
}

/// Transitions 5a, 5b and 5c's reason: the conference session terminated.
/// What it held failed with this reason before the session ended: "A
/// component will not complete a terminate operation until all contained
/// components and pending operations are completed."
///
/// ```
/// use mcu_session::{InstantMessagingMcuSession, TerminationReason, Uri};
///
/// let terminated = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_terminated();
/// let TerminationReason::ConferenceTerminated(reason) = terminated.reason() else { unreachable!() };
/// assert_eq!(reason.conference().as_str(), "sip:conf@contoso.com");
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConferenceTerminated {
    conference: Uri,
}

impl ConferenceTerminated {
    /// The conference whose session terminated.
    #[must_use]
    pub fn conference(&self) -> &Uri {
        &self.conference
    }
}

impl TerminationReason {
    /// Transition 2's reason.
    pub(crate) fn not_offered(
        conference: Uri,
        missing: &'static str,
        offered: Vec<AdvertisedMcu>,
    ) -> Self {
        Self::McuTypeNotOffered(McuTypeNotOffered {
            conference,
            missing: MissingType::Known(missing),
            offered,
        })
    }

    /// Transitions 5a, 5b and 5c's reason, for `conference`: what an
    /// application compares a failed operation's reason with (a session
    /// is terminated only by its transitions, never by making this).
    ///
    /// ```
    /// use mcu_session::{InstantMessagingMcuSession, TerminationReason, Uri};
    ///
    /// let focus = Uri::parse("sip:conf@contoso.com")?;
    /// let terminated = InstantMessagingMcuSession::new(focus.clone()).conference_terminated();
    /// assert_eq!(terminated.reason(), &TerminationReason::conference_terminated(focus));
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn conference_terminated(conference: Uri) -> Self {
        Self::ConferenceTerminated(ConferenceTerminated { conference })
    }
}

/// The MCU type a session needed: its own type's `'static` string when
/// transition 2 records it, the decoded text when a wire form does. Equal
/// and hashed by the text, whichever it is.
#[derive(Debug, Clone)]
enum MissingType {
    Known(&'static str),
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    Decoded(Box<str>),
}

impl MissingType {
    fn as_str(&self) -> &str {
        match self {
            Self::Known(known) => known,
            Self::Decoded(decoded) => decoded,
        }
    }
}

impl PartialEq for MissingType {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for MissingType {}

impl core::hash::Hash for MissingType {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// Wire strings are printed escaped: an advertised MCU type cannot put a
/// control character or an escape sequence into a log line.
impl fmt::Display for TerminationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::McuTypeNotOffered(reason) => fmt::Display::fmt(reason, f),
            Self::ConferenceTerminated(reason) => fmt::Display::fmt(reason, f),
        }
    }
}

impl fmt::Display for McuTypeNotOffered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "conference {} offers no `{}` MCU (it offers: ",
            self.conference,
            self.missing.as_str().escape_debug()
        )?;
        if self.offered.is_empty() {
            f.write_str("nothing")?;
        }
        for (i, mcu_type) in self.offered_mcu_types().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            write!(f, "{separator}`{}`", mcu_type.escape_debug())?;
        }
        f.write_str(")")
    }
}

impl fmt::Display for ConferenceTerminated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the conference session of {} terminated",
            self.conference
        )
    }
}

/// The wire form: a `cause` naming the variant and exactly its fields. A
/// reason whose missing MCU type is among those it says were offered
/// contradicts itself and is refused, as is an empty MCU type.
#[cfg(feature = "serde")]
mod wire {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{ConferenceTerminated, McuTypeNotOffered, MissingType, TerminationReason};
    use crate::mcu_type::AdvertisedMcu;
    use crate::uri::Uri;

    #[derive(Serialize, Deserialize)]
    #[serde(tag = "cause", deny_unknown_fields)]
    enum Record<'a> {
        McuTypeNotOffered {
            conference: Uri,
            #[serde(borrow)]
            missing: std::borrow::Cow<'a, str>,
            offered: Vec<AdvertisedMcu>,
        },
        ConferenceTerminated {
            conference: Uri,
        },
    }

    impl Serialize for TerminationReason {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Self::McuTypeNotOffered(reason) => Record::McuTypeNotOffered {
                    conference: reason.conference.clone(),
                    missing: reason.missing.as_str().into(),
                    offered: reason.offered.clone(),
                },
                Self::ConferenceTerminated(reason) => Record::ConferenceTerminated {
                    conference: reason.conference.clone(),
                },
            }
            .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for TerminationReason {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let record = crate::strict::map_only(
                deserializer,
                "a termination reason: an object with a cause and its fields",
            )?;
            Ok(match record {
                Record::McuTypeNotOffered {
                    conference,
                    missing,
                    offered,
                } => {
                    if missing.is_empty() {
                        return Err(D::Error::custom("the missing MCU type is empty"));
                    }
                    if offered.iter().any(|mcu| mcu.mcu_type == missing) {
                        return Err(D::Error::custom(format_args!(
                            "the conference offers the `{}` MCU it is said to lack",
                            missing.escape_debug()
                        )));
                    }
                    Self::McuTypeNotOffered(McuTypeNotOffered {
                        conference,
                        missing: MissingType::Decoded(missing.into()),
                        offered,
                    })
                }
                Record::ConferenceTerminated { conference } => {
                    Self::ConferenceTerminated(ConferenceTerminated { conference })
                }
            })
        }
    }
}
