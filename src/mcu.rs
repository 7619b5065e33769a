//! MCU types: the media-specific part of a session, and the MCU information
//! the focus hands out.
//!
//! The reference splits an MCU session into a media-agnostic base class and
//! one subclass per MCU type. Here the base class is
//! [`Session<S, M>`](crate::Session) and the subclass is its `M` parameter: a
//! type implementing [`McuType`]. The trait is open, so an application can
//! add an MCU type this crate does not know (for example `meeting`).

use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;

use crate::Uri;

/// A kind of Multipoint Control Unit, as the focus names it on the wire.
///
/// Implement it on an uninhabited enum to add an MCU type:
///
/// ```
/// use mcu_session::{McuType, Session, Uri};
///
/// /// The data-collaboration MCU.
/// pub enum Meeting {}
///
/// impl McuType for Meeting {
///     const MCU_TYPE: &'static str = "meeting";
///     const MEDIA_TYPES: &'static [&'static str] = &["data"];
/// }
///
/// let session = Session::<_, Meeting>::new(Uri::parse("sip:conf@contoso.com")?);
/// assert_eq!(session.mcu_type(), "meeting");
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
pub trait McuType: Sized + 'static {
    /// The MCU type string the focus uses (`chat`, `audio-video`, ...).
    const MCU_TYPE: &'static str;
    /// The media types this MCU carries (`message`; `audio`, `video`, ...).
    const MEDIA_TYPES: &'static [&'static str];
}

/// The instant messaging MCU (`chat`), carrying `message` media.
///
/// A type-level variant: it only names the `M` of a
/// [`Session`](crate::Session).
///
/// ```
/// use mcu_session::{InstantMessaging, McuType};
///
/// assert_eq!((InstantMessaging::MCU_TYPE, InstantMessaging::MEDIA_TYPES), ("chat", &["message"][..]));
/// ```
#[derive(Debug)]
pub enum InstantMessaging {}

impl McuType for InstantMessaging {
    const MCU_TYPE: &'static str = "chat";
    const MEDIA_TYPES: &'static [&'static str] = &["message"];
}

/// The audio/video MCU (`audio-video`), carrying `audio` and `video` media.
///
/// A type-level variant: it only names the `M` of a
/// [`Session`](crate::Session).
///
/// ```
/// use mcu_session::{AudioVideo, McuType};
///
/// assert_eq!(AudioVideo::MEDIA_TYPES, ["audio", "video"]);
/// ```
#[derive(Debug)]
pub enum AudioVideo {}

impl McuType for AudioVideo {
    const MCU_TYPE: &'static str = "audio-video";
    const MEDIA_TYPES: &'static [&'static str] = &["audio", "video"];
}

/// One MCU that a conference offers, exactly as the focus advertises it.
///
/// This is wire data: its MCU type is a string, because a conference can
/// offer MCU types this crate has never heard of. [`McuInfo<M>`] is the typed
/// form that a session of MCU type `M` keeps.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct AdvertisedMcu {
    /// The MCU type string (`chat`, `audio-video`, `meeting`, `phone-conf`, ...).
    pub mcu_type: String,
    /// Where the MCU is reached.
    pub uri: Uri,
    /// The MCU's display text, when the focus gives one.
    pub display_text: Option<String>,
}

impl AdvertisedMcu {
    /// An advertised MCU of type `M`, as a focus would describe it.
    ///
    /// ```
    /// use mcu_session::{AdvertisedMcu, InstantMessaging, Uri};
    ///
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;gruu;opaque=app:conf:chat:id:1")?, None);
    /// assert_eq!(chat.mcu_type, "chat");
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn of<M: McuType>(uri: Uri, display_text: Option<String>) -> Self {
        Self {
            mcu_type: M::MCU_TYPE.to_owned(),
            uri,
            display_text,
        }
    }
}

/// The information about the MCU of type `M` that a bound session keeps:
/// its URI and display text.
///
/// The MCU type is part of the type, so an instant messaging session cannot
/// be handed the information of an audio/video MCU: that does not compile.
///
/// ```
/// use mcu_session::{AdvertisedMcu, AudioVideo, InstantMessaging, McuInfo, Uri};
///
/// let uri = Uri::parse("sip:conf@contoso.com;gruu;opaque=app:conf:audio-video:id:1")?;
/// let av = AdvertisedMcu::of::<AudioVideo>(uri, Some("Audio/video".to_owned()));
///
/// // Wire data is checked against the MCU type the session expects...
/// let refused = McuInfo::<InstantMessaging>::try_from(av).unwrap_err();
/// assert_eq!(refused.to_string(), "expected a `chat` MCU, the focus advertised `audio-video`");
///
/// // ...and handed back intact when it does not fit.
/// let info = McuInfo::<AudioVideo>::try_from(refused.into_advertised())?;
/// assert_eq!(info.display_text(), Some("Audio/video"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(bound = "", deny_unknown_fields)
)]
pub struct McuInfo<M: McuType> {
    uri: Uri,
    display_text: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip))]
    mcu: PhantomData<fn() -> M>,
}

impl<M: McuType> McuInfo<M> {
    /// The information of an MCU of type `M`.
    #[must_use]
    pub fn new(uri: Uri, display_text: Option<String>) -> Self {
        Self {
            uri,
            display_text,
            mcu: PhantomData,
        }
    }

    /// The MCU type string, `M::MCU_TYPE`.
    #[must_use]
    pub fn mcu_type(&self) -> &'static str {
        M::MCU_TYPE
    }

    /// Where the MCU is reached.
    #[must_use]
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// The MCU's display text, when the focus gave one.
    #[must_use]
    pub fn display_text(&self) -> Option<&str> {
        self.display_text.as_deref()
    }

    /// Back to wire form.
    #[must_use]
    pub fn into_advertised(self) -> AdvertisedMcu {
        AdvertisedMcu {
            mcu_type: M::MCU_TYPE.to_owned(),
            uri: self.uri,
            display_text: self.display_text,
        }
    }
}

impl<M: McuType> TryFrom<AdvertisedMcu> for McuInfo<M> {
    type Error = WrongMcuType;

    /// Keeps `advertised` when its MCU type string is `M::MCU_TYPE`.
    fn try_from(advertised: AdvertisedMcu) -> Result<Self, Self::Error> {
        if advertised.mcu_type == M::MCU_TYPE {
            Ok(Self::new(advertised.uri, advertised.display_text))
        } else {
            Err(WrongMcuType {
                expected: M::MCU_TYPE,
                advertised,
            })
        }
    }
}

// Written by hand: derives would demand `M: Clone + PartialEq + ...` of a
// marker that is never instantiated.
impl<M: McuType> Clone for McuInfo<M> {
    fn clone(&self) -> Self {
        Self::new(self.uri.clone(), self.display_text.clone())
    }
}

impl<M: McuType> PartialEq for McuInfo<M> {
    fn eq(&self, other: &Self) -> bool {
        self.uri == other.uri && self.display_text == other.display_text
    }
}

impl<M: McuType> Eq for McuInfo<M> {}

impl<M: McuType> Hash for McuInfo<M> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.uri.hash(state);
        self.display_text.hash(state);
    }
}

impl<M: McuType> fmt::Debug for McuInfo<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("McuInfo")
            .field("mcu_type", &M::MCU_TYPE)
            .field("uri", &self.uri)
            .field("display_text", &self.display_text)
            .finish()
    }
}

/// The focus advertised an MCU of another type than the session's.
///
/// ```
/// use mcu_session::{AdvertisedMcu, AudioVideo, InstantMessaging, McuInfo, Uri};
///
/// let av = AdvertisedMcu::of::<AudioVideo>(Uri::parse("sip:conf@contoso.com;av")?, None);
/// let wrong = McuInfo::<InstantMessaging>::try_from(av.clone()).unwrap_err();
/// assert_eq!(wrong.expected(), "chat");
/// assert_eq!(wrong.into_advertised(), av);
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a `{expected}` MCU, the focus advertised `{}`", advertised.mcu_type)]
pub struct WrongMcuType {
    expected: &'static str,
    advertised: AdvertisedMcu,
}

impl WrongMcuType {
    /// The MCU type string the session expected.
    #[must_use]
    pub fn expected(&self) -> &'static str {
        self.expected
    }

    /// The advertised MCU, handed back.
    #[must_use]
    pub fn into_advertised(self) -> AdvertisedMcu {
        self.advertised
    }
}
