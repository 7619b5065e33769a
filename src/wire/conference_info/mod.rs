//! Conference documents in: RFC 4575's `application/conference-info+xml`,
//! the conference state the focus notifies, applied with the RFC's
//! ordering rules to what the crate speaks: the conference's roster, each
//! MCU session's roster (as [`Attendance`] reports), and the MCUs the
//! conference offers (as [`AdvertisedMcu`]s).
//!
//! [`ConferenceInfo`] is the subscriber's copy of the state. Each document
//! the focus sends goes through [`apply`](ConferenceInfo::apply), which
//! says what became of it ([`Notification`]):
//!
//! | the document | what happens |
//! |---|---|
//! | its `version` at or below the one held | discarded, nothing changed: [`Notification::Stale`] |
//! | `state="partial"`, not exactly one version ahead (or no full state held yet) | nothing changed; a notification was lost, so the application asks the focus for the full state: [`Notification::NeedsFullState`] |
//! | `state="deleted"` at the root | the conference ceased to exist: [`Notification::Ended`], with everyone in the roster leaving |
//! | `state="full"` | replaces what is held: [`Notification::Applied`] with the roster's changes, and each MCU's fresh roster as one [`Attendance::Refreshed`] |
//! | `state="partial"`, one version ahead | changes what is held, by the RFC's keys (a user's `entity`, then an endpoint's `entity` within it): [`Notification::Applied`], each MCU's changes as [`Attendance::Joined`] and [`Attendance::Left`] |
//!
//! A `version` orders the documents sent to one subscriber (RFC 4575,
//! 5.2), so a new subscription numbers its own (the dialog package, RFC
//! 4235 4.1, says of the same attribute that versions are "scoped within a
//! subscription"): when a new one starts, after a focus reconnection for
//! one, say so with
//! [`ConferenceInfo::new_subscription`]; its first full document, whatever
//! its version, then gives the fresh rosters against what was held.
//!
//! # What is read, and where it is documented
//!
//! RFC 4575, by the sections of its data format (the schema is section 6):
//! the root `conference-info` and its `entity`, `state` and `version`
//! (5.2); `conference-description` (5.3) and its `conf-uris` (5.3.1), each
//! `entry` with its `uri`, `display-text` and `purpose`; `users`, each
//! `user` and its `entity` and `state` (5.6), its `roles` (5.6.3); each
//! user's `endpoint` with its `entity` and `state`, and its `status` (5.7).
//! Everything else is read past, unchecked.
//!
//! A `state` attribute is read where the schema declares one (the root,
//! `conf-uris`, `users`, `user`, `endpoint`) and refused on the elements
//! read that have none (`conference-description`, a `conf-uris` `entry`,
//! `roles`, its `entry`, `media`); where it is absent it is the schema's
//! default, `full`. So a partial document's `<users>` without a `state` is
//! the whole list of users, and whoever it does not list has left; a focus
//! that means to change only some users says `<users state="partial">`
//! (both readings are in `tests/it/conference_info.rs`). A focus that lists
//! only its changes in a list marked `full` (liblinphone) is read with
//! [`PartialUsers::ByEntity`]: see [`PartialUsers`] for the rule and its
//! sources.
//!
//! A document's root `entity` must be the conference held, by RFC 3261's
//! URI comparison (section 19.1.4) including its rule that a parameter
//! both URIs carry must agree: a focus that hosts several conferences at
//! one address tells them apart by a parameter (liblinphone's
//! `;conf-id=`), and a document for another of them is
//! [`DocumentError::OtherConference`].
//!
//! Bodies are read as text, as the application's SIP stack hands them
//! over: a focus may send them compressed (liblinphone sends them with
//! `Content-Encoding: deflate`), and inflating them is the SIP layer's
//! work (RFC 3261 section 20.12), before [`ConferenceInfo::apply`].
//!
//! The focus's extensions, as Lync-compatible foci and clients write them
//! (their [MS-CONFBAS] definitions could not be consulted for this crate,
//! so these are the observed conventions, not quoted rules):
//!
//! - **Offered MCUs.** Each `conf-uris` entry whose `purpose` names an MCU
//!   type (`chat`, `audio-video`, ...) is an MCU the conference offers, at
//!   its `uri`, with its `display-text`: [`ConferenceInfo::offered`], what
//!   [`ConferenceEvent::Joined`](crate::ConferenceEvent::Joined) takes.
//!   Every entry with a purpose is listed; one whose purpose is not an MCU
//!   type (RFC 4575's own `participation`, say) names an MCU no session is
//!   of, so no session binds to it. A `partial` `conf-uris` adds or
//!   replaces entries by their `uri`.
//! - **Who attends which MCU.** An endpoint's `session-type` attribute
//!   names the MCU type it is connected to (`focus`, `chat`,
//!   `audio-video`, ...), unqualified or in the extensions' namespace
//!   ([`CONFINFO_EXTENSIONS_NAMESPACE`], resolved by URI). A user attends
//!   an MCU while one of its endpoints of that type has a status that
//!   [attends](EndpointStatus::attends). An endpoint without a
//!   `session-type` attends no MCU and is not kept.
//!
//! Not read: `conference-view` and its `entity-view`s (each MCU's own
//! state, such as its lock: nothing the sessions hold), media (so no
//! media `id` key is needed), and everything RFC 4575 describes that the
//! sessions do not hold (host, sidebars, call information).
//!
//! ```
//! use mcu_session::wire::conference_info::{ConferenceInfo, Notification};
//! use mcu_session::{Attendance, Capacities, InstantMessaging, Role, Uri};
//!
//! let mut state = ConferenceInfo::new(Uri::parse("sips:conf233@example.com")?, Capacities::default());
//! let full = r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info"
//!     entity="sips:conf233@example.com" state="full" version="1">
//!   <conference-description><conf-uris>
//!     <entry><uri>sip:conf233@example.com;gruu;opaque=app:conf:chat</uri><purpose>chat</purpose></entry>
//!   </conf-uris></conference-description>
//!   <users>
//!     <user entity="sip:bob@example.com"><roles><entry>presenter</entry></roles>
//!       <endpoint entity="bob-chat" session-type="chat"><status>connected</status></endpoint>
//!     </user>
//!     <user entity="sip:alice@example.com"/>
//!   </users>
//! </conference-info>"#;
//! let Notification::Applied { diff, mut mcus, .. } = state.apply(full)? else { unreachable!() };
//! assert_eq!(diff.joined.len(), 2);
//! assert_eq!(state.offered()[0].mcu_type, "chat");
//! // Only Bob is in the instant messaging MCU: its session's fresh roster.
//! let [Attendance::Refreshed(chat)] = &mcus.take::<InstantMessaging>()[..] else { unreachable!() };
//! assert_eq!(chat[0].uri.as_str(), "sip:bob@example.com");
//!
//! let bob_leaves = r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info"
//!     entity="sips:conf233@example.com" state="partial" version="2">
//!   <users state="partial"><user entity="sip:bob@example.com" state="deleted"/></users>
//! </conference-info>"#;
//! let Notification::Applied { diff, mcus, .. } = state.apply(bob_leaves)? else { unreachable!() };
//! assert_eq!((diff.left.len(), diff.left[0].role), (1, Role::Presenter));
//! assert_eq!(mcus.get("chat"), [Attendance::Left(Uri::parse("sip:bob@example.com")?)]);
//! assert_eq!(state.apply(bob_leaves)?, Notification::Stale { version: 2, held: 2 });
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod document;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::mcu_type::{AdvertisedMcu, McuType};
use crate::request::operation::Capacities;
use crate::roster::{Attendance, Endpoint, Role, RosterDiff};
use crate::uri::{Identity, InvalidUri, Uri};
use document::{ConfUris, EndpointUpdate, State, User, Users, decode};

/// RFC 4575's namespace, which every element read here is in.
///
/// ```
/// assert_eq!(mcu_session::wire::conference_info::CONFERENCE_INFO_NAMESPACE, "urn:ietf:params:xml:ns:conference-info");
/// ```
pub const CONFERENCE_INFO_NAMESPACE: &str = "urn:ietf:params:xml:ns:conference-info";

/// The namespace of the focus's extensions to the conference document
/// (the `msci` prefix in Lync-compatible documents): an endpoint's
/// `session-type` may be in it.
///
/// ```
/// assert!(mcu_session::wire::conference_info::CONFINFO_EXTENSIONS_NAMESPACE.ends_with("/confinfoextensions"));
/// ```
pub const CONFINFO_EXTENSIONS_NAMESPACE: &str =
    "http://schemas.microsoft.com/rtc/2005/08/confinfoextensions";

/// How deep a document's elements may nest before it is refused: the
/// RFC's deepest (a medium's elements in an endpoint in a user) is 6.
///
/// ```
/// use mcu_session::wire::conference_info::{ConferenceInfo, DocumentError, MAX_DOCUMENT_DEPTH};
/// use mcu_session::{Capacities, Uri};
///
/// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
/// let deep = format!("{}{}", "<x>".repeat(MAX_DOCUMENT_DEPTH), "</x>".repeat(MAX_DOCUMENT_DEPTH));
/// let body = format!(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="1">{deep}</conference-info>"#);
/// assert_eq!(state.apply(&body), Err(DocumentError::TooDeep));
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
pub const MAX_DOCUMENT_DEPTH: usize = 32;

/// How many endpoints naming an MCU (a `session-type`) one user may have:
/// a user has one endpoint per MCU per device, so 32 is generous, and it
/// bounds the work and memory a single user costs. Endpoints that name no
/// MCU do not count, and are not kept, except in a partial user, where
/// one may change an endpoint the user holds: there, at most this many
/// more ([`DocumentError::TooManyEndpointChanges`]).
///
/// ```
/// use mcu_session::wire::conference_info::{ConferenceInfo, DocumentError, MAX_USER_ENDPOINTS};
/// use mcu_session::{Capacities, Uri};
///
/// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
/// let endpoints: String = (0..=MAX_USER_ENDPOINTS)
///     .map(|i| format!(r#"<endpoint entity="e{i}" session-type="chat"/>"#))
///     .collect();
/// let body = format!(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="1">
///   <users><user entity="sip:bob@contoso.com">{endpoints}</user></users></conference-info>"#);
/// assert!(matches!(state.apply(&body), Err(DocumentError::TooManyEndpoints { .. })));
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
pub const MAX_USER_ENDPOINTS: usize = 32;

/// An endpoint's `status` (RFC 4575 section 5.7): where its signalling
/// with the conference stands.
///
/// ```
/// use mcu_session::wire::conference_info::EndpointStatus;
///
/// assert!(EndpointStatus::Connected.attends());
/// assert!(!EndpointStatus::DialingIn.attends());
/// assert_eq!(EndpointStatus::MutedViaFocus.as_str(), "muted-via-focus");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndpointStatus {
    /// `pending`: not yet in the session, expected to join soon.
    Pending,
    /// `dialing-out`: the focus dialed out to it; not yet in the roster.
    DialingOut,
    /// `dialing-in`: it is dialing in; not yet in the roster.
    DialingIn,
    /// `alerting`: the call out to it is ringing.
    Alerting,
    /// `on-hold`: a signalling dialog with the focus exists, but it is on
    /// hold for this conference.
    OnHold,
    /// `connected`: a participant in the conference.
    Connected,
    /// `muted-via-focus`: a signalling dialog exists and it can listen,
    /// but its media is not mixed in.
    MutedViaFocus,
    /// `disconnecting`: the focus is disconnecting it.
    Disconnecting,
    /// `disconnected`: not a participant, no dialog with the focus.
    Disconnected,
}

impl EndpointStatus {
    const ALL: [Self; 9] = [
        Self::Pending,
        Self::DialingOut,
        Self::DialingIn,
        Self::Alerting,
        Self::OnHold,
        Self::Connected,
        Self::MutedViaFocus,
        Self::Disconnecting,
        Self::Disconnected,
    ];

    /// Whether an endpoint in this status attends its MCU: while its
    /// dialog is up and it is not being disconnected (`connected`,
    /// `on-hold`, `muted-via-focus`; RFC 4575 describes each of the three
    /// as an existing dialog, and the others as not yet or no longer in
    /// the conference).
    ///
    /// ```
    /// use mcu_session::wire::conference_info::EndpointStatus;
    ///
    /// assert!(EndpointStatus::OnHold.attends());
    /// assert!(!EndpointStatus::Disconnecting.attends());
    /// ```
    #[must_use]
    pub const fn attends(self) -> bool {
        matches!(self, Self::OnHold | Self::Connected | Self::MutedViaFocus)
    }

    /// The status as the document spells it.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::EndpointStatus;
    ///
    /// assert_eq!(EndpointStatus::DialingOut.as_str(), "dialing-out");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::DialingOut => "dialing-out",
            Self::DialingIn => "dialing-in",
            Self::Alerting => "alerting",
            Self::OnHold => "on-hold",
            Self::Connected => "connected",
            Self::MutedViaFocus => "muted-via-focus",
            Self::Disconnecting => "disconnecting",
            Self::Disconnected => "disconnected",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }
}

/// One of a user's endpoints that names an MCU, as held.
///
/// ```
/// use mcu_session::wire::conference_info::{ConferenceInfo, EndpointStatus, McuEndpoint};
/// use mcu_session::{Capacities, Uri};
///
/// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
/// state.apply(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="1">
///   <users><user entity="sip:bob@contoso.com">
///     <endpoint entity="bob-av" session-type="audio-video"><status>on-hold</status></endpoint>
///   </user></users></conference-info>"#)?;
/// let bob = Uri::parse("sip:bob@contoso.com")?;
/// assert_eq!(
///     state.endpoints(&bob).collect::<Vec<_>>(),
///     [McuEndpoint { entity: "bob-av", mcu_type: "audio-video", status: Some(EndpointStatus::OnHold) }],
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct McuEndpoint<'a> {
    /// The endpoint's `entity`, its key within the user.
    pub entity: &'a str,
    /// The MCU type its `session-type` names.
    pub mcu_type: &'a str,
    /// Its `status`, if the document gave one (then it attends).
    pub status: Option<EndpointStatus>,
}

impl McuEndpoint<'_> {
    /// Whether the endpoint attends its MCU: its status
    /// [attends](EndpointStatus::attends), or the document gave none (an
    /// endpoint listed and not said otherwise is in the conference).
    ///
    /// ```
    /// use mcu_session::wire::conference_info::{EndpointStatus, McuEndpoint};
    ///
    /// let listed = McuEndpoint { entity: "e1", mcu_type: "chat", status: None };
    /// assert!(listed.attends());
    /// assert!(!McuEndpoint { status: Some(EndpointStatus::Pending), ..listed }.attends());
    /// ```
    #[must_use]
    pub fn attends(&self) -> bool {
        self.status.is_none_or(EndpointStatus::attends)
    }
}

/// What a document did to each MCU's roster: the [`Attendance`] reports
/// to give that MCU's session, by MCU type (in the order of the types).
///
/// A full document gives each MCU that anyone attended before or attends
/// now one [`Attendance::Refreshed`] with its whole roster (the session
/// reports only the differences, and this is also the fresh roster after
/// a reconnection); a partial document gives [`Attendance::Left`] and
/// [`Attendance::Joined`] for the users it changed, in the order of their
/// identities (a role change is both).
///
/// ```
/// use mcu_session::wire::conference_info::{ConferenceInfo, Notification};
/// use mcu_session::{Attendance, AudioVideo, Capacities, InstantMessaging, Uri};
///
/// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
/// let Notification::Applied { mut mcus, .. } = state.apply(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="1">
///   <users><user entity="sip:bob@contoso.com"><endpoint entity="bob-im" session-type="chat"/></user></users>
/// </conference-info>"#)? else { unreachable!() };
/// assert_eq!(mcus.iter().map(|(mcu_type, _)| mcu_type).collect::<Vec<_>>(), ["chat"]);
/// assert_eq!(mcus.take::<InstantMessaging>().len(), 1);
/// assert!(mcus.take::<AudioVideo>().is_empty());
/// assert!(mcus.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct McuReports {
    by_type: Vec<(Arc<str>, Vec<Attendance>)>,
}

impl McuReports {
    /// The reports for the MCU type `mcu_type`, in order; none if the
    /// document did not change it.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::McuReports;
    ///
    /// assert!(McuReports::default().get("chat").is_empty());
    /// ```
    #[must_use]
    pub fn get(&self, mcu_type: &str) -> &[Attendance] {
        self.by_type
            .iter()
            .find(|(name, _)| **name == *mcu_type)
            .map_or(&[][..], |(_, reports)| reports.as_slice())
    }

    /// Takes the reports for the session of type `M`, in order, to give
    /// it as [`Event::Attendance`](crate::Event::Attendance)s.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::McuReports;
    /// use mcu_session::InstantMessaging;
    ///
    /// assert!(McuReports::default().take::<InstantMessaging>().is_empty());
    /// ```
    pub fn take<M: McuType>(&mut self) -> Vec<Attendance> {
        match self
            .by_type
            .iter()
            .position(|(name, _)| **name == *M::MCU_TYPE)
        {
            Some(at) => self.by_type.remove(at).1,
            None => Vec::new(),
        }
    }

    /// Each MCU type the document changed, with its reports.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::McuReports;
    ///
    /// assert_eq!(McuReports::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[Attendance])> {
        self.by_type
            .iter()
            .map(|(name, reports)| (&**name, reports.as_slice()))
    }

    /// Whether no MCU has reports left.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::McuReports;
    ///
    /// assert!(McuReports::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.by_type.is_empty()
    }

    fn from_map(map: BTreeMap<Arc<str>, Vec<Attendance>>) -> Self {
        Self {
            by_type: map.into_iter().collect(),
        }
    }
}

/// What became of a document.
///
/// ```
/// use mcu_session::wire::conference_info::{ConferenceInfo, Notification};
/// use mcu_session::{Capacities, Uri};
///
/// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
/// let partial = r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" state="partial" version="4"/>"#;
/// assert_eq!(state.apply(partial)?, Notification::NeedsFullState { version: 4, held: None });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Notification {
    /// Applied: the version now held, who joined and left the conference
    /// (a role change is a leave with the old role and a join with the
    /// new), and what changed in each MCU.
    Applied {
        /// The document's version, now the one held.
        version: u32,
        /// The conference roster's changes, in the order of the users'
        /// identities.
        diff: RosterDiff,
        /// Each MCU's changes, for its session.
        mcus: McuReports,
    },
    /// At or below the version held: discarded, nothing changed.
    Stale {
        /// The document's version.
        version: u32,
        /// The version held.
        held: u32,
    },
    /// A partial document that does not follow the version held (or came
    /// before any full state): a notification was lost. Nothing changed;
    /// ask the focus for the full state: refresh the subscription (its
    /// versions go on), or start a new one and say so with
    /// [`ConferenceInfo::new_subscription`] (its versions start again).
    NeedsFullState {
        /// The document's version.
        version: u32,
        /// The version held, if any.
        held: Option<u32>,
    },
    /// `state="deleted"` at the root: the conference ceased to exist.
    /// Everyone held has left, and it offers no MCU any more.
    Ended {
        /// The document's version.
        version: u32,
        /// Everyone who was in the roster.
        left: Vec<Endpoint>,
    },
}

/// Why a document was refused; nothing changed.
///
/// ```
/// use mcu_session::wire::conference_info::{ConferenceInfo, DocumentError};
/// use mcu_session::{Capacities, Uri};
///
/// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
/// let error = state.apply(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com"/>"#).unwrap_err();
/// assert_eq!(error, DocumentError::MissingAttribute { element: "conference-info", attribute: "version" });
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// Not well-formed XML 1.0 with namespaces, anywhere in the body (the
    /// parts the decoder does not read included): an entity the body does
    /// not define, a character XML forbids, a repeated attribute, an
    /// undeclared prefix, anything outside the root but comments,
    /// processing instructions and white space, a body cut short. The
    /// position is the byte the offending part starts at, a byte order
    /// mark counted. Judged on the W3C XML Conformance Test Suite
    /// (`tests/xmlconf/`).
    #[error("not well-formed XML at byte {position}: {problem}")]
    Malformed {
        /// Where the reader stopped.
        position: u64,
        /// What the reader found.
        problem: String,
    },
    /// A document type declaration: refusing it refuses every entity
    /// trick.
    #[error("a conference document has no document type declaration")]
    DocumentType,
    /// Nested deeper than [`MAX_DOCUMENT_DEPTH`] (an empty element as deep as
    /// a start tag): the body is not read past that point, since the
    /// reader's memory would grow with the nesting, so whether the rest is
    /// well-formed is not known. Every other refusal reads the whole body,
    /// and a body that is not well-formed is refused as `Malformed`.
    #[error("elements nest deeper than {MAX_DOCUMENT_DEPTH}")]
    TooDeep,
    /// The root is not RFC 4575's `conference-info`.
    #[error("the root element is not RFC 4575's conference-info")]
    NotConferenceInfo,
    /// The document is about another conference.
    #[error("the document is about {document}, not {held}")]
    OtherConference {
        /// The document's `entity`.
        document: Uri,
        /// The conference held.
        held: Uri,
    },
    /// A required attribute is missing.
    #[error("{element} has no {attribute} attribute")]
    MissingAttribute {
        /// The element.
        element: &'static str,
        /// The attribute.
        attribute: &'static str,
    },
    /// A required child element is missing.
    #[error("{element} has no {child} element")]
    MissingElement {
        /// The element.
        element: &'static str,
        /// The child it must have.
        child: &'static str,
    },
    /// An attribute's value is not one the schema allows.
    #[error("{element}'s {attribute} is {value:?}: {expected}")]
    BadAttribute {
        /// The element.
        element: &'static str,
        /// The attribute.
        attribute: &'static str,
        /// Its value.
        value: String,
        /// What RFC 4575 allows.
        expected: &'static str,
    },
    /// An element's text is not one the schema allows.
    #[error("{element} is {value:?}: {expected}")]
    BadText {
        /// The element.
        element: &'static str,
        /// Its text.
        value: String,
        /// What RFC 4575 allows.
        expected: &'static str,
    },
    /// An `entity` is not a URI.
    #[error("{element}'s entity is not a URI: {problem}")]
    BadEntity {
        /// The element.
        element: &'static str,
        /// What is wrong with it.
        problem: InvalidUri,
    },
    /// A `uri` element (a `conf-uris` entry's) is not a URI.
    #[error("a conf-uris entry's uri is not a URI: {0}")]
    BadUri(InvalidUri),
    /// A `state` attribute on an element the schema gives none.
    #[error("{0} has no state attribute in RFC 4575")]
    StateNotAllowed(&'static str),
    /// One list names the same user twice.
    #[error("the document lists user {0} twice")]
    DuplicateUser(Uri),
    /// One user lists the same endpoint twice.
    #[error("user {user} lists endpoint {endpoint:?} twice")]
    DuplicateEndpoint {
        /// The user.
        user: Uri,
        /// The endpoint's `entity`.
        endpoint: String,
    },
    /// More users than the roster's capacity.
    #[error("more than {capacity} users, the roster's capacity")]
    TooManyUsers {
        /// The capacity.
        capacity: usize,
    },
    /// A user marked `partial` (a change to the user held) in a `users`
    /// list read as the whole list: the list contradicts itself. A focus
    /// that lists only the users it changed, whatever the list's `state`
    /// says (liblinphone does), is read with
    /// [`PartialUsers::ByEntity`].
    #[error(
        "user {0} is marked partial in a users list read as the whole list (a focus that lists only the users it changed is read with PartialUsers::ByEntity)"
    )]
    PartialUserInWholeList(Uri),
    /// A user with more than [`MAX_USER_ENDPOINTS`] endpoints naming an
    /// MCU, in the document or once it applied.
    #[error("user {0} has more than {MAX_USER_ENDPOINTS} endpoints naming an MCU")]
    TooManyEndpoints(Uri),
    /// A partial user changing more than [`MAX_USER_ENDPOINTS`] endpoints
    /// without naming their MCU: such a change can only be to an endpoint
    /// the user holds, which names an MCU, and a user holds at most
    /// [`MAX_USER_ENDPOINTS`]; so at least one of them changes nothing,
    /// and the bound keeps what a partial user costs bounded.
    #[error("partial user {0} changes more than {MAX_USER_ENDPOINTS} endpoints that name no MCU")]
    TooManyEndpointChanges(Uri),
    /// More `conf-uris` entries, or more MCUs offered once a partial list
    /// applied, than the capacity ([`Capacities::offers`](crate::Capacities::offers)):
    /// refused while the document is read, so a hostile list takes no
    /// memory the conference would refuse anyway.
    #[error("more than {capacity} offered MCUs, the capacity")]
    TooManyOffers {
        /// The capacity.
        capacity: usize,
    },
    /// An element RFC 4575's schema allows once where it is (`users` and
    /// `conference-description` in the root, `conf-uris` in the
    /// description) appears again: which one is the conference's would be
    /// a guess, and taking the last would drop the first unseen.
    #[error("{0} appears twice where RFC 4575's schema allows it once")]
    RepeatedElement(&'static str),
}

/// How the `users` list of a partial document is read: the one choice
/// RFC 4575 and a deployed focus make differently.
///
/// RFC 4575 gives `users` its own `state` (absent, the schema's default,
/// `full`), and `full` says an element holds the whole of what it
/// describes: a partial document may carry the whole list of users, and
/// whoever it does not list has left. That is [`AsMarked`](Self::AsMarked),
/// the default, under which the RFC's documents keep their meaning.
///
/// liblinphone (5.1, the library behind Linphone and the Flexisip
/// conference server) writes every partial document that touches users
/// with `<users state="full">` listing only the users that changed, each
/// marked `full` (added), `partial` (changed) or `deleted` (removed); its
/// own receiver clears its participants only for a full *document* and
/// otherwise applies each listed user by its `entity`, never reading the
/// list's `state`. Read as marked, each of those documents would make
/// every other participant leave. That is [`ByEntity`](Self::ByEntity),
/// chosen with [`ConferenceInfo::with_partial_users`]; the crate's tests
/// replay 32 documents liblinphone 5.1.65 sent to three subscribers and
/// check every roster against the conference it hosted.
///
/// No reading tells the two apart from one document: liblinphone's list
/// that adds one user is, to the letter, the RFC's whole list of one
/// user. What can be told apart is refused: read as the whole list, a
/// list holding a user marked `partial` (a change to a user held)
/// contradicts itself, so [`AsMarked`](Self::AsMarked) refuses it
/// ([`DocumentError::PartialUserInWholeList`], which names this setting)
/// rather than apply it as a roster of one.
///
/// ```
/// use mcu_session::wire::conference_info::{ConferenceInfo, DocumentError, PartialUsers};
/// use mcu_session::{Capacities, Uri};
///
/// let doc = |state: &str, version: u32, users: &str| format!(
///     r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@example.com" state="{state}" version="{version}"><users state="full">{users}</users></conference-info>"#);
/// let both = r#"<user entity="sip:bob@example.com"/><user entity="sip:carol@example.com"/>"#;
/// let bob_changed = r#"<user entity="sip:bob@example.com" state="partial"><roles><entry>presenter</entry></roles></user>"#;
///
/// let mut rfc = ConferenceInfo::new(Uri::parse("sip:conf@example.com")?, Capacities::default());
/// rfc.apply(&doc("full", 1, both))?;
/// assert!(matches!(rfc.apply(&doc("partial", 2, bob_changed)), Err(DocumentError::PartialUserInWholeList(_))));
///
/// let mut linphone = ConferenceInfo::new(Uri::parse("sip:conf@example.com")?, Capacities::default())
///     .with_partial_users(PartialUsers::ByEntity);
/// linphone.apply(&doc("full", 1, both))?;
/// linphone.apply(&doc("partial", 2, bob_changed))?;
/// assert_eq!(linphone.roster().count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum PartialUsers {
    /// As RFC 4575 marks it: a list marked `partial` changes the users it
    /// names, by their `entity`; a list marked `full`, or not marked, is
    /// every user in the conference; a list marked `deleted` empties it.
    #[default]
    AsMarked,
    /// As liblinphone writes it: a list marked `full`, or not marked,
    /// changes only the users it names, by their `entity`, as one marked
    /// `partial` does; one marked `deleted` still empties the roster. A
    /// full *document*'s list is every user, as in
    /// [`AsMarked`](Self::AsMarked).
    ByEntity,
}

/// The subscriber's copy of a conference's state: the version held, the
/// roster with each user's endpoints that name an MCU, and the MCUs
/// offered. See the [module](self) documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceInfo {
    conference: Uri,
    capacity: usize,
    /// How many MCUs the conference may offer (`Capacities::offers`).
    offers: usize,
    partial_users: PartialUsers,
    version: Option<u32>,
    roster: BTreeMap<Identity, Member>,
    offered: Vec<AdvertisedMcu>,
}

/// A user as held: the conference roster's entry, and its endpoints that
/// name an MCU.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Member {
    endpoint: Endpoint,
    /// A boxed slice, not a vector: every user held pays for the
    /// field, and endpoints change rarely.
    endpoints: Box<[HeldEndpoint]>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct HeldEndpoint {
    entity: Box<str>,
    mcu_type: Arc<str>,
    status: Option<EndpointStatus>,
}

impl HeldEndpoint {
    fn view(&self) -> McuEndpoint<'_> {
        McuEndpoint {
            entity: &self.entity,
            mcu_type: &self.mcu_type,
            status: self.status,
        }
    }
}

impl ConferenceInfo {
    /// The state of `conference`, before any document; the roster holds at
    /// most `capacities.endpoints` users.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::ConferenceInfo;
    /// use mcu_session::{Capacities, Uri};
    ///
    /// let state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
    /// assert_eq!((state.version(), state.roster().count()), (None, 0));
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn new(conference: Uri, capacities: Capacities) -> Self {
        Self {
            conference,
            capacity: capacities.endpoints_limit(),
            offers: capacities.offers_limit(),
            partial_users: PartialUsers::AsMarked,
            version: None,
            roster: BTreeMap::new(),
            offered: Vec::new(),
        }
    }

    /// This state, reading a partial document's `users` list as `reading`
    /// says: [`PartialUsers::ByEntity`] for a focus that lists only the
    /// users it changes (liblinphone), whatever the list's `state` says.
    /// See [`PartialUsers`] for the rule and its sources.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::{ConferenceInfo, Notification, PartialUsers};
    /// use mcu_session::{Capacities, Uri};
    ///
    /// let conference = Uri::parse("sip:marie@127.0.0.1;conf-id=Clnod;transport=udp")?;
    /// let mut state = ConferenceInfo::new(conference, Capacities::default())
    ///     .with_partial_users(PartialUsers::ByEntity);
    /// let doc = |state: &str, version: u32, users: &str| format!(
    ///     r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:marie@127.0.0.1;conf-id=Clnod;transport=udp" state="{state}" version="{version}"><users state="full">{users}</users></conference-info>"#);
    /// state.apply(&doc("full", 5, r#"<user entity="sip:pauline@127.0.0.1"/><user entity="sip:laure@127.0.0.1"/>"#))?;
    /// // liblinphone adds michelle: a partial document whose "full" list names only her.
    /// let Notification::Applied { diff, .. } = state.apply(&doc("partial", 6, r#"<user entity="sip:michelle@127.0.0.1" state="full"/>"#))? else { unreachable!() };
    /// assert_eq!((diff.joined.len(), diff.left.len()), (1, 0));
    /// assert_eq!(state.roster().count(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_partial_users(self, reading: PartialUsers) -> Self {
        Self {
            partial_users: reading,
            ..self
        }
    }

    /// How the `users` list of a partial document is read.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::{ConferenceInfo, PartialUsers};
    /// use mcu_session::{Capacities, Uri};
    ///
    /// let state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
    /// assert_eq!(state.partial_users(), PartialUsers::AsMarked);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn partial_users(&self) -> PartialUsers {
        self.partial_users
    }

    /// The version held, once a full document was applied.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::ConferenceInfo;
    /// use mcu_session::{Capacities, Uri};
    ///
    /// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
    /// state.apply(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="9"/>"#)?;
    /// assert_eq!(state.version(), Some(9));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn version(&self) -> Option<u32> {
        self.version
    }

    /// A new subscription to the conference starts (after a focus
    /// reconnection, or to fetch the full state when a notification was
    /// lost): its versions start again, since a version orders the
    /// documents sent to one subscriber (see the [module](self)
    /// documentation). The version held is forgotten, so the next
    /// document must be a full one, whatever its version; the roster and
    /// the offered MCUs stay, so that document's diff and each MCU's fresh
    /// roster say what changed while no document came.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::{ConferenceInfo, Notification};
    /// use mcu_session::{Attendance, Capacities, InstantMessaging, Uri};
    ///
    /// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
    /// let doc = |version: u32, users: &str| format!(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="{version}"><users>{users}</users></conference-info>"#);
    /// let bob = r#"<user entity="sip:bob@contoso.com"><endpoint entity="b" session-type="chat"/></user>"#;
    /// let carol = r#"<user entity="sip:carol@contoso.com"><endpoint entity="c" session-type="chat"/></user>"#;
    /// state.apply(&doc(7, bob))?;
    ///
    /// // The focus reconnected: a new subscription, whose first document is version 1.
    /// state.new_subscription();
    /// let Notification::Applied { diff, mut mcus, .. } = state.apply(&doc(1, carol))? else { unreachable!() };
    /// assert_eq!((diff.joined.len(), diff.left.len()), (1, 1));
    /// let [Attendance::Refreshed(chat)] = &mcus.take::<InstantMessaging>()[..] else { unreachable!() };
    /// assert_eq!(chat[0].uri.as_str(), "sip:carol@contoso.com");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new_subscription(&mut self) {
        self.version = None;
    }

    /// The users in the conference, in the order of their identities.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::ConferenceInfo;
    /// use mcu_session::{Capacities, Uri};
    ///
    /// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
    /// state.apply(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="1">
    ///   <users><user entity="sip:bob@contoso.com"/></users></conference-info>"#)?;
    /// assert_eq!(state.roster().map(|user| user.uri.as_str()).collect::<Vec<_>>(), ["sip:bob@contoso.com"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn roster(&self) -> impl Iterator<Item = &Endpoint> {
        self.roster.values().map(|member| &member.endpoint)
    }

    /// The users attending the MCU of type `mcu_type`, in the order of
    /// their identities: what that MCU session's roster should hold.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::ConferenceInfo;
    /// use mcu_session::{Capacities, Uri};
    ///
    /// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
    /// state.apply(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="1">
    ///   <users>
    ///     <user entity="sip:bob@contoso.com"><endpoint entity="b" session-type="chat"><status>connected</status></endpoint></user>
    ///     <user entity="sip:carol@contoso.com"><endpoint entity="c" session-type="chat"><status>dialing-in</status></endpoint></user>
    ///   </users></conference-info>"#)?;
    /// assert_eq!(state.mcu_roster("chat").map(|user| user.uri.as_str()).collect::<Vec<_>>(), ["sip:bob@contoso.com"]);
    /// assert_eq!(state.mcu_roster("audio-video").count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mcu_roster<'a>(&'a self, mcu_type: &'a str) -> impl Iterator<Item = &'a Endpoint> {
        self.roster
            .values()
            .filter(move |member| member.attends(mcu_type))
            .map(|member| &member.endpoint)
    }

    /// The endpoints of `user` that name an MCU, in the order the
    /// documents gave them; none if the user is not in the conference.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::ConferenceInfo;
    /// use mcu_session::{Capacities, Uri};
    ///
    /// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
    /// state.apply(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="1">
    ///   <users><user entity="sip:bob@contoso.com">
    ///     <endpoint entity="bob-focus" session-type="focus"/>
    ///     <endpoint entity="bob-chat" session-type="chat"/>
    ///     <endpoint entity="sip:bob@pc33.contoso.com"/>
    ///   </user></users></conference-info>"#)?;
    /// let bob = Uri::parse("sip:bob@contoso.com")?;
    /// assert_eq!(state.endpoints(&bob).map(|endpoint| endpoint.mcu_type).collect::<Vec<_>>(), ["focus", "chat"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn endpoints(&self, user: &Uri) -> impl Iterator<Item = McuEndpoint<'_>> {
        self.roster
            .get(&user.identity())
            .into_iter()
            .flat_map(|member| member.endpoints.iter().map(HeldEndpoint::view))
    }

    /// The MCUs the conference offers (its `conf-uris` entries with a
    /// `purpose`, in the document's order): what
    /// [`ConferenceEvent::Joined`](crate::ConferenceEvent::Joined) and
    /// [`ConferenceEvent::Admitted`](crate::ConferenceEvent::Admitted)
    /// take.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::ConferenceInfo;
    /// use mcu_session::{Capacities, Uri};
    ///
    /// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
    /// state.apply(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="1">
    ///   <conference-description><conf-uris>
    ///     <entry><uri>sip:conf@contoso.com;gruu;opaque=app:conf:audio-video</uri><display-text>Meeting audio</display-text><purpose>audio-video</purpose></entry>
    ///     <entry><uri>sip:conf-lobby@contoso.com</uri></entry>
    ///   </conf-uris></conference-description></conference-info>"#)?;
    /// let [av] = state.offered() else { unreachable!() };
    /// assert_eq!((av.mcu_type.as_str(), av.display_text.as_deref()), ("audio-video", Some("Meeting audio")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn offered(&self) -> &[AdvertisedMcu] {
        &self.offered
    }

    /// Applies one document, as the [module](self) documentation's table
    /// says. Memory: the decoded users (bounded by the capacity) and the
    /// roster; the document is read as a stream.
    ///
    /// # Errors
    ///
    /// A [`DocumentError`] for a document that is not RFC 4575's, is about
    /// another conference, breaks the schema where it is read, lists a user
    /// or one user's endpoint twice, or holds more users than the capacity
    /// (or endpoints than [`MAX_USER_ENDPOINTS`]). Nothing changed.
    ///
    /// ```
    /// use mcu_session::wire::conference_info::{ConferenceInfo, Notification};
    /// use mcu_session::{Capacities, Uri};
    ///
    /// let mut state = ConferenceInfo::new(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
    /// let ended = r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" state="deleted" version="2"/>"#;
    /// assert_eq!(state.apply(ended)?, Notification::Ended { version: 2, left: vec![] });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, body: &str) -> Result<Notification, DocumentError> {
        let document = decode(body, self.capacity, self.offers)?;
        if !document.entity.same_resource(&self.conference) {
            return Err(DocumentError::OtherConference {
                document: document.entity,
                held: self.conference.clone(),
            });
        }
        let version = document.version;
        if let Some(held) = self.version.filter(|held| version <= *held) {
            return Ok(Notification::Stale { version, held });
        }
        match document.state {
            State::Deleted => {
                self.version = Some(version);
                self.offered.clear();
                let left = core::mem::take(&mut self.roster)
                    .into_values()
                    .map(|member| member.endpoint)
                    .collect();
                return Ok(Notification::Ended { version, left });
            }
            State::Partial
                if self.version.and_then(|held| held.checked_add(1)) != Some(version) =>
            {
                return Ok(Notification::NeedsFullState {
                    version,
                    held: self.version,
                });
            }
            State::Partial | State::Full => {}
        }
        let offered = self.offered_after(document.state, document.conf_uris)?;
        let (diff, mcus) = match (document.state, document.users) {
            // A partial document without users changes none of them.
            (State::Partial, None) => (RosterDiff::default(), McuReports::default()),
            (State::Partial, Some(users))
                if users.state == State::Partial
                    || (self.partial_users == PartialUsers::ByEntity
                        && users.state == State::Full) =>
            {
                self.change(users)?
            }
            (State::Partial, Some(users)) if users.state == State::Deleted => {
                self.replace(Users::default())?
            }
            (_, users) => self.replace(users.unwrap_or_default())?,
        };
        if let Some(offered) = offered {
            self.offered = offered;
        }
        self.version = Some(version);
        Ok(Notification::Applied {
            version,
            diff,
            mcus,
        })
    }

    /// The MCUs offered once the document applies (`None`: unchanged); a
    /// full document without `conf-uris` offers none.
    fn offered_after(
        &self,
        document: State,
        conf_uris: Option<ConfUris>,
    ) -> Result<Option<Vec<AdvertisedMcu>>, DocumentError> {
        let Some(conf_uris) = conf_uris else {
            return Ok((document == State::Full).then(Vec::new));
        };
        if conf_uris.state == State::Deleted {
            return Ok(Some(Vec::new()));
        }
        // In the order they were offered, a replaced entry's slot emptied
        // and the new one at the end; found by `uri` through an index, so
        // each entry costs the same however many there are.
        let mut slots: Vec<Option<AdvertisedMcu>> = match conf_uris.state {
            State::Partial => self.offered.iter().cloned().map(Some).collect(),
            State::Full | State::Deleted => Vec::new(),
        };
        let mut index: HashMap<Uri, usize> = slots
            .iter()
            .enumerate()
            .filter_map(|(at, mcu)| Some((mcu.as_ref()?.uri.clone(), at)))
            .collect();
        for entry in conf_uris.entries {
            let text = entry.uri.ok_or(DocumentError::MissingElement {
                element: "entry",
                child: "uri",
            })?;
            let uri = Uri::parse(&text).map_err(DocumentError::BadUri)?;
            // An entry replaces the one with its `uri`, the entry's key,
            // compared as written: MCU URIs differ only in a parameter
            // (`opaque=app:conf:chat:...`), which a SIP identity ignores.
            if let Some(slot) = index.remove(&uri).and_then(|at| slots.get_mut(at)) {
                *slot = None;
            }
            if let Some(mcu_type) = entry.purpose.filter(|purpose| !purpose.is_empty()) {
                index.insert(uri.clone(), slots.len());
                slots.push(Some(AdvertisedMcu {
                    mcu_type,
                    uri,
                    display_text: entry.display_text,
                }));
            }
        }
        let offered: Vec<AdvertisedMcu> = slots.into_iter().flatten().collect();
        if offered.len() > self.offers {
            return Err(DocumentError::TooManyOffers {
                capacity: self.offers,
            });
        }
        Ok(Some(offered))
    }

    /// A full list of users replaces the roster (a deleted user in it is
    /// not in the conference); refused past the capacity, unchanged. Each
    /// MCU anyone attended or attends gets its fresh roster.
    fn replace(&mut self, users: Users) -> Result<(RosterDiff, McuReports), DocumentError> {
        let Users {
            users, endpoints, ..
        } = users;
        let mut endpoints = endpoints.into_iter();
        let mut next = BTreeMap::new();
        // The users listed as deleted: a user is named once at most,
        // whatever the states and the order of the two names.
        let mut gone = BTreeSet::new();
        for user in users {
            // Each user's endpoints follow the previous user's.
            let updates = endpoints.by_ref().take(usize::from(user.endpoints));
            let key = user.entity.identity();
            if user.state == State::Deleted {
                // Not in the conference; still named once at most. (The
                // decoder keeps no endpoint of a deleted user; were there
                // any, the next user's must still start after them.)
                updates.for_each(drop);
                if next.contains_key(&key) || !gone.insert(key) {
                    return Err(DocumentError::DuplicateUser(user.entity));
                }
                continue;
            }
            if gone.contains(&key) {
                return Err(DocumentError::DuplicateUser(user.entity));
            }
            if user.state == State::Partial {
                // A change to a user held cannot stand in a whole list.
                return Err(DocumentError::PartialUserInWholeList(user.entity));
            }
            let member = Member::new(&user, updates);
            if next.insert(key, member).is_some() {
                return Err(DocumentError::DuplicateUser(user.entity));
            }
        }
        if next.len() > self.capacity {
            return Err(DocumentError::TooManyUsers {
                capacity: self.capacity,
            });
        }
        let diff = diff(&self.roster, &next);
        let mut rosters: BTreeMap<Arc<str>, Vec<Endpoint>> = BTreeMap::new();
        for member in self.roster.values() {
            for mcu_type in member.attended() {
                rosters.entry(mcu_type.clone()).or_default();
            }
        }
        for member in next.values() {
            for mcu_type in member.attended() {
                rosters
                    .entry(mcu_type.clone())
                    .or_default()
                    .push(member.endpoint.clone());
            }
        }
        self.roster = next;
        let refreshed = rosters
            .into_iter()
            .map(|(mcu_type, roster)| (mcu_type, vec![Attendance::Refreshed(roster)]))
            .collect();
        Ok((diff, McuReports::from_map(refreshed)))
    }

    /// A partial list changes the users it names, by their keys, in place:
    /// the work is the document's, not the roster's. The roster's size
    /// after it is known before anything changes, so past the capacity it
    /// is refused, unchanged.
    fn change(&mut self, users: Users) -> Result<(RosterDiff, McuReports), DocumentError> {
        let Users {
            users, endpoints, ..
        } = users;
        // Each user's key, its name in the document and what it becomes
        // (None: it leaves), in the order of the keys: a user named twice
        // stands out (the sort is stable, so the second of a pair is the
        // one reported), and the diffs come out in that order.
        let mut endpoints = endpoints.into_iter();
        let mut changes: Vec<(Identity, Uri, Option<Member>)> = Vec::with_capacity(users.len());
        for user in users {
            let key = user.entity.identity();
            let updates = endpoints.by_ref().take(usize::from(user.endpoints));
            let next = match (user.state, self.roster.get(&key)) {
                (State::Deleted, _) => {
                    updates.for_each(drop);
                    None
                }
                // Only what the element carries changes.
                (State::Partial, Some(held)) => Some(held.updated(&user, updates)?),
                (State::Full | State::Partial, _) => Some(Member::new(&user, updates)),
            };
            changes.push((key, user.entity, next));
        }
        changes.sort_by(|(a, ..), (b, ..)| a.cmp(b));
        if let Some([_, (_, twice, _)]) = changes
            .windows(2)
            .find(|pair| matches!(pair, [(a, ..), (b, ..)] if a == b))
        {
            return Err(DocumentError::DuplicateUser(twice.clone()));
        }
        let arriving = changes
            .iter()
            .filter(|(key, _, next)| next.is_some() && !self.roster.contains_key(key))
            .count();
        let leaving = changes
            .iter()
            .filter(|(key, _, next)| next.is_none() && self.roster.contains_key(key))
            .count();
        if self.roster.len() + arriving - leaving > self.capacity {
            return Err(DocumentError::TooManyUsers {
                capacity: self.capacity,
            });
        }
        let mut diff = RosterDiff::default();
        let mut mcus: BTreeMap<Arc<str>, Vec<Attendance>> = BTreeMap::new();
        for (key, _, next) in changes {
            match next {
                Some(member) => {
                    changed(self.roster.get(&key), Some(&member), &mut diff, &mut mcus);
                    self.roster.insert(key, member);
                }
                None => {
                    let held = self.roster.remove(&key);
                    changed(held.as_ref(), None, &mut diff, &mut mcus);
                }
            }
        }
        Ok((diff, McuReports::from_map(mcus)))
    }
}

/// What one user's change does to the conference roster's diff and to
/// each MCU's reports: a user who stays with the same role changes
/// nothing; a role change is a leave and a join, in the conference and
/// in every MCU the user stays in.
fn changed(
    held: Option<&Member>,
    next: Option<&Member>,
    diff: &mut RosterDiff,
    mcus: &mut BTreeMap<Arc<str>, Vec<Attendance>>,
) {
    let same_role =
        matches!((held, next), (Some(a), Some(b)) if a.endpoint.role == b.endpoint.role);
    if !same_role {
        diff.left.extend(held.map(|member| member.endpoint.clone()));
        diff.joined
            .extend(next.map(|member| member.endpoint.clone()));
    }
    if let Some(held) = held {
        for mcu_type in held.attended() {
            let stays = next.is_some_and(|next| next.attends(mcu_type));
            if stays && same_role {
                continue;
            }
            let reports = mcus.entry(Arc::clone(mcu_type)).or_default();
            reports.push(Attendance::Left(held.endpoint.uri.clone()));
            if let (true, Some(next)) = (stays, next) {
                reports.push(Attendance::Joined(next.endpoint.clone()));
            }
        }
    }
    if let Some(next) = next {
        for mcu_type in next.attended() {
            if !held.is_some_and(|held| held.attends(mcu_type)) {
                mcus.entry(Arc::clone(mcu_type))
                    .or_default()
                    .push(Attendance::Joined(next.endpoint.clone()));
            }
        }
    }
}

impl Member {
    /// A user as a full element (or a new one) describes it.
    fn new(user: &User, updates: impl ExactSizeIterator<Item = EndpointUpdate>) -> Self {
        // Sized for every update: in a full user each names an MCU, so
        // the slice is made without a second allocation.
        let mut endpoints = Vec::with_capacity(updates.len());
        endpoints.extend(
            updates
                .filter(|update| update.state != State::Deleted)
                .filter_map(EndpointUpdate::into_held),
        );
        Self {
            endpoint: Endpoint {
                uri: user.entity.clone(),
                role: user.role.unwrap_or(Role::Attendee),
            },
            endpoints: endpoints.into_boxed_slice(),
        }
    }

    /// The user once a partial element changed it: the role if it lists
    /// roles, and the endpoints it names, by their `entity`.
    fn updated(
        &self,
        user: &User,
        updates: impl Iterator<Item = EndpointUpdate>,
    ) -> Result<Self, DocumentError> {
        let mut endpoints = self.endpoints.to_vec();
        for update in updates {
            let at = endpoints
                .iter()
                .position(|held| held.entity == update.entity);
            match (update.state, at) {
                (State::Deleted, Some(at)) => {
                    endpoints.remove(at);
                }
                (State::Deleted, None) => {}
                (State::Partial, Some(at)) => {
                    if let Some(held) = endpoints.get_mut(at) {
                        if let Some(mcu_type) = update.mcu_type {
                            held.mcu_type = mcu_type;
                        }
                        if update.status.is_some() {
                            held.status = update.status;
                        }
                    }
                }
                (State::Full, Some(at)) => match update.into_held() {
                    Some(held) => {
                        if let Some(slot) = endpoints.get_mut(at) {
                            *slot = held;
                        }
                    }
                    None => {
                        endpoints.remove(at);
                    }
                },
                (State::Full | State::Partial, None) => endpoints.extend(update.into_held()),
            }
        }
        if endpoints.len() > MAX_USER_ENDPOINTS {
            return Err(DocumentError::TooManyEndpoints(self.endpoint.uri.clone()));
        }
        Ok(Self {
            endpoint: Endpoint {
                uri: self.endpoint.uri.clone(),
                role: user.role.unwrap_or(self.endpoint.role),
            },
            endpoints: endpoints.into_boxed_slice(),
        })
    }

    fn attends(&self, mcu_type: &str) -> bool {
        self.endpoints
            .iter()
            .any(|held| *held.mcu_type == *mcu_type && held.view().attends())
    }

    /// The MCU types the user attends, each once (at its first endpoint
    /// that attends it). A user has at most [`MAX_USER_ENDPOINTS`], so
    /// looking back costs little and allocates nothing.
    fn attended(&self) -> impl Iterator<Item = &Arc<str>> {
        let attending = || self.endpoints.iter().filter(|held| held.view().attends());
        attending()
            .enumerate()
            .filter(move |(at, held)| {
                !attending()
                    .take(*at)
                    .any(|earlier| earlier.mcu_type == held.mcu_type)
            })
            .map(|(_, held)| &held.mcu_type)
    }
}

/// Who joined and who left between two rosters; a role change is both.
fn diff(before: &BTreeMap<Identity, Member>, after: &BTreeMap<Identity, Member>) -> RosterDiff {
    let mut diff = RosterDiff::default();
    for (key, member) in after {
        match before.get(key) {
            Some(held) if held.endpoint.role == member.endpoint.role => {}
            _ => diff.joined.push(member.endpoint.clone()),
        }
    }
    for (key, member) in before {
        match after.get(key) {
            Some(now) if now.endpoint.role == member.endpoint.role => {}
            _ => diff.left.push(member.endpoint.clone()),
        }
    }
    diff
}
