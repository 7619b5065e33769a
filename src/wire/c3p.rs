//! C3P, the Centralized Conference Control Protocol ([MS-CONFPRO]): the
//! `<request>` bodies the application sends the focus for its conference
//! commands and MCU operations, and the `<response>` bodies that answer
//! them, each turned into the [`Response`] its session takes.
//!
//! # Request ids
//!
//! A request's `requestId` "MUST be set by the message sender to a
//! non-negative integer that is unique among all requests from that
//! sender" ([MS-CONFPRO] 2.2.2). The conference and each of its MCU
//! sessions number their requests on their own, from 1, so their ids
//! collide. On the wire each id is made unique by the [`Channel`] it
//! belongs to: `requestId = id × 3 + channel`, and a response's
//! `requestId` says both which channel and which request it answers, so
//! the application routes it without a table of its own
//! ([`C3pResponse::channel`]).
//!
//! # What has a wire form
//!
//! Only what the protocol documents, or what a client that works against
//! real Lync servers is observed to send, is encoded; every other command
//! is a [`RequestError::NoDocumentedWireForm`], never a guess:
//!
//! | the crate's | C3P | where it comes from |
//! |---|---|---|
//! | [`OperationKind::Eject`] | `deleteUser`, its `userKeys` naming the conference (`confEntity`) and the participant (`userEntity`), addressed to the MCU by `mscp:mcuUri` | specified: [MS-CONFIM] 4.3.1; `mcuUri`: [MS-CONFBAS] 4.4.10 |
//! | [`ConferenceCommand::LockConference`], [`ConferenceCommand::UnlockConference`] | `modifyConferenceLock`, its `conferenceKeys` naming the conference (`confEntity`), then `locked`: `true` or `false` | **observed, not specified**: what pidgin-sipe sends (tieto/sipe, `src/core/sipe-conf.c`, commit ad0d885d, 2018), an open-source client that works against Lync servers |
//! | every other operation, [`ConferenceCommand::TerminateConference`] | none yet | |
//!
//! ```
//! use mcu_session::wire::c3p::{self, Channel};
//! use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, McuInfo, Operation, Response, Uri};
//!
//! let focus = Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2")?;
//! let chat = McuInfo::<InstantMessaging>::new(Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2")?, None);
//! let mut active = InstantMessagingMcuSession::new(focus).mcu_activated(chat.clone(), std::time::Instant::now());
//! let request = active.request(Operation::eject("sip:mallory@contoso.com")?, std::time::Instant::now())?;
//!
//! let me = Uri::parse("sip:alice@contoso.com")?;
//! let body = c3p::operation_request(&request, &chat, &me)?;
//! assert!(body.starts_with(r#"<request xmlns="urn:ietf:params:xml:ns:cccp""#));
//! assert!(body.contains(r#"requestId="4""#)); // #1 of the instant messaging channel
//!
//! let answer = c3p::decode_response(
//!     r#"<response xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" requestId="4"
//!          from="sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2" to="sip:alice@contoso.com"
//!          code="success"><deleteUser/></response>"#,
//! )?;
//! assert_eq!(answer.channel(), Channel::InstantMessagingSession);
//! active.answer(answer.into_response())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use core::fmt::Write as _;
use std::borrow::Cow;

use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::NsReader;

use crate::conference::command::{ConferenceCommand, ConferenceRequest};
use crate::mcu_type::{AudioVideo, InstantMessaging, McuInfo, McuType};
use crate::request::operation::{OperationKind, Request, RequestId, Response};
use crate::uri::{InvalidUri, Uri};
use crate::wire::namespace;
use crate::wire::well_formed::{self, WellFormed};

/// The namespace of C3P's `request` and `response` elements ([MS-CONFPRO]
/// 2.2.2, 2.2.3).
///
/// ```
/// assert_eq!(mcu_session::wire::c3p::CCCP_NAMESPACE, "urn:ietf:params:xml:ns:cccp");
/// ```
pub const CCCP_NAMESPACE: &str = "urn:ietf:params:xml:ns:cccp";

/// The namespace of the `mscp:mcuUri` attribute that addresses a command
/// to an MCU ([MS-CONFBAS] 4.4.10; [MS-CONFPRO] 2.2.3 lists it among the
/// extension namespaces).
///
/// ```
/// assert!(mcu_session::wire::c3p::CCCP_EXTENSIONS_NAMESPACE.ends_with("/cccpextensions"));
/// ```
pub const CCCP_EXTENSIONS_NAMESPACE: &str =
    "http://schemas.microsoft.com/rtc/2005/08/cccpextensions";

/// The largest response body [`decode_response`] reads: a C3P response
/// is a root element and one child, and a focus's are a few hundred bytes.
///
/// ```
/// use mcu_session::wire::c3p::{self, ResponseError, MAX_RESPONSE_BYTES};
///
/// let huge = " ".repeat(MAX_RESPONSE_BYTES + 1);
/// assert_eq!(c3p::decode_response(&huge), Err(ResponseError::TooLarge { len: MAX_RESPONSE_BYTES + 1 }));
/// ```
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024;

/// How deep a response's elements may nest: the root, its child, and what
/// the child holds.
///
/// ```
/// use mcu_session::wire::c3p::{self, ResponseError, MAX_RESPONSE_DEPTH};
///
/// let deep = format!("{}{}", "<a>".repeat(MAX_RESPONSE_DEPTH), "</a>".repeat(MAX_RESPONSE_DEPTH));
/// let body = format!(r#"<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="1" from="sip:a@b.c" to="sip:d@e.f" code="failure">{deep}</response>"#);
/// assert_eq!(c3p::decode_response(&body), Err(ResponseError::TooDeep));
/// ```
pub const MAX_RESPONSE_DEPTH: usize = 16;

/// Whose numbering a request id belongs to: the conference's commands, or
/// one of its MCU sessions' operations.
///
/// ```
/// use mcu_session::wire::c3p::Channel;
///
/// assert_eq!(Channel::of_mcu_type("chat"), Some(Channel::InstantMessagingSession));
/// assert_eq!(Channel::of_mcu_type("meeting"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// The conference session's commands.
    Conference,
    /// The instant messaging MCU session's operations.
    InstantMessagingSession,
    /// The audio/video MCU session's operations.
    AudioVideoSession,
}

impl Channel {
    const COUNT: u64 = 3;

    /// The channel of the MCU sessions of type `mcu_type`, if C3P has one
    /// here.
    #[must_use]
    pub fn of_mcu_type(mcu_type: &str) -> Option<Self> {
        if mcu_type == InstantMessaging::MCU_TYPE {
            Some(Self::InstantMessagingSession)
        } else if mcu_type == AudioVideo::MCU_TYPE {
            Some(Self::AudioVideoSession)
        } else {
            None
        }
    }

    const fn index(self) -> u64 {
        match self {
            Self::Conference => 0,
            Self::InstantMessagingSession => 1,
            Self::AudioVideoSession => 2,
        }
    }

    /// The wire's `requestId` for the request `id` of this channel, unless
    /// it would not fit.
    fn request_id(self, id: RequestId) -> Result<u64, RequestError> {
        id.get()
            .checked_mul(Self::COUNT)
            .and_then(|n| n.checked_add(self.index()))
            .ok_or(RequestError::RequestIdTooLarge { id })
    }

    /// The channel and its request id a wire `requestId` stands for.
    fn split(request_id: u64) -> (Self, RequestId) {
        let channel = match request_id % Self::COUNT {
            0 => Self::Conference,
            1 => Self::InstantMessagingSession,
            _ => Self::AudioVideoSession,
        };
        (channel, RequestId::new(request_id / Self::COUNT))
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Conference => "the conference",
            Self::InstantMessagingSession => "the instant messaging MCU session",
            Self::AudioVideoSession => "the audio/video MCU session",
        })
    }
}

/// Why a request has no C3P body; nothing was sent.
///
/// ```
/// use mcu_session::wire::c3p::{self, RequestError};
/// use mcu_session::{AudioVideo, McuInfo, Operation, SelfUnmuteAssignment, Session, Uri};
///
/// let av = McuInfo::<AudioVideo>::new(Uri::parse("sip:conf@contoso.com;av")?, None);
/// let now = std::time::Instant::now();
/// let mut active = Session::<_, AudioVideo>::new(Uri::parse("sip:conf@contoso.com")?).mcu_activated(av.clone(), now);
/// let mute = active.request(Operation::enable_mute_all_mode(SelfUnmuteAssignment::Everyone), now)?;
/// let error = c3p::operation_request(&mute, &av, &Uri::parse("sip:alice@contoso.com")?).unwrap_err();
/// assert!(matches!(error, RequestError::NoDocumentedWireForm { .. }));
/// assert_eq!(error.to_string(), "enable the mute-all mode (everyone may unmute) has no documented C3P form yet");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// The protocol documents no form for it that this crate can cite.
    #[error("{what} has no documented C3P form yet")]
    NoDocumentedWireForm {
        /// What was asked, as the crate words it.
        what: String,
    },
    /// The MCU given is not of the request's MCU type.
    #[error("the request is for the `{request}` MCU, not the `{mcu}` one given")]
    WrongMcu {
        /// The request's MCU type.
        request: &'static str,
        /// The MCU type of the MCU given.
        mcu: &'static str,
    },
    /// C3P has no channel for the request's MCU type here.
    #[error("no C3P channel for the `{mcu_type}` MCU")]
    NoChannel {
        /// The request's MCU type.
        mcu_type: &'static str,
    },
    /// The request's id is too large to be made unique on the wire.
    #[error("request {id} is too large for a C3P request id")]
    RequestIdTooLarge {
        /// The request's id.
        id: RequestId,
    },
}

/// The C3P `<request>` body of a conference command, from `sender` (the
/// local participant) to the conference's focus ([MS-CONFPRO] 2.2.2).
///
/// Lock and unlock go out in the form an interoperating client is observed
/// to send (see the [module](self) table): observed behaviour, not the
/// specification.
///
/// # Errors
///
/// [`RequestError::NoDocumentedWireForm`] for a command the table does not
/// list (`TerminateConference`); [`RequestError::RequestIdTooLarge`] past
/// `u64::MAX / 3`.
///
/// ```
/// use mcu_session::wire::c3p;
/// use mcu_session::{ConferenceCommand, ConferenceSession, Uri};
///
/// let mut connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
/// let lock = connected.command(ConferenceCommand::LockConference, std::time::Instant::now())?;
/// let body = c3p::command_request(&lock, &Uri::parse("sip:alice@contoso.com")?)?;
/// assert!(body.contains(r#"<modifyConferenceLock><conferenceKeys confEntity="sip:conf@contoso.com"/><locked>true</locked></modifyConferenceLock>"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn command_request(request: &ConferenceRequest, sender: &Uri) -> Result<String, RequestError> {
    let mut body = String::new();
    write_command_request(&mut body, request, sender)?;
    Ok(body)
}

/// Writes the body [`command_request`] returns into `body`, cleared first,
/// so that a client reusing one buffer allocates nothing once it is large
/// enough. On an error `body` is left empty.
pub(crate) fn write_command_request(
    body: &mut String,
    request: &ConferenceRequest,
    sender: &Uri,
) -> Result<(), RequestError> {
    body.clear();
    let request_id = Channel::Conference.request_id(request.id)?;
    let locked = match request.command {
        ConferenceCommand::LockConference => "true",
        ConferenceCommand::UnlockConference => "false",
        ConferenceCommand::TerminateConference => {
            return Err(RequestError::NoDocumentedWireForm {
                what: request.command.to_string(),
            });
        }
    };
    // Observed (pidgin-sipe, `sipe-conf.c`): `modifyConferenceLock` with
    // the conference's keys and the lock's new value.
    envelope(body, request_id, sender, &request.conference);
    body.push_str("<modifyConferenceLock><conferenceKeys confEntity=\"");
    body.push_str(&escape(request.conference.as_str()));
    body.push_str("\"/><locked>");
    body.push_str(locked);
    body.push_str("</locked></modifyConferenceLock></request>");
    Ok(())
}

/// Whether `command` has a C3P form here: what [`command_request`] and a
/// client check before a command is pending.
pub(crate) fn command_has_form(command: ConferenceCommand) -> bool {
    command != ConferenceCommand::TerminateConference
}

/// Whether `operation` has a C3P form here: what [`operation_request`] and
/// a client check before an operation is pending.
pub(crate) fn operation_has_form(operation: &OperationKind) -> bool {
    matches!(operation, OperationKind::Eject { .. })
}

/// The C3P `<request>` body of an MCU operation, from `sender` (the local
/// participant) to the conference's focus, addressed to `mcu`, the MCU
/// the session is bound to ([MS-CONFPRO] 2.2.2; the table of the
/// [module](self) says which operations have a form).
///
/// # Errors
///
/// [`RequestError::NoDocumentedWireForm`] for an operation the table does
/// not list; [`RequestError::WrongMcu`] when `mcu` is not of the
/// request's MCU type; [`RequestError::NoChannel`] for an MCU type other
/// than instant messaging and audio/video;
/// [`RequestError::RequestIdTooLarge`] past `u64::MAX / 3`.
///
/// ```
/// use mcu_session::wire::c3p;
/// use mcu_session::{AudioVideo, McuInfo, Operation, Session, Uri};
///
/// let av = McuInfo::<AudioVideo>::new(Uri::parse("sip:conf@contoso.com;av")?, None);
/// let mut active = Session::<_, AudioVideo>::new(Uri::parse("sip:conf@contoso.com")?).mcu_activated(av.clone(), std::time::Instant::now());
/// let request = active.request(Operation::eject("sip:mallory@contoso.com")?, std::time::Instant::now())?;
/// let body = c3p::operation_request(&request, &av, &Uri::parse("sip:alice@contoso.com")?)?;
/// assert!(body.contains(r#"<deleteUser mscp:mcuUri="sip:conf@contoso.com;av">"#));
/// assert!(body.contains(r#"<userKeys confEntity="sip:conf@contoso.com" userEntity="sip:mallory@contoso.com"/>"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn operation_request<M: McuType>(
    request: &Request,
    mcu: &McuInfo<M>,
    sender: &Uri,
) -> Result<String, RequestError> {
    if request.mcu_type != mcu.mcu_type() {
        return Err(RequestError::WrongMcu {
            request: request.mcu_type,
            mcu: mcu.mcu_type(),
        });
    }
    let mut body = String::new();
    write_operation_request(&mut body, request, mcu.uri(), sender)?;
    Ok(body)
}

/// Writes the body [`operation_request`] returns into `body`, cleared
/// first, for the MCU at `mcu` (the request's MCU type is the caller's to
/// check). On an error `body` is left empty.
pub(crate) fn write_operation_request(
    body: &mut String,
    request: &Request,
    mcu: &Uri,
    sender: &Uri,
) -> Result<(), RequestError> {
    body.clear();
    let channel = Channel::of_mcu_type(request.mcu_type).ok_or(RequestError::NoChannel {
        mcu_type: request.mcu_type,
    })?;
    let request_id = channel.request_id(request.id)?;
    match &request.operation {
        // [MS-CONFIM] 4.3.1: ejecting a participant is `deleteUser`, its
        // `userKeys` naming the conference and the user; [MS-CONFBAS]
        // 4.4.10: a command for an MCU names it in `mscp:mcuUri`.
        OperationKind::Eject { participant } => {
            envelope(body, request_id, sender, &request.conference);
            body.push_str("<deleteUser mscp:mcuUri=\"");
            body.push_str(&escape(mcu.as_str()));
            body.push_str("\"><userKeys confEntity=\"");
            body.push_str(&escape(request.conference.as_str()));
            body.push_str("\" userEntity=\"");
            body.push_str(&escape(participant.as_str()));
            body.push_str("\"/></deleteUser></request>");
            Ok(())
        }
        other => Err(RequestError::NoDocumentedWireForm {
            what: other.to_string(),
        }),
    }
}

/// Writes the start of a `<request>` ([MS-CONFPRO] 2.2.2) into `body`: in
/// the C3P namespace, with `C3PVersion` "1", the `requestId`, `from` (the
/// source of the request) and `to` (the URI of the enclosing SIP request's
/// To header: the focus). The command element follows, then `</request>`.
fn envelope(body: &mut String, request_id: u64, from: &Uri, to: &Uri) {
    body.push_str("<request xmlns=\"");
    body.push_str(CCCP_NAMESPACE);
    body.push_str("\" xmlns:mscp=\"");
    body.push_str(CCCP_EXTENSIONS_NAMESPACE);
    body.push_str("\" C3PVersion=\"1\" requestId=\"");
    // Writing to a `String` cannot fail; it allocates only to grow it.
    let _infallible = write!(body, "{request_id}");
    body.push_str("\" from=\"");
    body.push_str(&escape(from.as_str()));
    body.push_str("\" to=\"");
    body.push_str(&escape(to.as_str()));
    body.push_str("\">");
}

/// A C3P response, decoded: whose request it answers and how.
///
/// ```
/// use mcu_session::wire::c3p::{self, Channel};
/// use mcu_session::{RequestId, Response};
///
/// let answer = c3p::decode_response(
///     r#"<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="3" from="sip:conf@contoso.com"
///          to="sip:alice@contoso.com" code="failure"><modifyConferenceLock reason="notAuthorized"/></response>"#,
/// )?;
/// assert_eq!(answer.channel(), Channel::Conference);
/// assert_eq!(answer.response(), &Response::Failure {
///     id: RequestId::new(1),
///     reason: r#"<modifyConferenceLock reason="notAuthorized"/>"#.to_owned(),
/// });
/// # Ok::<(), mcu_session::wire::c3p::ResponseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct C3pResponse {
    channel: Channel,
    response: Response,
    from: Uri,
    to: Uri,
}

impl C3pResponse {
    /// Whose request it answers, and so where the
    /// [`response`](Self::response) goes: a conference command's to the
    /// conference ([`ConferenceSession::answer`](crate::ConferenceSession::answer),
    /// [`AnyConference::answer`](crate::AnyConference::answer)); an MCU
    /// session's, when the conference owns the session, through the
    /// conference as that MCU's report
    /// ([`McuReport::Response`](crate::conference::McuReport::Response) to
    /// `mcu_event`), and to a session of one's own directly
    /// ([`Session::answer`](crate::Session::answer), or as
    /// [`Event::Response`](crate::Event::Response)).
    ///
    /// ```
    /// # use mcu_session::wire::c3p::{self, Channel};
    /// # use mcu_session::{RequestId, Response, Uri};
    /// let answer = c3p::decode_response(r#"<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="5"
    ///     from="sip:conf@contoso.com" to="sip:alice@contoso.com" code="success"><deleteUser/></response>"#)?;
    /// assert_eq!(answer.channel(), Channel::AudioVideoSession); // 5 = 1 × 3 + 2
    /// # Ok::<(), c3p::ResponseError>(())
    /// ```
    #[must_use]
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The answer, with the channel's own request id: `Success` for
    /// `code="success"`; for `code="failure"`, `Failure` whose reason is
    /// the response's one child element as the focus sent it (C3P says
    /// why a command failed in that element, which "identifies the type
    /// of response", [MS-CONFPRO] 2.2.3).
    ///
    /// ```
    /// # use mcu_session::wire::c3p::{self, Channel};
    /// # use mcu_session::{RequestId, Response, Uri};
    /// let answer = c3p::decode_response(r#"<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="5"
    ///     from="sip:conf@contoso.com" to="sip:alice@contoso.com" code="success"><deleteUser/></response>"#)?;
    /// assert_eq!(answer.response(), &Response::Success { id: RequestId::new(1) });
    /// # Ok::<(), c3p::ResponseError>(())
    /// ```
    #[must_use]
    pub fn response(&self) -> &Response {
        &self.response
    }

    /// The answer, to hand to its session.
    ///
    /// ```
    /// # use mcu_session::wire::c3p::{self, Channel};
    /// # use mcu_session::{RequestId, Response, Uri};
    /// let answer = c3p::decode_response(r#"<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="5"
    ///     from="sip:conf@contoso.com" to="sip:alice@contoso.com" code="success"><deleteUser/></response>"#)?;
    /// assert_eq!(answer.into_response().id(), RequestId::new(1));
    /// # Ok::<(), c3p::ResponseError>(())
    /// ```
    #[must_use]
    pub fn into_response(self) -> Response {
        self.response
    }

    /// The response's source: the `to` of the request it answers, the
    /// focus ([MS-CONFPRO] 2.2.3).
    ///
    /// ```
    /// # use mcu_session::wire::c3p::{self, Channel};
    /// # use mcu_session::{RequestId, Response, Uri};
    /// let answer = c3p::decode_response(r#"<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="5"
    ///     from="sip:conf@contoso.com" to="sip:alice@contoso.com" code="success"><deleteUser/></response>"#)?;
    /// assert_eq!(answer.from(), &Uri::parse("sip:conf@contoso.com")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from(&self) -> &Uri {
        &self.from
    }

    /// The response's target: the `from` of the request it answers.
    ///
    /// ```
    /// # use mcu_session::wire::c3p::{self, Channel};
    /// # use mcu_session::{RequestId, Response, Uri};
    /// let answer = c3p::decode_response(r#"<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="5"
    ///     from="sip:conf@contoso.com" to="sip:alice@contoso.com" code="success"><deleteUser/></response>"#)?;
    /// assert_eq!(answer.to(), &Uri::parse("sip:alice@contoso.com")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to(&self) -> &Uri {
        &self.to
    }
}

/// Why a body is not a C3P response this crate can take; nothing was
/// applied.
///
/// ```
/// use mcu_session::wire::c3p::{self, ResponseError};
///
/// let error = c3p::decode_response(r#"<response requestId="1" from="sip:a@b.c" to="sip:d@e.f" code="success"><x/></response>"#).unwrap_err();
/// assert_eq!(error, ResponseError::NotAResponse { element: "response".to_owned(), namespace: None });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// Longer than [`MAX_RESPONSE_BYTES`].
    #[error("a C3P response of {len} bytes is longer than {MAX_RESPONSE_BYTES}")]
    TooLarge {
        /// The body's length.
        len: usize,
    },
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
    /// A document type declaration: C3P bodies have none, and refusing it
    /// refuses every entity trick.
    #[error("a C3P response has no document type declaration")]
    DocumentType,
    /// Nested deeper than [`MAX_RESPONSE_DEPTH`] (an empty element as deep as
    /// a start tag): the body is not read past that point, since the
    /// reader's memory would grow with the nesting, so whether the rest is
    /// well-formed is not known. Every other refusal reads the whole body,
    /// and a body that is not well-formed is refused as `Malformed`.
    #[error("elements nest deeper than {MAX_RESPONSE_DEPTH}")]
    TooDeep,
    /// The root is not C3P's `response` element ([MS-CONFPRO] 2.2.3: "MUST
    /// use the response root element", in the C3P namespace).
    #[error("the root element is {element} in namespace {namespace:?}, not a C3P response")]
    NotAResponse {
        /// The root's local name.
        element: String,
        /// The root's namespace, if bound.
        namespace: Option<String>,
    },
    /// A required attribute of `response` is missing.
    #[error("the response has no {0} attribute")]
    MissingAttribute(&'static str),
    /// An attribute of `response` has a value C3P does not allow.
    #[error("the response's {attribute} is {value:?}: {expected}")]
    BadAttribute {
        /// The attribute.
        attribute: &'static str,
        /// Its value.
        value: String,
        /// What [MS-CONFPRO] 2.2.3 allows.
        expected: &'static str,
    },
    /// `from` or `to` is not a URI.
    #[error("the response's {attribute} is not a URI: {problem}")]
    BadUri {
        /// The attribute.
        attribute: &'static str,
        /// What is wrong with it.
        problem: InvalidUri,
    },
    /// Not exactly one child element ([MS-CONFPRO] 2.2.3: "MUST contain
    /// exactly one child element").
    #[error("a C3P response has exactly one child element, not {0}")]
    ChildCount(usize),
    /// Text beside the child element.
    #[error("a C3P response holds an element, not text")]
    Text,
}

/// Decodes a C3P `<response>` body ([MS-CONFPRO] 2.2.3): its `requestId`,
/// `from`, `to` and `code` attributes and its one child element. Elements
/// are matched by namespace URI, whatever their prefix; the optional
/// `C3PVersion` must be "1"; attributes of extension namespaces are
/// ignored.
///
/// # Errors
///
/// A [`ResponseError`] saying what is wrong, for a body that is not
/// well-formed, not a C3P response, or larger or deeper than the limits.
///
/// ```
/// use mcu_session::wire::c3p::{self, Channel};
/// use mcu_session::{RequestId, Response};
///
/// let body = r#"<c:response xmlns:c="urn:ietf:params:xml:ns:cccp" requestId="7" from="sip:conf@contoso.com"
///                 to="sip:alice@contoso.com" code="success"><c:deleteUser/></c:response>"#;
/// let answer = c3p::decode_response(body)?;
/// assert_eq!((answer.channel(), answer.response()), (Channel::InstantMessagingSession, &Response::Success { id: RequestId::new(2) }));
/// # Ok::<(), mcu_session::wire::c3p::ResponseError>(())
/// ```
pub fn decode_response(body: &str) -> Result<C3pResponse, ResponseError> {
    if body.len() > MAX_RESPONSE_BYTES {
        return Err(ResponseError::TooLarge { len: body.len() });
    }
    // A body that is not well-formed is refused as `Malformed` whatever
    // else is wrong with it: a refusal for the protocol or a limit reads
    // the rest of the body first (and the failure child is cut from the
    // body the reader read, the byte order mark taken off).
    well_formed::decode(body, MAX_RESPONSE_DEPTH, read)
}

well_formed::refusal!(ResponseError);

fn read(
    body: &str,
    reader: &mut NsReader<&[u8]>,
    checker: &mut WellFormed,
) -> Result<C3pResponse, ResponseError> {
    let mut root: Option<Root> = None;
    let mut depth = 0_usize;
    let mut children = 0_usize;
    let mut child: Option<(usize, usize)> = None;
    let mut child_start = 0_usize;
    loop {
        // Well-formed first, the failure child included: it is handed on.
        // A body cut short is refused here: its failure child would be
        // handed on as a reason it never finished saying. Only the root's
        // namespace is read (the child is kept as text), copied out so
        // that the reader can be asked where it stopped.
        let at_root = depth == 0;
        let (root_namespace, event, at) =
            well_formed::next::<_, ResponseError>(reader, checker, |resolved| {
                at_root
                    .then(|| namespace(resolved).map(<[u8]>::to_vec))
                    .flatten()
            })?;
        // Where the event started, to cut the child from the body.
        let before = usize::try_from(at).unwrap_or(usize::MAX);
        match event {
            Event::Eof => break,
            Event::DocType(_) => return Err(ResponseError::DocumentType),
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Text(text) if text.iter().all(u8::is_ascii_whitespace) => {}
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => match depth {
                // Directly in the root (outside it, the check refused it).
                0 | 1 => return Err(ResponseError::Text),
                _ => {}
            },
            Event::Start(ref element) | Event::Empty(ref element) if depth == 0 => {
                let end = reader.buffer_position();
                root = Some(Root::read(element, root_namespace.as_deref(), end)?);
                if matches!(event, Event::Start(_)) {
                    depth = 1;
                }
            }
            Event::Start(_) => {
                if depth == 1 {
                    children += 1;
                    child_start = before;
                }
                depth += 1;
                if depth > MAX_RESPONSE_DEPTH {
                    return Err(ResponseError::TooDeep);
                }
            }
            Event::Empty(_) => {
                // As deep as a start tag at this place would be.
                if depth + 1 > MAX_RESPONSE_DEPTH {
                    return Err(ResponseError::TooDeep);
                }
                if depth == 1 {
                    children += 1;
                    child = Some((before, position(reader)));
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    child = Some((child_start, position(reader)));
                }
            }
        }
    }
    let root = root.ok_or(ResponseError::ChildCount(0))?;
    let child = match (children, child) {
        (1, Some((start, end))) => body.get(start..end).unwrap_or_default(),
        (count, _) => return Err(ResponseError::ChildCount(count)),
    };
    let (channel, id) = Channel::split(root.request_id);
    let response = match root.code {
        Code::Success => Response::Success { id },
        Code::Failure => Response::Failure {
            id,
            reason: child.to_owned(),
        },
    };
    Ok(C3pResponse {
        channel,
        response,
        from: root.from,
        to: root.to,
    })
}

fn position(reader: &NsReader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// `code` ([MS-CONFPRO] 2.2.3): "MUST be the string value "success" or
/// "failure"".
enum Code {
    Success,
    Failure,
}

/// What the `response` element itself says.
struct Root {
    request_id: u64,
    from: Uri,
    to: Uri,
    code: Code,
}

impl Root {
    /// Reads the root, which ends at `position` (where an attribute's
    /// error is reported).
    fn read(
        element: &BytesStart<'_>,
        namespace: Option<&[u8]>,
        position: u64,
    ) -> Result<Self, ResponseError> {
        let name = element.name();
        let local = String::from_utf8_lossy(name.local_name().as_ref()).into_owned();
        if namespace != Some(CCCP_NAMESPACE.as_bytes()) || local != "response" {
            return Err(ResponseError::NotAResponse {
                element: local,
                namespace: namespace.map(|uri| String::from_utf8_lossy(uri).into_owned()),
            });
        }
        let (mut request_id, mut from, mut to, mut code) = (None, None, None, None);
        for attribute in element.attributes().with_checks(false) {
            let attribute = attribute.map_err(|error| ResponseError::Malformed {
                position,
                problem: error.to_string(),
            })?;
            // "All attributes MUST belong to no namespace unless specified
            // as belonging to an extension namespace": a prefixed one
            // (an extension's, or a namespace declaration) is not ours.
            if attribute.key.prefix().is_some() {
                continue;
            }
            let value = attribute
                .unescape_value()
                .map_err(|error| ResponseError::Malformed {
                    position,
                    problem: error.to_string(),
                })?;
            match attribute.key.local_name().as_ref() {
                b"requestId" => request_id = Some(value),
                b"from" => from = Some(value),
                b"to" => to = Some(value),
                b"code" => code = Some(value),
                b"C3PVersion" if value != "1" => {
                    return Err(ResponseError::BadAttribute {
                        attribute: "C3PVersion",
                        value: value.into_owned(),
                        expected: "\"1\"",
                    });
                }
                _ => {}
            }
        }
        Ok(Self {
            request_id: request_id_of(required(request_id, "requestId")?)?,
            from: uri_of(required(from, "from")?, "from")?,
            to: uri_of(required(to, "to")?, "to")?,
            code: match required(code, "code")?.as_ref() {
                "success" => Code::Success,
                "failure" => Code::Failure,
                other => {
                    return Err(ResponseError::BadAttribute {
                        attribute: "code",
                        value: other.to_owned(),
                        expected: "\"success\" or \"failure\"",
                    });
                }
            },
        })
    }
}

fn required<'a>(
    value: Option<Cow<'a, str>>,
    attribute: &'static str,
) -> Result<Cow<'a, str>, ResponseError> {
    value.ok_or(ResponseError::MissingAttribute(attribute))
}

fn request_id_of(value: Cow<'_, str>) -> Result<u64, ResponseError> {
    // A non-negative integer ([MS-CONFPRO] 2.2.2): digits only, no sign.
    match value.parse::<u64>() {
        Ok(id) if value.bytes().all(|byte| byte.is_ascii_digit()) => Ok(id),
        _ => Err(ResponseError::BadAttribute {
            attribute: "requestId",
            value: value.into_owned(),
            expected: "a non-negative integer",
        }),
    }
}

fn uri_of(value: Cow<'_, str>, attribute: &'static str) -> Result<Uri, ResponseError> {
    Uri::parse(value).map_err(|problem| ResponseError::BadUri { attribute, problem })
}

#[cfg(test)]
mod tests {
    use super::{Channel, RequestError, RequestId};

    /// What a client checks before an operation or command is pending is
    /// exactly what the encoders write.
    #[test]
    fn the_wire_form_check_agrees_with_the_encoders() {
        use crate::{
            AttendanceAnnouncementsStatus, AudioVideo, ConferenceCommand, ConferenceRequest,
            InstantMessaging, Operation, Request, SelfUnmuteAssignment, Uri,
        };
        let uri = |text: &str| Uri::parse(text).unwrap();
        let kinds = [
            Operation::<AudioVideo>::eject("sip:bob@contoso.com")
                .unwrap()
                .kind()
                .clone(),
            Operation::<AudioVideo>::dial_out("sip:bob@contoso.com")
                .unwrap()
                .kind()
                .clone(),
            Operation::<InstantMessaging>::enable_block_all_mode()
                .kind()
                .clone(),
            Operation::<InstantMessaging>::disable_block_all_mode()
                .kind()
                .clone(),
            Operation::<AudioVideo>::enable_mute_all_mode(SelfUnmuteAssignment::Everyone)
                .kind()
                .clone(),
            Operation::<AudioVideo>::disable_mute_all_mode()
                .kind()
                .clone(),
            Operation::<AudioVideo>::modify_attendance_announcements(
                AttendanceAnnouncementsStatus::Enabled,
            )
            .kind()
            .clone(),
        ];
        let mut body = String::new();
        for kind in kinds {
            let request = Request {
                id: RequestId::new(1),
                conference: uri("sip:conf@contoso.com"),
                mcu_type: "audio-video",
                operation: kind.clone(),
            };
            let written = super::write_operation_request(
                &mut body,
                &request,
                &uri("sip:conf@contoso.com;av"),
                &uri("sip:a@contoso.com"),
            );
            assert_eq!(
                super::operation_has_form(&kind),
                written.is_ok(),
                "{kind:?}"
            );
        }
        for command in [
            ConferenceCommand::LockConference,
            ConferenceCommand::UnlockConference,
            ConferenceCommand::TerminateConference,
        ] {
            let request = ConferenceRequest {
                id: RequestId::new(1),
                conference: uri("sip:conf@contoso.com"),
                command,
            };
            let written = super::command_request(&request, &uri("sip:a@contoso.com"));
            assert_eq!(
                super::command_has_form(command),
                written.is_ok(),
                "{command:?}"
            );
        }
    }

    #[test]
    fn each_channel_request_id_comes_back_from_the_wire() {
        for channel in [
            Channel::Conference,
            Channel::InstantMessagingSession,
            Channel::AudioVideoSession,
        ] {
            for id in [0, 1, 2, 1_000_000, u64::MAX / 3 - 1] {
                let id = RequestId::new(id);
                let wire = channel.request_id(id).expect("fits");
                assert_eq!(Channel::split(wire), (channel, id));
            }
        }
    }

    #[test]
    fn a_request_id_too_large_for_the_wire_is_refused() {
        let id = RequestId::new(u64::MAX / 3 + 1);
        assert_eq!(
            Channel::Conference.request_id(id),
            Err(RequestError::RequestIdTooLarge { id })
        );
        // The largest that fits: u64::MAX is 3 × (u64::MAX / 3).
        let last = RequestId::new(u64::MAX / 3);
        assert_eq!(Channel::Conference.request_id(last), Ok(u64::MAX));
        assert!(Channel::AudioVideoSession.request_id(last).is_err());
    }
}
