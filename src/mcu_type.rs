//! MCU types: the media-specific part of a session, and the MCU information
//! the focus hands out.
//!
//! The reference splits an MCU session into a media-agnostic base class and
//! one subclass per MCU type. Here the base class is
//! [`Session<S, M>`](crate::Session) and the subclass is its `M` parameter: a
//! type implementing [`McuType`]. The trait is open, so an application can
//! add an MCU type this crate does not know (for example `meeting`).

use core::fmt;
use core::marker::PhantomData;

use crate::uri::Uri;

/// A kind of Multipoint Control Unit, as the focus names it on the wire.
///
/// Implement it on an uninhabited enum to add an MCU type. The derives are
/// what lets sessions, MCU information and operations of your type derive
/// `Debug`, `Clone`, `PartialEq` and `Hash` themselves; an uninhabited enum
/// gets them for free.
///
/// ```
/// use mcu_session::{McuType, Session, Uri};
///
/// /// The data-collaboration MCU.
/// #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
///
/// # The MCU type string is the identity
///
/// On the wire an MCU type *is* its string: two types with the same
/// [`MCU_TYPE`](McuType::MCU_TYPE) accept each other's wire data (an
/// [`AdvertisedMcu`], a serialized [`McuInfo`]). Rust cannot see every MCU
/// type of a program at once, so it cannot refuse a duplicate by itself;
/// [`distinct_mcu_types`] lets you check the types you use at compile time:
///
/// ```
/// use mcu_session::{AudioVideo, InstantMessaging, McuType, distinct_mcu_types};
/// # #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
/// # pub enum Meeting {}
/// # impl McuType for Meeting {
/// #     const MCU_TYPE: &'static str = "meeting";
/// #     const MEDIA_TYPES: &'static [&'static str] = &["data"];
/// # }
///
/// const _: () = assert!(distinct_mcu_types(&[
///     InstantMessaging::MCU_TYPE,
///     AudioVideo::MCU_TYPE,
///     Meeting::MCU_TYPE,
/// ]));
/// ```
pub trait McuType:
    fmt::Debug + Copy + Eq + core::hash::Hash + Send + Sync + Unpin + 'static
{
    /// The MCU type string the focus uses (`chat`, `audio-video`, ...).
    const MCU_TYPE: &'static str;
    /// The media types this MCU carries (`message`; `audio`, `video`, ...).
    const MEDIA_TYPES: &'static [&'static str];
}

/// Whether no two of `mcu_types` are the same string: usable in a `const`
/// assertion, so that two MCU types sharing a wire name fail the build.
///
/// ```
/// use mcu_session::distinct_mcu_types;
///
/// assert!(distinct_mcu_types(&["chat", "audio-video"]));
/// assert!(!distinct_mcu_types(&["chat", "audio-video", "chat"]));
/// ```
#[must_use]
pub const fn distinct_mcu_types(mcu_types: &[&str]) -> bool {
    let mut rest = mcu_types;
    while let [first, tail @ ..] = rest {
        let mut others = tail;
        while let [other, more @ ..] = others {
            if same_mcu_type(first, other) {
                return false;
            }
            others = more;
        }
        rest = tail;
    }
    true
}

/// The one comparison of MCU type strings in the crate: exact, byte for
/// byte, as the focus spells them. `const`, so that [`distinct_mcu_types`]
/// can run at compile time.
pub(crate) const fn same_mcu_type(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    while let ([x, a_rest @ ..], [y, b_rest @ ..]) = (a, b) {
        if *x != *y {
            return false;
        }
        (a, b) = (a_rest, b_rest);
    }
    true
}

/// The MCU type `M` as a value: zero-sized, printed and serialized as
/// `M::MCU_TYPE`, and deserialized only from that string. Types that carry
/// an `M` hold one of these, so they derive their traits and can never lose
/// their MCU type at the wire.
pub(crate) struct Tag<M: McuType>(PhantomData<fn() -> M>);

impl<M: McuType> Tag<M> {
    pub(crate) const fn new() -> Self {
        Self(PhantomData)
    }

    /// Whether a wire MCU type string names `M`.
    pub(crate) fn names(mcu_type: &str) -> bool {
        same_mcu_type(mcu_type, M::MCU_TYPE)
    }
}

// By hand, once: a derive would ask `M` for the trait, and the tag's whole
// point is that it holds no `M`.
impl<M: McuType> Clone for Tag<M> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<M: McuType> Copy for Tag<M> {}
impl<M: McuType> PartialEq for Tag<M> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl<M: McuType> Eq for Tag<M> {}
/// Every `Tag<M>` equals every other, so hashing nothing is what `Eq` asks.
impl<M: McuType> core::hash::Hash for Tag<M> {
    fn hash<H: core::hash::Hasher>(&self, _: &mut H) {}
}
impl<M: McuType> fmt::Debug for Tag<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(M::MCU_TYPE, f)
    }
}

#[cfg(feature = "serde")]
impl<M: McuType> serde::Serialize for Tag<M> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(M::MCU_TYPE)
    }
}

#[cfg(feature = "serde")]
impl<'de, M: McuType> serde::Deserialize<'de> for Tag<M> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<M: McuType>(Tag<M>);
        impl<M: McuType> serde::de::Visitor<'_> for Visitor<M> {
            type Value = Tag<M>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "the MCU type `{}`", M::MCU_TYPE)
            }

            fn visit_str<E: serde::de::Error>(self, mcu_type: &str) -> Result<Tag<M>, E> {
                if Tag::<M>::names(mcu_type) {
                    Ok(self.0)
                } else {
                    Err(E::custom(format_args!(
                        "expected a `{}` MCU, found a `{}` MCU",
                        M::MCU_TYPE,
                        mcu_type.escape_debug()
                    )))
                }
            }
        }
        deserializer.deserialize_str(Visitor(Tag::new()))
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
/// With the `serde` feature it is also part of the wire form, which reads
/// like an [`AdvertisedMcu`]; information of another MCU type is refused
/// when deserialized, so the type parameter cannot be bypassed at the wire.
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(bound = ""))]
pub struct McuInfo<M: McuType> {
    mcu_type: Tag<M>,
    uri: Uri,
    display_text: Option<String>,
}

impl<M: McuType> McuInfo<M> {
    /// The information of an MCU of type `M`.
    #[must_use]
    pub fn new(uri: Uri, display_text: Option<String>) -> Self {
        Self {
            mcu_type: Tag::new(),
            uri,
            display_text,
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

    /// The one entry of type `M` among what a conference offers, taken out
    /// of the offer without copying it; the offer back, untouched, with what
    /// is wrong when it has none or more than one (which one the session is
    /// bound to would be a guess).
    pub(crate) fn take_from(
        offered: Vec<AdvertisedMcu>,
    ) -> Result<Self, (Vec<AdvertisedMcu>, OfferProblem)> {
        let mut offered = offered;
        let mut ours = offered
            .iter()
            .enumerate()
            .filter(|(_, advertised)| Tag::<M>::names(&advertised.mcu_type))
            .map(|(at, _)| at);
        match (ours.next(), ours.next()) {
            (Some(at), None) => {
                let ours = offered.swap_remove(at);
                Ok(Self::new(ours.uri, ours.display_text))
            }
            (None, _) => Err((offered, OfferProblem::NotOffered)),
            (Some(_), Some(_)) => Err((offered, OfferProblem::OfferedTwice)),
        }
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
        if Tag::<M>::names(&advertised.mcu_type) {
            Ok(Self::new(advertised.uri, advertised.display_text))
        } else {
            Err(WrongMcuType {
                expected: M::MCU_TYPE,
                advertised,
            })
        }
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
#[error("expected a `{expected}` MCU, the focus advertised `{}`", advertised.mcu_type.escape_debug())]
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

/// What is wrong with a conference's offer for a session that needs one
/// MCU of its type in it.
///
/// ```
/// use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, McuInfo, OfferProblem, Uri};
///
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let mut active = idle.mcu_activated(McuInfo::try_from(chat.clone())?, std::time::Instant::now());
/// let error = active.join_completed([chat.clone(), chat]).unwrap_err();
/// assert_eq!(error.problem(), OfferProblem::OfferedTwice);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfferProblem {
    /// The offer lists no MCU of the session's type.
    NotOffered,
    /// The offer lists the session's MCU type more than once: which entry
    /// the session is bound to would be a guess, so it is refused rather
    /// than the first one taken and the others dropped unseen.
    OfferedTwice,
}

/// The join completed on an Active session, but the conference does not
/// offer the session's MCU type exactly once: the focus, which reported the
/// MCU active, contradicts itself, or names two MCUs for one session. The
/// offer is handed back and the session is left as it was.
///
/// See [`Session::join_completed`](crate::Session::join_completed).
///
/// ```
/// use mcu_session::{InstantMessagingMcuSession, McuInfo, OfferProblem, Uri};
///
/// let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let error = active.join_completed([]).unwrap_err();
/// assert_eq!(error.to_string(), "the focus reported the `chat` MCU active, but the joined conference does not offer one");
/// assert_eq!(error.problem(), OfferProblem::NotOffered);
/// assert!(error.into_offered().is_empty());
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", match .problem {
    OfferProblem::NotOffered => format!("the focus reported the `{}` MCU active, but the joined conference does not offer one", .expected),
    OfferProblem::OfferedTwice => format!("the joined conference offers the `{}` MCU more than once", .expected),
})]
pub struct UnusableOffer {
    expected: &'static str,
    problem: OfferProblem,
    offered: Vec<AdvertisedMcu>,
}

impl UnusableOffer {
    pub(crate) fn new(
        expected: &'static str,
        problem: OfferProblem,
        offered: Vec<AdvertisedMcu>,
    ) -> Self {
        Self {
            expected,
            problem,
            offered,
        }
    }

    /// The MCU type string the session needed.
    #[must_use]
    pub fn expected(&self) -> &'static str {
        self.expected
    }

    /// What is wrong with the offer.
    #[must_use]
    pub fn problem(&self) -> OfferProblem {
        self.problem
    }

    /// The offer, handed back.
    #[must_use]
    pub fn into_offered(self) -> Vec<AdvertisedMcu> {
        self.offered
    }
}

/// Strict wire forms: an object with exactly these fields, `display_text`
/// included (`null` when the focus gave none).
#[cfg(feature = "serde")]
mod wire {
    use serde::{Deserialize, Deserializer};

    use super::{AdvertisedMcu, McuInfo, McuType, Tag};
    use crate::strict::{map_only, required};
    use crate::uri::Uri;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Record<T> {
        mcu_type: T,
        uri: Uri,
        #[serde(deserialize_with = "required")]
        display_text: Option<String>,
    }

    const EXPECTING: &str = "an MCU: an object with mcu_type, uri and display_text";

    impl<'de> Deserialize<'de> for AdvertisedMcu {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let Record {
                mcu_type,
                uri,
                display_text,
            } = map_only(deserializer, EXPECTING)?;
            Ok(Self {
                mcu_type,
                uri,
                display_text,
            })
        }
    }

    impl<'de, M: McuType> Deserialize<'de> for McuInfo<M> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let Record::<Tag<M>> {
                mcu_type,
                uri,
                display_text,
            } = map_only(deserializer, EXPECTING)?;
            Ok(Self {
                mcu_type,
                uri,
                display_text,
            })
        }
    }
}
