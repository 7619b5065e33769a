//! The conference document as read: RFC 4575's elements that the
//! subscriber's state takes, decoded from the XML in one streaming pass
//! (quick-xml, namespaces by URI), with the schema checked where it is
//! read. What the document does to the state held is the parent module's.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Arc;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::NsReader;

use super::{
    CONFERENCE_INFO_NAMESPACE, CONFINFO_EXTENSIONS_NAMESPACE, DocumentError, EndpointStatus,
    HeldEndpoint, MAX_DOCUMENT_DEPTH, MAX_USER_ENDPOINTS,
};
use crate::roster::Role;
use crate::uri::Uri;
use crate::wire::namespace;
use crate::wire::well_formed::{self, WellFormed};

/// `state` (RFC 4575 section 5.2 and the elements that carry one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    Full,
    Partial,
    Deleted,
}

/// A decoded document, before it is applied.
pub(super) struct Document {
    pub(super) entity: Uri,
    pub(super) state: State,
    pub(super) version: u32,
    pub(super) conf_uris: Option<ConfUris>,
    pub(super) users: Option<Users>,
}

/// `conf-uris` (RFC 4575 5.3.1), with its `state`.
pub(super) struct ConfUris {
    pub(super) state: State,
    pub(super) entries: Vec<UriEntry>,
}

/// One `conf-uris` entry, as written (checked when applied).
#[derive(Default)]
pub(super) struct UriEntry {
    pub(super) uri: Option<String>,
    pub(super) display_text: Option<String>,
    pub(super) purpose: Option<String>,
}

/// The users of a document, and their endpoints in one list: each
/// user's follow the previous user's, and each user knows how many are
/// its. A user without endpoints costs no list of its own.
pub(super) struct Users {
    pub(super) state: State,
    pub(super) users: Vec<User>,
    pub(super) endpoints: Vec<EndpointUpdate>,
}

impl Default for Users {
    fn default() -> Self {
        Self {
            state: State::Full,
            users: Vec::new(),
            endpoints: Vec::new(),
        }
    }
}

/// A `user` (RFC 4575 5.6) as the document gives it.
pub(super) struct User {
    pub(super) entity: Uri,
    pub(super) state: State,
    /// `None` when the element lists no roles.
    pub(super) role: Option<Role>,
    /// How many of [`Users::endpoints`] are its: the last ones while it
    /// is read, at most [`MAX_USER_ENDPOINTS`].
    pub(super) endpoints: u8,
}

/// An endpoint as the document gives it. Only endpoints that can matter
/// are kept: those naming an MCU, and every endpoint of a partial user
/// (it may change one held).
pub(super) struct EndpointUpdate {
    pub(super) entity: Box<str>,
    pub(super) state: State,
    pub(super) mcu_type: Option<Arc<str>>,
    pub(super) status: Option<EndpointStatus>,
}

impl EndpointUpdate {
    /// The endpoint to hold, if it names an MCU.
    pub(super) fn into_held(self) -> Option<HeldEndpoint> {
        Some(HeldEndpoint {
            entity: self.entity,
            mcu_type: self.mcu_type?,
            status: self.status,
        })
    }
}

/// Where the reader is, among the elements it reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Description,
    ConfUris,
    UriEntry,
    Users,
    User,
    Roles,
    Entry,
    Endpoint,
    /// An element whose text is read.
    Text(Field),
    /// Anything else: read past.
    Other,
}

/// The elements whose text is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Uri,
    DisplayText,
    Purpose,
    Status,
}

/// The decoder's state besides the document: where it is and the text
/// being read.
struct Decoder {
    places: Vec<Place>,
    document: Option<Document>,
    entry: EntryText,
    /// The text of the field being read, gathered across its events.
    gathered: String,
    capacity: usize,
    /// Each MCU type named so far, once: the endpoints naming it share it.
    mcu_types: BTreeSet<Arc<str>>,
    /// How many `conf-uris` entries are read at most.
    offers: usize,
    /// Whether the root had its `conference-description` already.
    described: bool,
}

/// Decodes `body`: a body that is not well-formed is refused as
/// `Malformed` whatever else is wrong with it, so a refusal for the schema
/// or a limit reads the rest of the body first (`well_formed::decode`).
pub(super) fn decode(
    body: &str,
    capacity: usize,
    offers: usize,
) -> Result<Document, DocumentError> {
    well_formed::decode(body, MAX_DOCUMENT_DEPTH, |_, reader, checker| {
        read(reader, checker, capacity, offers)
    })
}

well_formed::refusal!(DocumentError);

fn read(
    reader: &mut NsReader<&[u8]>,
    checker: &mut WellFormed,
    capacity: usize,
    offers: usize,
) -> Result<Document, DocumentError> {
    let mut decoder = Decoder {
        places: Vec::new(),
        document: None,
        entry: EntryText::Space,
        gathered: String::new(),
        capacity,
        offers,
        mcu_types: BTreeSet::new(),
        described: false,
    };
    loop {
        // Well-formed first: nothing is read from a body that is not.
        let (ours, event, _) =
            well_formed::next::<_, DocumentError>(reader, checker, |resolved| {
                namespace(resolved) == Some(CONFERENCE_INFO_NAMESPACE.as_bytes())
            })?;
        let (element, empty) = match event {
            // A body cut short was refused by the check: it is not a
            // document, and applying what it got that far would rewrite
            // the roster with what is missing.
            Event::Eof => break,
            Event::DocType(_) => return Err(DocumentError::DocumentType),
            Event::Start(element) => (element, false),
            Event::Empty(element) => (element, true),
            Event::End(_) => {
                if let Some(place) = decoder.places.pop() {
                    decoder.end(place)?;
                }
                continue;
            }
            // Text is decoded only where it is read.
            Event::Text(text) => {
                match decoder.places.last() {
                    Some(Place::Entry) => decoder.entry = decoder.entry.and(&text),
                    Some(Place::Text(_)) => {
                        let text = text.decode().map_err(|error| malformed(reader, error))?;
                        decoder.gather(&text);
                    }
                    _ => {}
                }
                continue;
            }
            // Character data is not the plain word a roles entry must be,
            // but it is a field's text; elsewhere it is read past.
            Event::CData(text) => {
                match decoder.places.last() {
                    Some(Place::Entry) => decoder.entry = decoder.entry.and(&text),
                    Some(Place::Text(_)) => {
                        let text = text.decode().map_err(|error| malformed(reader, error))?;
                        decoder.gather(&text);
                    }
                    _ => {}
                }
                continue;
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(character)) => Some(character.to_string()),
                    Ok(None) => reference
                        .decode()
                        .ok()
                        .and_then(|name| quick_xml::escape::resolve_predefined_entity(&name))
                        .map(str::to_owned),
                    Err(_) => None,
                };
                let Some(resolved) = resolved else {
                    return Err(DocumentError::Malformed {
                        position: reader.buffer_position(),
                        problem: format!(
                            "the reference &{}; is to no entity XML predefines",
                            String::from_utf8_lossy(&reference)
                        ),
                    });
                };
                // A reference is the character it stands for, in a roles
                // entry as in a field.
                if decoder.places.last() == Some(&Place::Entry) {
                    decoder.entry = decoder.entry.and(resolved.as_bytes());
                } else {
                    decoder.gather(&resolved);
                }
                continue;
            }
            _ => continue,
        };
        // An element is as deep as its start tag, empty or not.
        if decoder.places.len() + 1 > MAX_DOCUMENT_DEPTH {
            return Err(DocumentError::TooDeep);
        }
        let place = decoder.start(reader, &element, ours)?;
        if empty {
            decoder.end(place)?;
        } else {
            decoder.places.push(place);
        }
    }
    decoder.document.ok_or(DocumentError::NotConferenceInfo)
}

fn malformed(reader: &NsReader<&[u8]>, error: impl std::fmt::Display) -> DocumentError {
    DocumentError::Malformed {
        position: reader.buffer_position(),
        problem: error.to_string(),
    }
}

impl Decoder {
    /// An element starts: where it puts the reader, having read what it
    /// carries.
    fn start(
        &mut self,
        reader: &NsReader<&[u8]>,
        element: &BytesStart<'_>,
        ours: bool,
    ) -> Result<Place, DocumentError> {
        let local = element.local_name();
        let place = match (self.places.last(), ours, local.as_ref()) {
            (None, true, b"conference-info") => {
                self.document = Some(root(&Attributes::read(reader, element)?)?);
                Place::Root
            }
            (None, _, _) => return Err(DocumentError::NotConferenceInfo),
            (Some(Place::Root), true, b"conference-description") => {
                if core::mem::replace(&mut self.described, true) {
                    return Err(DocumentError::RepeatedElement("conference-description"));
                }
                Attributes::read(reader, element)?.no_state("conference-description")?;
                Place::Description
            }
            (Some(Place::Description), true, b"conf-uris") => {
                if self.conf_uris().is_some() {
                    return Err(DocumentError::RepeatedElement("conf-uris"));
                }
                let state = Attributes::read(reader, element)?.state("conf-uris")?;
                if let Some(document) = self.document.as_mut() {
                    document.conf_uris = Some(ConfUris {
                        state,
                        entries: Vec::new(),
                    });
                }
                Place::ConfUris
            }
            (Some(Place::ConfUris), true, b"entry") => {
                Attributes::read(reader, element)?.no_state("entry")?;
                let offers = self.offers;
                if let Some(conf_uris) = self.conf_uris() {
                    if conf_uris.entries.len() >= offers {
                        return Err(DocumentError::TooManyOffers { capacity: offers });
                    }
                    conf_uris.entries.push(UriEntry::default());
                }
                Place::UriEntry
            }
            (Some(Place::UriEntry), true, b"uri") => self.field(Field::Uri),
            (Some(Place::UriEntry), true, b"display-text") => self.field(Field::DisplayText),
            (Some(Place::UriEntry), true, b"purpose") => self.field(Field::Purpose),
            (Some(Place::Root), true, b"users") => {
                if self.users().is_some() {
                    return Err(DocumentError::RepeatedElement("users"));
                }
                let state = Attributes::read(reader, element)?.state("users")?;
                if let Some(document) = self.document.as_mut() {
                    document.users = Some(Users {
                        state,
                        ..Users::default()
                    });
                }
                Place::Users
            }
            (Some(Place::Users), true, b"user") => {
                let attributes = Attributes::read(reader, element)?;
                let entity = attributes.entity("user")?;
                let state = attributes.state("user")?;
                let capacity = self.capacity;
                if let Some(users) = self.users() {
                    if users.users.len() >= capacity {
                        return Err(DocumentError::TooManyUsers { capacity });
                    }
                    users.users.push(User {
                        entity,
                        state,
                        role: None,
                        endpoints: 0,
                    });
                }
                Place::User
            }
            (Some(Place::User), true, b"roles") => {
                Attributes::read(reader, element)?.no_state("roles")?;
                if let Some(user) = self.last_user() {
                    user.role = Some(Role::Attendee);
                }
                Place::Roles
            }
            (Some(Place::Roles), true, b"entry") => {
                Attributes::read(reader, element)?.no_state("entry")?;
                self.entry = EntryText::Space;
                Place::Entry
            }
            (Some(Place::User), true, b"endpoint") => {
                self.endpoint(&Attributes::read(reader, element)?)?
            }
            (Some(Place::Endpoint), true, b"status") => self.field(Field::Status),
            (_, true, b"media") => {
                Attributes::read(reader, element)?.no_state("media")?;
                Place::Other
            }
            _ => Place::Other,
        };
        Ok(place)
    }

    /// An element whose text is read starts.
    fn field(&mut self, field: Field) -> Place {
        self.gathered.clear();
        Place::Text(field)
    }

    /// Text inside the element the reader is in: kept if the element is
    /// a field whose text is read.
    fn gather(&mut self, text: &str) {
        if let Some(Place::Text(_)) = self.places.last() {
            self.gathered.push_str(text);
        }
    }

    /// An endpoint of the user being read: kept if it names an MCU or its
    /// user is partial; read past otherwise.
    fn endpoint(&mut self, attributes: &Attributes<'_>) -> Result<Place, DocumentError> {
        let mcu_type = attributes.session_type()?;
        let Some(users) = self
            .document
            .as_mut()
            .and_then(|document| document.users.as_mut())
        else {
            return Ok(Place::Other);
        };
        let Some(user) = users.users.last_mut() else {
            return Ok(Place::Other);
        };
        // A deleted user's endpoints are gone with it; a full user's
        // matter only if they name an MCU.
        let kept = match user.state {
            State::Deleted => false,
            State::Full => mcu_type.is_some(),
            State::Partial => true,
        };
        if !kept {
            return Ok(Place::Other);
        }
        let entity = attributes.required(&attributes.entity, "endpoint", "entity")?;
        let listed = users
            .endpoints
            .len()
            .checked_sub(usize::from(user.endpoints))
            .and_then(|first| users.endpoints.get(first..))
            .unwrap_or_default();
        if listed.iter().any(|endpoint| *endpoint.entity == *entity) {
            return Err(DocumentError::DuplicateEndpoint {
                user: user.entity.clone(),
                endpoint: entity.into_owned(),
            });
        }
        // Those naming an MCU count against the limit; in a partial user,
        // those naming none (changes to held endpoints) have their own.
        let naming = listed
            .iter()
            .filter(|endpoint| endpoint.mcu_type.is_some())
            .count()
            + usize::from(mcu_type.is_some());
        if naming > MAX_USER_ENDPOINTS {
            return Err(DocumentError::TooManyEndpoints(user.entity.clone()));
        }
        if listed.len() + 1 - naming > MAX_USER_ENDPOINTS {
            return Err(DocumentError::TooManyEndpointChanges(user.entity.clone()));
        }
        let Ok(count) = u8::try_from(listed.len() + 1) else {
            return Err(DocumentError::TooManyEndpointChanges(user.entity.clone()));
        };
        let mcu_type = mcu_type.map(|name| match self.mcu_types.get(&*name) {
            Some(known) => known.clone(),
            None => {
                let name: Arc<str> = Arc::from(&*name);
                self.mcu_types.insert(name.clone());
                name
            }
        });
        users.endpoints.push(EndpointUpdate {
            entity: entity.into(),
            state: attributes.state("endpoint")?,
            mcu_type,
            status: None,
        });
        user.endpoints = count;
        Ok(Place::Endpoint)
    }

    /// An element ends: what it read is stored.
    fn end(&mut self, place: Place) -> Result<(), DocumentError> {
        match place {
            Place::Entry if self.entry.is_presenter() => {
                if let Some(user) = self.last_user() {
                    user.role = Some(Role::Presenter);
                }
            }
            Place::Text(field) => {
                let text = core::mem::take(&mut self.gathered);
                self.store(field, text)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn store(&mut self, field: Field, text: String) -> Result<(), DocumentError> {
        match field {
            Field::Status => {
                let status = EndpointStatus::parse(text.trim()).ok_or(DocumentError::BadText {
                    element: "status",
                    value: text,
                    expected: "one of RFC 4575's nine endpoint statuses (pending, dialing-out, dialing-in, alerting, on-hold, connected, muted-via-focus, disconnecting, disconnected)",
                })?;
                if let Some(endpoint) = self.users().and_then(|users| users.endpoints.last_mut()) {
                    endpoint.status = Some(status);
                }
            }
            Field::Uri => {
                if let Some(entry) = self.last_entry() {
                    entry.uri = Some(trimmed(text));
                }
            }
            Field::DisplayText => {
                if let Some(entry) = self.last_entry() {
                    entry.display_text = Some(text);
                }
            }
            Field::Purpose => {
                if let Some(entry) = self.last_entry() {
                    entry.purpose = Some(trimmed(text));
                }
            }
        }
        Ok(())
    }

    /// The `conf-uris` entry being read.
    fn last_entry(&mut self) -> Option<&mut UriEntry> {
        self.conf_uris()?.entries.last_mut()
    }

    fn users(&mut self) -> Option<&mut Users> {
        self.document.as_mut()?.users.as_mut()
    }

    fn conf_uris(&mut self) -> Option<&mut ConfUris> {
        self.document.as_mut()?.conf_uris.as_mut()
    }

    /// The user being read.
    fn last_user(&mut self) -> Option<&mut User> {
        self.users()?.users.last_mut()
    }
}

/// `text` without the white space around it, in the same buffer when
/// there is none.
fn trimmed(text: String) -> String {
    if text.trim().len() == text.len() {
        text
    } else {
        text.trim().to_owned()
    }
}

/// What a roles `entry` says so far, character by character, whatever
/// mix of text, CDATA sections, comments and character references spells
/// it (XML's data model: `pres&#101;nter`, `<![CDATA[presenter]]>` and
/// `pre<!---->senter` all say `presenter`): white space only, the first
/// `n` bytes of `presenter`, all of it followed by white space only, or
/// something else. Kept as a verdict, not as text, so a long entry takes
/// no memory.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EntryText {
    Space,
    Word(usize),
    Trailing,
    Other,
}

const PRESENTER: &[u8] = b"presenter";

impl EntryText {
    /// The verdict once `text`, part of the entry's character data,
    /// follows what was read.
    fn and(self, text: &[u8]) -> Self {
        text.iter().fold(self, |state, byte| state.next(*byte))
    }

    fn next(self, byte: u8) -> Self {
        let space = well_formed::is_space(byte);
        match self {
            Self::Space if space => Self::Space,
            Self::Space => Self::Word(0).next(byte),
            Self::Word(n) if PRESENTER.get(n) == Some(&byte) => Self::Word(n + 1),
            Self::Word(n) if space && n == PRESENTER.len() => Self::Trailing,
            Self::Trailing if space => Self::Trailing,
            _ => Self::Other,
        }
    }

    fn is_presenter(self) -> bool {
        self == Self::Word(PRESENTER.len()) || self == Self::Trailing
    }
}

/// A value of XML Schema's `unsignedInt`, the type RFC 4575 gives
/// `version`, in any of its lexical forms: white space around it collapsed
/// away, an optional `+` (or `-` before a zero), then decimal digits,
/// leading zeros allowed (XML Schema 1.1 Part 2, 3.4.24 and 3.4.20).
fn unsigned_int(text: &str) -> Option<u32> {
    let text = well_formed::trim(text.as_bytes());
    let (negative, digits) = match text.split_first()? {
        (b'+', digits) => (false, digits),
        (b'-', digits) => (true, digits),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = digits.iter().try_fold(0_u32, |value, digit| {
        value.checked_mul(10)?.checked_add(u32::from(digit - b'0'))
    })?;
    (!negative || value == 0).then_some(value)
}

fn root(attributes: &Attributes<'_>) -> Result<Document, DocumentError> {
    let version = attributes.required(&attributes.version, "conference-info", "version")?;
    let version = unsigned_int(&version).ok_or_else(|| DocumentError::BadAttribute {
        element: "conference-info",
        attribute: "version",
        value: version.to_string(),
        expected: "an unsigned 32-bit integer",
    })?;
    Ok(Document {
        entity: attributes.entity("conference-info")?,
        state: attributes.state("conference-info")?,
        version,
        conf_uris: None,
        users: None,
    })
}

/// The attributes of one element that the decoder reads, found in one
/// pass over them, without quick-xml's own check for repeats (it costs an
/// allocation and compares each pair): the well-formedness check has made
/// every check already, in linear time. Values are unescaped only when
/// asked for. RFC 4575's attributes are in no namespace; `session-type` may
/// also be in the focus's extensions namespace (resolved by URI), and in
/// any other namespace it is someone else's attribute.
struct Attributes<'a> {
    /// Where the reader stopped: the end of the element's start tag.
    position: u64,
    entity: Option<Attribute<'a>>,
    state: Option<Attribute<'a>>,
    version: Option<Attribute<'a>>,
    session_type: Option<Attribute<'a>>,
}

impl<'a> Attributes<'a> {
    fn read(reader: &NsReader<&[u8]>, element: &'a BytesStart<'_>) -> Result<Self, DocumentError> {
        let mut read = Self {
            position: reader.buffer_position(),
            entity: None,
            state: None,
            version: None,
            session_type: None,
        };
        for attribute in element.attributes().with_checks(false) {
            let attribute = attribute.map_err(|error| read.malformed(error))?;
            let slot = match (attribute.key.prefix(), attribute.key.local_name().as_ref()) {
                (None, b"entity") => &mut read.entity,
                (None, b"state") => &mut read.state,
                (None, b"version") => &mut read.version,
                (None, b"session-type") => &mut read.session_type,
                (Some(_), b"session-type")
                    if namespace(&reader.resolve_attribute(attribute.key).0)
                        == Some(CONFINFO_EXTENSIONS_NAMESPACE.as_bytes()) =>
                {
                    &mut read.session_type
                }
                _ => continue,
            };
            *slot = Some(attribute);
        }
        Ok(read)
    }

    fn malformed(&self, error: impl std::fmt::Display) -> DocumentError {
        DocumentError::Malformed {
            position: self.position,
            problem: error.to_string(),
        }
    }

    /// An attribute's value, borrowed from the document unless it has
    /// escapes to resolve.
    fn text(
        &self,
        attribute: &Option<Attribute<'a>>,
    ) -> Result<Option<Cow<'a, str>>, DocumentError> {
        attribute
            .as_ref()
            .map(|attribute| {
                attribute
                    .unescape_value()
                    .map_err(|error| self.malformed(error))
            })
            .transpose()
    }

    /// A required attribute's value: refused where the element has none.
    fn required(
        &self,
        attribute: &Option<Attribute<'a>>,
        element: &'static str,
        name: &'static str,
    ) -> Result<Cow<'a, str>, DocumentError> {
        self.text(attribute)?
            .ok_or(DocumentError::MissingAttribute {
                element,
                attribute: name,
            })
    }

    fn entity(&self, name: &'static str) -> Result<Uri, DocumentError> {
        let value = self.required(&self.entity, name, "entity")?;
        Uri::parse(value).map_err(|problem| DocumentError::BadEntity {
            element: name,
            problem,
        })
    }

    /// The element's `state`, `full` where absent (the schema's default).
    fn state(&self, name: &'static str) -> Result<State, DocumentError> {
        match self.text(&self.state)?.as_deref() {
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

    fn no_state(&self, name: &'static str) -> Result<(), DocumentError> {
        match self.state {
            Some(_) => Err(DocumentError::StateNotAllowed(name)),
            None => Ok(()),
        }
    }

    /// An endpoint's `session-type`, around white space: the MCU type it
    /// names.
    fn session_type(&self) -> Result<Option<Cow<'a, str>>, DocumentError> {
        let Some(value) = self.text(&self.session_type)? else {
            return Ok(None);
        };
        if value.trim().is_empty() {
            return Err(DocumentError::BadAttribute {
                element: "endpoint",
                attribute: "session-type",
                value: value.into_owned(),
                expected: "an MCU type",
            });
        }
        Ok(Some(match value {
            Cow::Borrowed(value) => Cow::Borrowed(value.trim()),
            Cow::Owned(value) => Cow::Owned(value.trim().to_owned()),
        }))
    }
}
