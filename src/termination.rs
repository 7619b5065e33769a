//! Why a session is [`Terminated`](crate::Terminated): the data of the one
//! transition into it.

use core::fmt;

use crate::mcu::AdvertisedMcu;
use crate::uri::Uri;

/// Why a session is [`Terminated`](crate::Terminated): the joined conference
/// does not offer its MCU type (transition 2, "the parent ConferenceSession
/// object joins a conference that does not support the same MCU type").
///
/// ```
/// use mcu_session::{AdvertisedMcu, AudioVideoMcuSession, InstantMessaging, Joined, Uri};
///
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let session = AudioVideoMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let Joined::Unsupported(terminated) = session.conference_joined([chat]) else { unreachable!() };
/// let reason = terminated.reason();
/// assert_eq!(reason.missing_mcu_type(), "audio-video");
/// assert_eq!(reason.offered_mcu_types().collect::<Vec<_>>(), ["chat"]);
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TerminationReason {
    conference: Uri,
    missing: &'static str,
    /// The MCUs the conference advertised, kept as the focus sent them:
    /// moved, not copied, out of the report.
    offered: Vec<AdvertisedMcu>,
}

impl TerminationReason {
    pub(crate) fn new(conference: Uri, missing: &'static str, offered: Vec<AdvertisedMcu>) -> Self {
        Self {
            conference,
            missing,
            offered,
        }
    }

    /// The conference that was joined.
    #[must_use]
    pub fn conference(&self) -> &Uri {
        &self.conference
    }

    /// The MCU type string the session needed and the conference lacks.
    #[must_use]
    pub fn missing_mcu_type(&self) -> &'static str {
        self.missing
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

/// Wire strings are printed escaped: an advertised MCU type cannot put a
/// control character or an escape sequence into a log line.
impl fmt::Display for TerminationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "conference {} offers no `{}` MCU (it offers: ",
            self.conference, self.missing
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
