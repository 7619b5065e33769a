//! Conference documents in: RFC 4575's `application/conference-info+xml`,
//! the conference state the focus notifies, applied to the conference's
//! roster with the RFC's ordering rules.
//!
//! [`ConferenceInfo`] is the subscriber's copy of the state. Each document
//! the focus sends goes through [`apply`](ConferenceInfo::apply), which
//! says what became of it ([`Notification`]):
//!
//! | the document | what happens |
//! |---|---|
//! | its `version` at or below the one held | discarded, nothing changed: [`Notification::Stale`] |
//! | `state="partial"`, not exactly one version ahead (or no full state held yet) | nothing changed; a notification was lost, so the application asks the focus for the full state (a new SUBSCRIBE): [`Notification::NeedsFullState`] |
//! | `state="deleted"` at the root | the conference ceased to exist: [`Notification::Ended`], with everyone in the roster leaving |
//! | `state="full"` | replaces what is held: [`Notification::Applied`] with the roster's changes |
//! | `state="partial"`, one version ahead | changes what is held, by the RFC's keys (a user's `entity`): [`Notification::Applied`] |
//!
//! Where documented (RFC 4575): the root `conference-info` and its
//! `entity`, `state` and `version` (section 5.2); `users`, each `user` and
//! its `entity` and `state` (5.6), its `roles` (5.6.3). A `state` attribute
//! is read where the schema declares one and refused on the elements read
//! that have none (`roles`, its `entry`, `media`); where it is absent it is
//! the schema's default, `full`. So a partial document's `<users>` without
//! a `state` is the whole list of users, and whoever it does not list has
//! left; a focus that means to change only some users says
//! `<users state="partial">` (both readings are in `tests/conference_info.rs`).
//!
//! The roster kept is the conference's: who takes part, and whether as a
//! presenter (a `roles` entry `presenter`) or an attendee. Which endpoint
//! attends which MCU (the focus's extensions of the document) is not read
//! yet.
//!
//! ```
//! use mcu_session::wire::conference_info::{ConferenceInfo, Notification};
//! use mcu_session::{Capacities, Role, Uri};
//!
//! let mut state = ConferenceInfo::new(Uri::parse("sips:conf233@example.com")?, Capacities::default());
//! let full = r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info"
//!     entity="sips:conf233@example.com" state="full" version="1">
//!   <users>
//!     <user entity="sip:bob@example.com"><roles><entry>presenter</entry></roles></user>
//!     <user entity="sip:alice@example.com"/>
//!   </users>
//! </conference-info>"#;
//! let Notification::Applied { diff, .. } = state.apply(full)? else { unreachable!() };
//! assert_eq!(diff.joined.len(), 2);
//!
//! let bob_leaves = r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info"
//!     entity="sips:conf233@example.com" state="partial" version="2">
//!   <users state="partial"><user entity="sip:bob@example.com" state="deleted"/></users>
//! </conference-info>"#;
//! let Notification::Applied { diff, .. } = state.apply(bob_leaves)? else { unreachable!() };
//! assert_eq!((diff.left.len(), diff.left[0].role), (1, Role::Presenter));
//! assert_eq!(state.apply(bob_leaves)?, Notification::Stale { version: 2, held: 2 });
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::NsReader;

use crate::request::operation::Capacities;
use crate::roster::{Endpoint, Role, RosterDiff};
use crate::uri::{Identity, InvalidUri, Uri};
use crate::wire::namespace;

/// RFC 4575's namespace, which every element read here is in.
///
/// ```
/// assert_eq!(mcu_session::wire::conference_info::CONFERENCE_INFO_NAMESPACE, "urn:ietf:params:xml:ns:conference-info");
/// ```
pub const CONFERENCE_INFO_NAMESPACE: &str = "urn:ietf:params:xml:ns:conference-info";

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
    /// Applied: the version now held, and who joined and left (a role
    /// change is a leave with the old role and a join with the new).
    Applied {
        /// The document's version, now the one held.
        version: u32,
        /// The roster's changes, in the order of the users' identities.
        diff: RosterDiff,
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
    /// ask the focus for the full state.
    NeedsFullState {
        /// The document's version.
        version: u32,
        /// The version held, if any.
        held: Option<u32>,
    },
    /// `state="deleted"` at the root: the conference ceased to exist.
    /// Everyone held has left.
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
    /// Not well-formed XML, or an entity the document does not define.
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
    /// Nested deeper than [`MAX_DOCUMENT_DEPTH`].
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
    /// An `entity` is not a URI.
    #[error("{element}'s entity is not a URI: {problem}")]
    BadEntity {
        /// The element.
        element: &'static str,
        /// What is wrong with it.
        problem: InvalidUri,
    },
    /// A `state` attribute on an element the schema gives none.
    #[error("{0} has no state attribute in RFC 4575")]
    StateNotAllowed(&'static str),
    /// One list names the same user twice.
    #[error("the document lists user {0} twice")]
    DuplicateUser(Uri),
    /// Something after the root element.
    #[error("content after the conference-info element")]
    TrailingContent,
    /// More users than the roster's capacity.
    #[error("more than {capacity} users, the roster's capacity")]
    TooManyUsers {
        /// The capacity.
        capacity: usize,
    },
}

/// The subscriber's copy of a conference's state: the version held and
/// the roster. See the [module](self) documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceInfo {
    conference: Uri,
    capacity: usize,
    version: Option<u32>,
    roster: BTreeMap<Identity, Endpoint>,
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
            version: None,
            roster: BTreeMap::new(),
        }
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
        self.roster.values()
    }

    /// Applies one document, as the [module](self) documentation's table
    /// says. Memory: the decoded users (bounded by the capacity) and the
    /// roster; the document is read as a stream.
    ///
    /// # Errors
    ///
    /// A [`DocumentError`] for a document that is not RFC 4575's, is about
    /// another conference, breaks the schema where it is read, lists a user
    /// twice, or holds more users than the capacity. Nothing changed.
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
        let document = decode(body, self.capacity)?;
        if document.entity.identity() != self.conference.identity() {
            return Err(DocumentError::OtherConference {
                document: document.entity,
                held: self.conference.clone(),
            });
        }
        let version = document.version;
        if let Some(held) = self.version.filter(|held| version <= *held) {
            return Ok(Notification::Stale { version, held });
        }
        let diff = match (document.state, document.users) {
            (State::Deleted, _) => {
                self.version = Some(version);
                let left = core::mem::take(&mut self.roster).into_values().collect();
                return Ok(Notification::Ended { version, left });
            }
            (State::Partial, _)
                if self.version.and_then(|held| held.checked_add(1)) != Some(version) =>
            {
                return Ok(Notification::NeedsFullState {
                    version,
                    held: self.version,
                });
            }
            // A partial document without users changes none of them.
            (State::Partial, None) => RosterDiff::default(),
            (State::Partial, Some(users)) if users.state == State::Partial => {
                self.change(users.users)?
            }
            (State::Partial, Some(users)) if users.state == State::Deleted => {
                self.replace(Vec::new())?
            }
            (_, users) => self.replace(users.map(|users| users.users).unwrap_or_default())?,
        };
        self.version = Some(version);
        Ok(Notification::Applied { version, diff })
    }

    /// A full list of users replaces the roster (a deleted user in it is
    /// not in the conference); refused past the capacity, unchanged.
    fn replace(&mut self, users: Vec<User>) -> Result<RosterDiff, DocumentError> {
        let mut next = BTreeMap::new();
        for user in users {
            let key = user.entity.identity();
            if user.state == State::Deleted {
                // Not in the conference; still named once at most.
                if next.contains_key(&key) {
                    return Err(DocumentError::DuplicateUser(user.entity));
                }
                continue;
            }
            let endpoint = user.endpoint();
            if next.insert(key, endpoint).is_some() {
                return Err(DocumentError::DuplicateUser(user.entity));
            }
        }
        if next.len() > self.capacity {
            return Err(DocumentError::TooManyUsers {
                capacity: self.capacity,
            });
        }
        let diff = diff(&self.roster, &next);
        self.roster = next;
        Ok(diff)
    }

    /// A partial list changes the users it names, by their keys, in place:
    /// the work is the document's, not the roster's. The roster's size
    /// after it is known before anything changes, so past the capacity it
    /// is refused, unchanged.
    fn change(&mut self, users: Vec<User>) -> Result<RosterDiff, DocumentError> {
        // Each user's key, its name in the document and what it becomes
        // (None: it leaves), in the order of the keys: a user named twice
        // stands out (the sort is stable, so the second of a pair is the
        // one reported), and the diff comes out in that order.
        let mut changes: Vec<(Identity, Uri, Option<Endpoint>)> = users
            .into_iter()
            .map(|user| {
                let key = user.entity.identity();
                let next = match (user.state, self.roster.get(&key)) {
                    (State::Deleted, _) => None,
                    // Only what the element carries changes: the role,
                    // when it lists roles.
                    (State::Partial, Some(held)) => Some(Endpoint {
                        uri: held.uri.clone(),
                        role: user.role.unwrap_or(held.role),
                    }),
                    (State::Full | State::Partial, _) => Some(user.endpoint()),
                };
                (key, user.entity, next)
            })
            .collect();
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
        for (key, _, next) in changes {
            let held = match &next {
                Some(endpoint) => self.roster.insert(key, endpoint.clone()),
                None => self.roster.remove(&key),
            };
            match (held, next) {
                (Some(held), Some(next)) if held.role == next.role => {}
                (held, next) => {
                    diff.left.extend(held);
                    diff.joined.extend(next);
                }
            }
        }
        Ok(diff)
    }
}

/// Who joined and who left between two rosters; a role change is both.
fn diff(before: &BTreeMap<Identity, Endpoint>, after: &BTreeMap<Identity, Endpoint>) -> RosterDiff {
    let mut diff = RosterDiff::default();
    for (key, endpoint) in after {
        match before.get(key) {
            Some(held) if held.role == endpoint.role => {}
            _ => diff.joined.push(endpoint.clone()),
        }
    }
    for (key, endpoint) in before {
        match after.get(key) {
            Some(now) if now.role == endpoint.role => {}
            _ => diff.left.push(endpoint.clone()),
        }
    }
    diff
}

/// `state` (RFC 4575 section 5.2 and the elements that carry one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Full,
    Partial,
    Deleted,
}

/// A decoded document, before it is applied.
struct Document {
    entity: Uri,
    state: State,
    version: u32,
    users: Option<Users>,
}

struct Users {
    state: State,
    users: Vec<User>,
}

struct User {
    entity: Uri,
    state: State,
    /// `None` when the element lists no roles.
    role: Option<Role>,
}

impl User {
    fn endpoint(&self) -> Endpoint {
        Endpoint {
            uri: self.entity.clone(),
            role: self.role.unwrap_or(Role::Attendee),
        }
    }
}

/// Where the reader is, among the elements it reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Users,
    User,
    Roles,
    Entry,
    /// Anything else: read past.
    Other,
}

fn decode(body: &str, capacity: usize) -> Result<Document, DocumentError> {
    let mut reader = NsReader::from_str(body);
    let mut places: Vec<Place> = Vec::new();
    let mut document: Option<Document> = None;
    let mut entry = EntryText::Empty;
    loop {
        let (resolved, event) = match reader.read_resolved_event() {
            Ok(read) => read,
            Err(error) => {
                return Err(DocumentError::Malformed {
                    position: reader.error_position(),
                    problem: error.to_string(),
                });
            }
        };
        let ours = namespace(&resolved) == Some(CONFERENCE_INFO_NAMESPACE.as_bytes());
        let (element, empty) = match event {
            Event::Eof => break,
            Event::DocType(_) => return Err(DocumentError::DocumentType),
            Event::Start(element) => (element, false),
            Event::Empty(element) => (element, true),
            Event::End(_) => {
                if places.pop() == Some(Place::Entry) && entry == EntryText::Presenter {
                    presenter(&mut document);
                }
                continue;
            }
            Event::Text(text) => {
                if places.last() == Some(&Place::Entry) {
                    entry = entry.and(&text);
                }
                continue;
            }
            // An entry spelled with a reference or a CDATA section is not
            // the plain word `presenter`.
            Event::CData(_) | Event::GeneralRef(_) => {
                if places.last() == Some(&Place::Entry) {
                    entry = EntryText::Other;
                }
                continue;
            }
            _ => continue,
        };
        let local = element.local_name();
        let place = match (places.last(), ours, local.as_ref()) {
            (None, _, _) if document.is_some() => return Err(DocumentError::TrailingContent),
            (None, true, b"conference-info") => {
                document = Some(root(&element)?);
                Place::Root
            }
            (None, _, _) => return Err(DocumentError::NotConferenceInfo),
            (Some(Place::Root), true, b"users") => {
                if let Some(document) = document.as_mut() {
                    document.users = Some(Users {
                        state: state(&element, "users")?,
                        users: Vec::new(),
                    });
                }
                Place::Users
            }
            (Some(Place::Users), true, b"user") => {
                let user = User {
                    entity: entity(&element, "user")?,
                    state: state(&element, "user")?,
                    role: None,
                };
                if let Some(users) = document
                    .as_mut()
                    .and_then(|document| document.users.as_mut())
                {
                    if users.users.len() >= capacity {
                        return Err(DocumentError::TooManyUsers { capacity });
                    }
                    users.users.push(user);
                }
                Place::User
            }
            (Some(Place::User), true, b"roles") => {
                no_state(&element, "roles")?;
                if let Some(user) = last_user(&mut document) {
                    user.role = Some(Role::Attendee);
                }
                Place::Roles
            }
            (Some(Place::Roles), true, b"entry") => {
                no_state(&element, "entry")?;
                entry = EntryText::Empty;
                Place::Entry
            }
            (_, true, b"media") => {
                no_state(&element, "media")?;
                Place::Other
            }
            _ => Place::Other,
        };
        if !empty {
            places.push(place);
            if places.len() > MAX_DOCUMENT_DEPTH {
                return Err(DocumentError::TooDeep);
            }
        }
    }
    document.ok_or(DocumentError::NotConferenceInfo)
}

/// What a roles `entry` says so far: nothing, exactly `presenter`
/// (around white space), or something else. Kept as a verdict, not as
/// text, so a long entry takes no memory.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EntryText {
    Empty,
    Presenter,
    Other,
}

impl EntryText {
    /// The verdict once `text` follows what was read.
    fn and(self, text: &[u8]) -> Self {
        let text = text.trim_ascii();
        match (self, text) {
            (state, []) => state,
            (Self::Empty, b"presenter") => Self::Presenter,
            _ => Self::Other,
        }
    }
}

/// The user being read.
fn last_user(document: &mut Option<Document>) -> Option<&mut User> {
    document.as_mut()?.users.as_mut()?.users.last_mut()
}

/// The user being read lists `presenter` among its roles.
fn presenter(document: &mut Option<Document>) {
    if let Some(user) = last_user(document) {
        user.role = Some(Role::Presenter);
    }
}

fn root(element: &BytesStart<'_>) -> Result<Document, DocumentError> {
    let version = attribute(element, "version")?.ok_or(DocumentError::MissingAttribute {
        element: "conference-info",
        attribute: "version",
    })?;
    let version = version
        .parse::<u32>()
        .ok()
        .filter(|_| version.bytes().all(|byte| byte.is_ascii_digit()))
        .ok_or_else(|| DocumentError::BadAttribute {
            element: "conference-info",
            attribute: "version",
            value: version.to_string(),
            expected: "an unsigned 32-bit integer",
        })?;
    Ok(Document {
        entity: entity(element, "conference-info")?,
        state: state(element, "conference-info")?,
        version,
        users: None,
    })
}

fn entity(element: &BytesStart<'_>, name: &'static str) -> Result<Uri, DocumentError> {
    let value = attribute(element, "entity")?.ok_or(DocumentError::MissingAttribute {
        element: name,
        attribute: "entity",
    })?;
    Uri::parse(value).map_err(|problem| DocumentError::BadEntity {
        element: name,
        problem,
    })
}

/// The element's `state`, `full` where absent (the schema's default).
fn state(element: &BytesStart<'_>, name: &'static str) -> Result<State, DocumentError> {
    match attribute(element, "state")?.as_deref() {
        None | Some("full") => Ok(State::Full),
        Some("partial") => Ok(State::Partial),
        Some("deleted") => Ok(State::Deleted),
        Some(other) => Err(DocumentError::BadAttribute {
            element: name,
            attribute: "state",
            value: other.to_owned(),
            expected: "\"full\", \"partial\" or \"deleted\"",
        }),
    }
}

fn no_state(element: &BytesStart<'_>, name: &'static str) -> Result<(), DocumentError> {
    match attribute(element, "state")? {
        Some(_) => Err(DocumentError::StateNotAllowed(name)),
        None => Ok(()),
    }
}

/// The value of the unprefixed attribute `name` (RFC 4575's attributes
/// are in no namespace), borrowed from the document unless it has
/// escapes to resolve.
fn attribute<'a>(
    element: &'a BytesStart<'_>,
    name: &str,
) -> Result<Option<Cow<'a, str>>, DocumentError> {
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|error| DocumentError::Malformed {
            position: 0,
            problem: error.to_string(),
        })?;
        if attribute.key.prefix().is_none()
            && attribute.key.local_name().as_ref() == name.as_bytes()
        {
            return attribute.unescape_value().map(Some).map_err(|error| {
                DocumentError::Malformed {
                    position: 0,
                    problem: error.to_string(),
                }
            });
        }
    }
    Ok(None)
}
