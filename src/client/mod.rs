//! One conference, its MCU sessions and the focus's wire behind one sans-IO
//! object: [`Client`].
//!
//! The application owns the SIP stack and the clock; the client owns the
//! conference session, its instant messaging and audio/video MCU sessions
//! (UCMA's `ConferenceSession` always has both), the conference documents'
//! state and the C3P numbering. Its shape is the one users of a sans-IO
//! protocol crate know from quinn-proto's `Connection`:
//!
//! | in | out |
//! |---|---|
//! | [`handle_document`](Client::handle_document): a conference-info body (SIP NOTIFY) | [`poll_transmit`](Client::poll_transmit): the next C3P request to send (SIP INFO to the focus) |
//! | [`handle_response`](Client::handle_response): a C3P response body (SIP INFO, or the 200 OK's body) | [`poll_event`](Client::poll_event): the next [`ClientEvent`] |
//! | [`handle_report`](Client::handle_report): what the application's SIP dialogs saw ([`Report`]) | [`poll_timeout`](Client::poll_timeout): when to call `handle_timeout` |
//! | [`join`](Client::join), [`submit`](Client::submit), [`command`](Client::command), [`cancel`](Client::cancel), [`cancel_command`](Client::cancel_command): what the application asks | |
//! | [`handle_timeout`](Client::handle_timeout): the clock | |
//!
//! What the client does on its own, that a user of the separate pieces
//! writes by hand: a document's MCU rosters go to the MCU sessions (one
//! that arrives before the join completes is held and given to each
//! session when the conference connects, as the reference raises roster
//! events before the join's callback); the join and an admission take the
//! offer from the documents; an MCU's activation takes its entry from the
//! offer; a C3P response finds its request by its `requestId`; a
//! reconnection starts a new subscription (the event
//! [`ClientEvent::Resubscribe`]); an operation or command with no C3P form
//! is refused before it is pending ([`SubmitRefused::NoWireForm`],
//! [`CommandRefused::NoWireForm`]), handed back.
//!
//! Ending the conference for everyone (`TerminateConference`) has no C3P
//! form here, so the client does not offer it; the typed
//! [`ConferenceSession::terminate_conference`](crate::ConferenceSession::terminate_conference)
//! and [`AnyConference::terminate_conference`] do, for an application that
//! sends the command by other means.
//!
//! ```
//! use std::time::Instant;
//! use mcu_session::client::{Client, ClientEvent, Report};
//! use mcu_session::conference::McuKind;
//! use mcu_session::{ConferenceSessionState, InstantMessaging, McuSessionState, Operation, Uri};
//!
//! let focus = "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2";
//! let mut client = Client::new(Uri::parse(focus)?, Uri::parse("sip:alice@contoso.com")?);
//! let now = Instant::now();
//! client.join()?;
//! // The focus's first document: the chat MCU is offered, Bob attends it.
//! client.handle_document(&format!(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{focus}" version="1">
//!   <conference-description><conf-uris><entry><uri>sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2</uri><purpose>chat</purpose></entry></conf-uris></conference-description>
//!   <users><user entity="sip:bob@contoso.com"><endpoint entity="b" session-type="chat"><status>connected</status></endpoint></user></users>
//! </conference-info>"#), now)?;
//! client.handle_report(Report::Joined, now)?;
//! client.handle_report(Report::McuActivated(McuKind::InstantMessagingMcu), now)?;
//! assert_eq!(client.state(), ConferenceSessionState::Connected);
//! assert_eq!(client.mcu_state(McuKind::InstantMessagingMcu), Some(McuSessionState::Active));
//!
//! // Eject Bob: the C3P request comes out of `poll_transmit`...
//! let id = client.submit(Operation::<InstantMessaging>::eject("sip:bob@contoso.com")?, now)?;
//! let transmit = client.poll_transmit().ok_or("a request to send")?;
//! assert!(transmit.body.contains("<deleteUser"));
//! // ...and the focus's response settles it.
//! client.handle_response(&format!(r#"<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="{}" from="{focus}" to="sip:alice@contoso.com" code="success"><deleteUser/></response>"#, id.get() * 3 + 1), now)?;
//! let settled = std::iter::from_fn(|| client.poll_event()).filter(|event| matches!(event, ClientEvent::InstantMessagingOperation(_))).count();
//! assert_eq!(settled, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod event;
mod report;
mod transmit;

pub use event::{ClientEvent, Settled};
pub use report::Report;
pub use transmit::{C3P_CONTENT_TYPE, Transmit};

use std::collections::VecDeque;
use std::time::Instant;

use crate::conference::command::{ConferenceCommand, ConferenceOutput, ConferenceRequest};
use crate::conference::mcus::{Attachable, McuKind};
use crate::conference::report::McuReport;
use crate::conference::runtime::{
    AnyConference, ConferenceEffect, ConferenceEvent, ConferenceRefused,
};
use crate::conference::session::{
    CommandRefused, ConferenceSession, LendRefused, Lent, McuEventRefused, SubmitRefused,
};
use crate::conference::state::ConferenceSessionState;
use crate::mcu::runtime::{AnySession, Effect, Submitted};
use crate::mcu::session::{AudioVideoMcuSession, InstantMessagingMcuSession};
use crate::mcu::state::{McuSessionState, State};
use crate::mcu_type::{AudioVideo, InstantMessaging};
use crate::request::operation::{
    Capacities, FailureReason, NotHeld, Operation, Output, Request, RequestId, Response,
};
use crate::roster::Attendance;
use crate::uri::Uri;
use crate::wire::c3p::{self, Channel, ResponseError};
use crate::wire::conference_info::{ConferenceInfo, DocumentError, Notification};

/// A conference client, sans IO: the conference session, its MCU sessions,
/// the conference documents and the C3P requests of one conference, driven
/// by bodies, reports, requests and the clock, and drained by three polls.
/// See the [module](self) for the shape and an example.
#[derive(Debug)]
pub struct Client {
    conference: AnyConference,
    documents: ConferenceInfo,
    /// The local participant: the `from` of every C3P request.
    me: Uri,
    /// Requests to send, by id, in the order they were sent; one cancelled
    /// or failed meanwhile is skipped.
    outgoing: VecDeque<Outgoing>,
    events: VecDeque<ClientEvent>,
    /// The one buffer [`poll_transmit`](Self::poll_transmit) writes into.
    body: String,
    /// A [`ClientEvent::Resubscribe`] went out and no full state came
    /// since: a second one would ask for nothing more.
    resubscribing: bool,
    /// What fresh MCU sessions are made with.
    capacities: Capacities,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outgoing {
    Command(RequestId),
    Operation(McuKind, RequestId),
}

impl Outgoing {
    /// The request `id` of `channel`, as it waits to be transmitted.
    fn of(channel: Channel, id: RequestId) -> Option<Self> {
        match channel {
            Channel::Conference => Some(Self::Command(id)),
            Channel::InstantMessagingSession => {
                Some(Self::Operation(McuKind::InstantMessagingMcu, id))
            }
            Channel::AudioVideoSession => Some(Self::Operation(McuKind::AudioVideoMcu, id)),
        }
    }
}

/// What the client's state was before an input, to tell what it changed.
#[derive(Clone, Copy)]
struct Before {
    conference: ConferenceSessionState,
    instant_messaging: Option<McuSessionState>,
    audio_video: Option<McuSessionState>,
}

/// A C3P response [`Client::handle_response`] refused; nothing changed.
///
/// ```
/// use mcu_session::client::{Client, ResponseRefused};
/// use mcu_session::Uri;
///
/// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
/// let refused = client.handle_response(r#"<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="3" from="sip:conf@contoso.com" to="sip:alice@contoso.com" code="success"><modifyConferenceLock/></response>"#, std::time::Instant::now()).unwrap_err();
/// assert_eq!(refused.to_string(), "the conference holds no pending request #1: never sent, or already answered, failed or cancelled");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseRefused {
    /// The body is not a C3P response.
    #[error(transparent)]
    Body(#[from] ResponseError),
    /// It names a request the client holds but has not transmitted yet
    /// ([`Client::poll_transmit`]): the focus cannot have received it.
    #[error("{channel} has not transmitted request {} yet: the focus cannot be answering it", .response.id())]
    NotSent {
        /// Whose request it names.
        channel: Channel,
        /// The answer, decoded.
        response: Response,
    },
    /// No request of its channel waits for this answer.
    #[error("{channel} holds no pending request {}: never sent, or already answered, failed or cancelled", .response.id())]
    NotPending {
        /// Whose request it names.
        channel: Channel,
        /// The answer, decoded.
        response: Response,
    },
}

/// A [`Report`] the client refused; nothing changed.
///
/// ```
/// use mcu_session::client::{Client, Report, ReportRefused};
/// use mcu_session::Uri;
///
/// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
/// let refused = client.handle_report(Report::FocusFailover, std::time::Instant::now()).unwrap_err();
/// assert!(matches!(refused, ReportRefused::Conference(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportRefused {
    /// The conference session refused it.
    #[error(transparent)]
    Conference(#[from] ConferenceRefused),
    /// The MCU session (or the conference, for it) refused it.
    #[error(transparent)]
    Mcu(#[from] McuEventRefused),
    /// An MCU became active whose session no offer bound: the conference
    /// is not Connected, or did not offer that MCU.
    #[error("the {} MCU session is bound to no MCU, so none of its kind can become active", .0.mcu_type())]
    NotBound(McuKind),
}

impl Client {
    /// A client for the conference whose focus is `focus`, for the local
    /// participant `me`, with both MCU sessions attached and the default
    /// [`Capacities`].
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::{ConferenceSessionState, Uri};
    ///
    /// let client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// assert_eq!(client.state(), ConferenceSessionState::Idle);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn new(focus: Uri, me: Uri) -> Self {
        Self::with_capacities(focus, me, Capacities::default())
    }

    /// A client as [`new`](Self::new) makes it, with `capacities` for the
    /// sessions and the documents alike.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::{Capacities, Uri};
    ///
    /// let client = Client::with_capacities(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?, Capacities { operations: 4, ..Capacities::default() });
    /// # let _ = client;
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn with_capacities(focus: Uri, me: Uri, capacities: Capacities) -> Self {
        let mut conference = AnyConference::from(ConferenceSession::with_capacities(
            focus.clone(),
            capacities,
        ));
        attach_fresh(&mut conference, capacities);
        Self {
            conference,
            documents: ConferenceInfo::new(focus, capacities),
            me,
            outgoing: VecDeque::new(),
            events: VecDeque::new(),
            body: String::new(),
            resubscribing: false,
            capacities,
        }
    }

    /// The conference session's state.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::{ConferenceSessionState, Uri};
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// client.join()?;
    /// assert_eq!(client.state(), ConferenceSessionState::Connecting);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn state(&self) -> ConferenceSessionState {
        self.conference.state()
    }

    /// The state of the MCU session of `mcu`; `None` while none is
    /// attached (after a failed escalation hands them back, until the
    /// client attaches fresh ones, which it does at once).
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::conference::McuKind;
    /// use mcu_session::{McuSessionState, Uri};
    ///
    /// let client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// assert_eq!(client.mcu_state(McuKind::AudioVideoMcu), Some(McuSessionState::Idle));
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn mcu_state(&self, mcu: McuKind) -> Option<McuSessionState> {
        match mcu {
            McuKind::InstantMessagingMcu => self
                .conference
                .mcu::<InstantMessaging>()
                .map(AnySession::state),
            McuKind::AudioVideoMcu => self.conference.mcu::<AudioVideo>().map(AnySession::state),
        }
    }

    /// The conference session, to read: its MCU sessions, their rosters,
    /// what they hold.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::{InstantMessaging, Uri};
    ///
    /// let client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// assert_eq!(client.conference().mcu::<InstantMessaging>().map(|im| im.queued()), Some(0));
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn conference(&self) -> &AnyConference {
        &self.conference
    }

    /// The conference documents' state, to read: the conference's roster,
    /// each MCU's, the offered MCUs, the version held.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::Uri;
    ///
    /// let client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// assert_eq!(client.documents().version(), None);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn documents(&self) -> &ConferenceInfo {
        &self.documents
    }

    /// A conference document the focus notified (the body of a SIP NOTIFY
    /// of the `conference` event package, inflated): applied to the
    /// documents' state, the conference's roster changes and each MCU
    /// session's as events. While the conference is not Connected, the
    /// MCU sessions' rosters wait in the documents, given to each session
    /// when it can take them.
    ///
    /// # Errors
    ///
    /// [`DocumentError`] for a body that is not a conference document the
    /// documents' state can take; nothing changed.
    ///
    /// ```
    /// use mcu_session::client::{Client, ClientEvent};
    /// use mcu_session::Uri;
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// client.handle_document(r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" version="1">
    ///   <users><user entity="sip:bob@contoso.com"/></users></conference-info>"#, std::time::Instant::now())?;
    /// assert!(matches!(client.poll_event(), Some(ClientEvent::Roster(diff)) if diff.joined.len() == 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn handle_document(&mut self, body: &str, now: Instant) -> Result<(), DocumentError> {
        match self.documents.apply(body)? {
            Notification::Applied { diff, mut mcus, .. } => {
                self.resubscribing = false;
                if !(diff.joined.is_empty() && diff.left.is_empty()) {
                    self.events.push_back(ClientEvent::Roster(diff));
                }
                if self.conference.state() == ConferenceSessionState::Connected {
                    self.attend::<InstantMessaging>(mcus.take::<InstantMessaging>(), now);
                    self.attend::<AudioVideo>(mcus.take::<AudioVideo>(), now);
                }
            }
            Notification::Stale { .. } => {}
            Notification::NeedsFullState { .. } => self.resubscribe(),
            Notification::Ended { left, .. } => {
                self.events.push_back(ClientEvent::Ended { left });
                if self.conference.state() == ConferenceSessionState::Connected {
                    self.refresh::<InstantMessaging>(now);
                    self.refresh::<AudioVideo>(now);
                }
            }
        }
        Ok(())
    }

    /// A C3P response from the focus (the body of its INFO, or of a 200 OK
    /// to the client's INFO): its `requestId` says whose request it
    /// answers, and that request is settled (an event).
    ///
    /// # Errors
    ///
    /// [`ResponseRefused::Body`] for a body that is not a C3P response;
    /// [`ResponseRefused::NotSent`] for a request not transmitted yet;
    /// [`ResponseRefused::NotPending`] when no request of its channel waits
    /// for it (never sent, already settled, or cancelled). Nothing changed.
    ///
    /// ```
    /// use mcu_session::client::{Client, ResponseRefused};
    /// use mcu_session::Uri;
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// let refused = client.handle_response("<response/>", std::time::Instant::now()).unwrap_err();
    /// assert!(matches!(refused, ResponseRefused::Body(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn handle_response(&mut self, body: &str, now: Instant) -> Result<(), ResponseRefused> {
        let answer = c3p::decode_response(body)?;
        let channel = answer.channel();
        let response = answer.into_response();
        let waiting = Outgoing::of(channel, response.id());
        if self
            .outgoing
            .iter()
            .any(|outgoing| Some(*outgoing) == waiting)
        {
            return Err(ResponseRefused::NotSent { channel, response });
        }
        let before = self.before();
        let result =
            match channel {
                Channel::Conference => self.conference.answer(response).map_err(|unknown| {
                    ResponseRefused::NotPending {
                        channel,
                        response: unknown.into_response(),
                    }
                }),
                Channel::InstantMessagingSession => {
                    self.answer_mcu::<InstantMessaging>(channel, response)
                }
                Channel::AudioVideoSession => self.answer_mcu::<AudioVideo>(channel, response),
            };
        self.settle(before, now);
        result
    }

    /// What the application's SIP dialogs saw: the conference's or an
    /// MCU's transition, with every effect it has on the MCU sessions, the
    /// requests and the documents' subscription (events).
    ///
    /// # Errors
    ///
    /// [`ReportRefused`] when the conference or the MCU session documents
    /// no such report in its state; nothing changed.
    ///
    /// ```
    /// use mcu_session::client::{Client, ClientEvent, Report};
    /// use mcu_session::{ConferenceSessionState, Uri};
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// client.join()?;
    /// client.handle_report(Report::EnteredLobby, std::time::Instant::now())?;
    /// assert_eq!(client.state(), ConferenceSessionState::InLobby);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn handle_report(&mut self, report: Report, now: Instant) -> Result<(), ReportRefused> {
        let before = self.before();
        let result = match report {
            Report::Joined => self.apply(ConferenceEvent::Joined {
                offered: self.documents.offered().to_vec(),
            }),
            Report::Admitted => self.apply(ConferenceEvent::Admitted {
                offered: self.documents.offered().to_vec(),
            }),
            Report::JoinFailed => self.apply(ConferenceEvent::JoinFailed),
            Report::EnteredLobby => self.apply(ConferenceEvent::EnteredLobby),
            Report::FocusFailover => self.apply(ConferenceEvent::FocusFailover),
            Report::Reconnected(reconnection) => {
                self.apply(ConferenceEvent::Reconnected(reconnection))
            }
            Report::ReconnectFailed => self.apply(ConferenceEvent::ReconnectFailed),
            Report::Disconnect(cause) => self.apply(ConferenceEvent::Disconnect(cause)),
            Report::Disconnected => self.apply(ConferenceEvent::Disconnected),
            Report::McuActivated(McuKind::InstantMessagingMcu) => {
                self.activate::<InstantMessaging>(now)
            }
            Report::McuActivated(McuKind::AudioVideoMcu) => self.activate::<AudioVideo>(now),
            Report::McuFailingOver(McuKind::InstantMessagingMcu) => {
                self.mcu_report::<InstantMessaging>(McuReport::FailingOver, now)
            }
            Report::McuFailingOver(McuKind::AudioVideoMcu) => {
                self.mcu_report::<AudioVideo>(McuReport::FailingOver, now)
            }
            Report::McuFailoverCompleted(McuKind::InstantMessagingMcu) => {
                self.mcu_report::<InstantMessaging>(McuReport::FailoverCompleted, now)
            }
            Report::McuFailoverCompleted(McuKind::AudioVideoMcu) => {
                self.mcu_report::<AudioVideo>(McuReport::FailoverCompleted, now)
            }
        };
        self.settle(before, now);
        let back = matches!(
            self.state(),
            ConferenceSessionState::Connected | ConferenceSessionState::InLobby
        );
        if result.is_ok() && before.conference == ConferenceSessionState::Reconnecting && back {
            // The reconnection's new dialog with the focus needs a new
            // subscription: its versions start again.
            self.resubscribe();
        }
        result
    }

    /// The application calls `BeginJoin`: Idle → Connecting. Send the
    /// INVITE, subscribe to the conference's documents, and report the
    /// outcome ([`Report::Joined`], [`Report::EnteredLobby`] or
    /// [`Report::JoinFailed`]).
    ///
    /// # Errors
    ///
    /// [`ConferenceRefused`] unless Idle; nothing changed.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::Uri;
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// client.join()?;
    /// assert!(client.join().is_err()); // Connecting already
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn join(&mut self) -> Result<(), ConferenceRefused> {
        let effect = self.conference.apply(ConferenceEvent::Join)?;
        self.events
            .push_back(ClientEvent::Conference(effect.transition()));
        Ok(())
    }

    /// Submits an MCU operation to the MCU session of type `M`: sent at
    /// once by an Active session (see [`poll_transmit`](Self::poll_transmit)),
    /// queued by a bound Idle one until its MCU is active. Its id is the
    /// one its [`Settled`] event carries.
    ///
    /// # Errors
    ///
    /// [`SubmitRefused::NoWireForm`] for an operation C3P has no form for
    /// here, before anything else; otherwise as
    /// [`AnyConference::submit`] refuses it. The operation is handed back,
    /// nothing changed.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::conference::SubmitRefused;
    /// use mcu_session::{InstantMessaging, Operation, Uri};
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// let refused = client.submit::<InstantMessaging>(Operation::enable_block_all_mode(), std::time::Instant::now()).unwrap_err();
    /// assert_eq!(refused, SubmitRefused::NoWireForm(Operation::enable_block_all_mode()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn submit<M: Attachable>(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<RequestId, SubmitRefused<M>> {
        if !c3p::operation_has_form(operation.kind()) {
            return Err(SubmitRefused::NoWireForm(operation));
        }
        let before = self.before();
        let id = match self.conference.submit(operation, now)? {
            Submitted::Sent(request) => {
                self.outgoing
                    .push_back(Outgoing::Operation(McuKind::of::<M>(), request.id));
                request.id
            }
            Submitted::Queued(id) => id,
        };
        self.settle(before, now);
        Ok(id)
    }

    /// Sends a conference command (see [`poll_transmit`](Self::poll_transmit)).
    /// Its id is the one its [`ClientEvent::Command`] carries.
    ///
    /// # Errors
    ///
    /// [`CommandRefused::NoWireForm`] for a command C3P has no form for
    /// here, before anything else; otherwise as
    /// [`AnyConference::command`] refuses it. The command is handed back,
    /// nothing changed.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::{CommandRefused, ConferenceCommand, Uri};
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// let refused = client.command(ConferenceCommand::TerminateConference, std::time::Instant::now()).unwrap_err();
    /// assert_eq!(refused, CommandRefused::NoWireForm(ConferenceCommand::TerminateConference));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn command(
        &mut self,
        command: ConferenceCommand,
        now: Instant,
    ) -> Result<RequestId, CommandRefused> {
        if !c3p::command_has_form(command) {
            return Err(CommandRefused::NoWireForm(command));
        }
        let request = self.conference.command(command, now)?;
        self.outgoing.push_back(Outgoing::Command(request.id));
        Ok(request.id)
    }

    /// Gives up on an MCU operation, queued or pending, handed back: no
    /// event settles it, and a request not yet transmitted is not.
    ///
    /// # Errors
    ///
    /// [`NotHeld`] when the session holds no operation `id`.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::{InstantMessaging, RequestId, Uri};
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// assert!(client.cancel::<InstantMessaging>(RequestId::new(1)).is_err());
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn cancel<M: Attachable>(&mut self, id: RequestId) -> Result<Operation<M>, NotHeld> {
        self.conference.cancel(id)
    }

    /// Gives up on a pending conference command, handed back: no event
    /// settles it, and one not yet transmitted is not.
    ///
    /// # Errors
    ///
    /// [`NotHeld`] when the conference holds no command `id`.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::{RequestId, Uri};
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// assert!(client.cancel_command(RequestId::new(1)).is_err());
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn cancel_command(&mut self, id: RequestId) -> Result<ConferenceCommand, NotHeld> {
        self.conference.cancel_command(id)
    }

    /// Lends the MCU session of type `M` as the typed session in state
    /// `T`, as [`AnyConference::lend`] does; what `f` sends or queues
    /// through it the client transmits as its own (one with no C3P form
    /// is cancelled and settled as [`FailureReason::NoWireForm`]).
    ///
    /// # Errors
    ///
    /// [`LendRefused`] unless Connected with a session of type `M` in
    /// state `T`; nothing changed.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::{Idle, InstantMessaging, Uri};
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// assert!(client.lend::<InstantMessaging, Idle, _>(|im| im.queued(), std::time::Instant::now()).is_err()); // not Connected
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn lend<M: Attachable, T: State, R>(
        &mut self,
        f: impl for<'brand> FnOnce(&mut Lent<'brand, T, M>) -> R,
        now: Instant,
    ) -> Result<R, LendRefused> {
        let first = self
            .conference
            .mcu::<M>()
            .map_or(0, AnySession::next_request_id);
        let before = self.before();
        let result = self.conference.lend(f)?;
        // What `f` sent is pending under the ids it took; what it queued
        // comes out as released requests, or waits.
        let last = self
            .conference
            .mcu::<M>()
            .map_or(first, AnySession::next_request_id);
        for id in (first..last).map(RequestId::new) {
            let Some(session) = self.conference.mcu::<M>() else {
                break;
            };
            let Some(operation) = session.pending_operation(id) else {
                continue;
            };
            let has_form = c3p::operation_has_form(operation.kind());
            self.transmit_or_settle::<M>(id, has_form);
        }
        self.settle(before, now);
        Ok(result)
    }

    /// The clock: what is due fails (a queued operation whose MCU did not
    /// become active in time, a request the focus did not answer), each
    /// settled by an event.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::Uri;
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// client.handle_timeout(std::time::Instant::now());
    /// assert!(client.poll_event().is_none());
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn handle_timeout(&mut self, now: Instant) {
        let before = self.before();
        let _expired = self.conference.handle_timeout(now);
        self.settle(before, now);
    }

    /// When to call [`handle_timeout`](Self::handle_timeout) next; `None`
    /// while nothing waits.
    ///
    /// ```
    /// use mcu_session::client::Client;
    /// use mcu_session::Uri;
    ///
    /// let client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// assert_eq!(client.poll_timeout(), None);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.conference.poll_timeout()
    }

    /// The next thing that happened, in order; `None` when all are drained.
    ///
    /// ```
    /// use mcu_session::client::{Client, ClientEvent};
    /// use mcu_session::{ConferenceSessionState, Uri};
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// client.join()?;
    /// assert!(matches!(client.poll_event(), Some(ClientEvent::Conference(row)) if row.to == ConferenceSessionState::Connecting));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn poll_event(&mut self) -> Option<ClientEvent> {
        self.events.pop_front()
    }

    /// The next C3P request to send, in the order they were sent; `None`
    /// when all are out. A request cancelled or failed before it was
    /// polled is not transmitted (its failure, if any, is an event). One
    /// whose body cannot be written (an id past what C3P can number) is
    /// cancelled and settled as [`FailureReason::NoWireForm`].
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::client::{Client, Report};
    /// use mcu_session::{ConferenceCommand, Uri};
    ///
    /// let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
    /// client.join()?;
    /// client.handle_report(Report::Joined, Instant::now())?;
    /// client.command(ConferenceCommand::LockConference, Instant::now())?;
    /// let transmit = client.poll_transmit().ok_or("the lock")?;
    /// assert_eq!((transmit.to.as_str(), transmit.mcu), ("sip:conf@contoso.com", None));
    /// assert!(transmit.body.contains("<modifyConferenceLock>"));
    /// assert!(client.poll_transmit().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn poll_transmit(&mut self) -> Option<Transmit<'_>> {
        loop {
            let (id, mcu) = match self.outgoing.pop_front()? {
                Outgoing::Command(id) => (id, None),
                Outgoing::Operation(kind, id) => (id, Some(kind)),
            };
            let written = match mcu {
                None => self.write_command(id),
                Some(McuKind::InstantMessagingMcu) => self.write_operation::<InstantMessaging>(id),
                Some(McuKind::AudioVideoMcu) => self.write_operation::<AudioVideo>(id),
            };
            if !written {
                continue;
            }
            let mcu = match mcu {
                Some(McuKind::InstantMessagingMcu) => self.bound::<InstantMessaging>(),
                Some(McuKind::AudioVideoMcu) => self.bound::<AudioVideo>(),
                None => None,
            };
            return Some(Transmit {
                to: self.conference.conference(),
                mcu,
                id,
                content_type: C3P_CONTENT_TYPE,
                body: &self.body,
            });
        }
    }

    /// Writes the pending command `id` into the body buffer: whether there
    /// is a body to send. A command pending no longer is not sent; one
    /// whose body cannot be written is cancelled and settled as never sent.
    fn write_command(&mut self, id: RequestId) -> bool {
        let Some(command) = self.conference.pending_command(id) else {
            return false;
        };
        let request = ConferenceRequest {
            id,
            conference: self.conference.conference().clone(),
            command,
        };
        if c3p::write_command_request(&mut self.body, &request, &self.me).is_ok() {
            return true;
        }
        if self.conference.cancel_command(id).is_ok() {
            self.events
                .push_back(ClientEvent::Command(ConferenceOutput::Failed {
                    id,
                    command,
                    reason: FailureReason::NoWireForm,
                }));
        }
        false
    }

    /// Writes the pending operation `id` of the session of type `M` into
    /// the body buffer: whether there is a body to send, as
    /// [`write_command`](Self::write_command) says it.
    fn write_operation<M: Attachable>(&mut self, id: RequestId) -> bool {
        let Some(session) = self.conference.mcu::<M>() else {
            return false;
        };
        let (Some(operation), Some(mcu)) = (session.pending_operation(id), session.mcu()) else {
            return false;
        };
        let request = Request {
            id,
            conference: session.conference().clone(),
            mcu_type: M::MCU_TYPE,
            operation: operation.kind().clone(),
        };
        if c3p::write_operation_request(&mut self.body, &request, mcu.uri(), &self.me).is_ok() {
            return true;
        }
        self.never_sent::<M>(id);
        false
    }

    /// The MCU the session of type `M` is bound to, named as a transmit
    /// names it.
    fn bound<M: Attachable>(&self) -> Option<(McuKind, &Uri)> {
        let mcu = self.conference.mcu::<M>()?.mcu()?;
        Some((McuKind::of::<M>(), mcu.uri()))
    }

    /// Cancels the operation `id`, which can never be sent, and settles it
    /// as [`FailureReason::NoWireForm`].
    fn never_sent<M: Attachable>(&mut self, id: RequestId) {
        if let Ok(operation) = self.conference.cancel::<M>(id) {
            self.events.push_back(M::settled(Settled::Failed {
                id,
                operation,
                reason: FailureReason::NoWireForm,
            }));
        }
    }

    fn before(&self) -> Before {
        Before {
            conference: self.conference.state(),
            instant_messaging: self.mcu_state(McuKind::InstantMessagingMcu),
            audio_video: self.mcu_state(McuKind::AudioVideoMcu),
        }
    }

    /// Applies a conference event and says what it did.
    fn apply(&mut self, event: ConferenceEvent) -> Result<(), ReportRefused> {
        let effect = self.conference.apply(event)?;
        self.events
            .push_back(ClientEvent::Conference(effect.transition()));
        if let ConferenceEffect::Released(_, released) = effect {
            // A failed escalation: the conference is Idle again and holds
            // no MCU session. What the handed-back sessions held was
            // settled as they terminated; fresh ones take their places, and
            // number on from where they stopped.
            let (mut instant_messaging, mut audio_video) = released.into_parts();
            drain_into(&mut self.events, instant_messaging.as_mut());
            drain_into(&mut self.events, audio_video.as_mut());
            attach_fresh(&mut self.conference, self.capacities);
        }
        Ok(())
    }

    /// The MCU of type `M` became active, with the entry its session was
    /// bound to.
    fn activate<M: Attachable>(&mut self, now: Instant) -> Result<(), ReportRefused> {
        let mcu = self
            .conference
            .mcu::<M>()
            .and_then(AnySession::mcu)
            .cloned()
            .ok_or(ReportRefused::NotBound(McuKind::of::<M>()))?;
        self.mcu_report(McuReport::Activated(mcu), now)
    }

    fn mcu_report<M: Attachable>(
        &mut self,
        report: McuReport<M>,
        now: Instant,
    ) -> Result<(), ReportRefused> {
        let _effect = self.conference.mcu_event(report, now)?;
        Ok(())
    }

    fn answer_mcu<M: Attachable>(
        &mut self,
        channel: Channel,
        response: Response,
    ) -> Result<(), ResponseRefused> {
        self.conference
            .answer_mcu::<M>(response)
            .map_err(|unknown| ResponseRefused::NotPending {
                channel,
                response: unknown.into_response(),
            })
    }

    /// The documents' reports for the MCU session of type `M`, while
    /// Connected: each to the session if it takes rosters now (bound Idle
    /// or Active); if it refuses one, it takes the documents' roster
    /// whole instead. A session that does not take rosters now takes the
    /// documents' roster when it does again.
    fn attend<M: Attachable>(&mut self, reports: Vec<Attendance>, now: Instant) {
        if !self.takes_roster::<M>() {
            return;
        }
        for report in reports {
            match self
                .conference
                .mcu_event::<M>(McuReport::Attendance(report), now)
            {
                Ok(Effect::Roster(diff)) => self.roster_changed::<M>(diff),
                Ok(_) => {}
                Err(_) => {
                    self.refresh::<M>(now);
                    return;
                }
            }
        }
    }

    /// Gives the MCU session of type `M` the documents' roster of its MCU
    /// whole, if it takes rosters now.
    fn refresh<M: Attachable>(&mut self, now: Instant) {
        if !self.takes_roster::<M>() {
            return;
        }
        let roster = self.documents.mcu_roster(M::MCU_TYPE).cloned().collect();
        if let Ok(Effect::Roster(diff)) = self
            .conference
            .mcu_event::<M>(McuReport::Attendance(Attendance::Refreshed(roster)), now)
        {
            self.roster_changed::<M>(diff);
        }
    }

    fn roster_changed<M: Attachable>(&mut self, diff: std::sync::Arc<crate::roster::RosterDiff>) {
        if !(diff.joined.is_empty() && diff.left.is_empty()) {
            self.events.push_back(ClientEvent::McuRoster {
                mcu: McuKind::of::<M>(),
                diff,
            });
        }
    }

    /// Whether the MCU session of type `M` takes attendance now: in a
    /// Connected conference, bound and Idle, or Active.
    fn takes_roster<M: Attachable>(&self) -> bool {
        self.conference.state() == ConferenceSessionState::Connected
            && self.conference.mcu::<M>().is_some_and(|session| {
                session.state() == McuSessionState::Active
                    || (session.state() == McuSessionState::Idle && session.mcu().is_some())
            })
    }

    fn resubscribe(&mut self) {
        self.documents.new_subscription();
        if !self.resubscribing {
            self.resubscribing = true;
            self.events.push_back(ClientEvent::Resubscribe);
        }
    }

    /// After an input: each MCU session's state change, then its roster
    /// where it can take it again, then what it released to send and what
    /// it settled; then the commands settled.
    fn settle(&mut self, before: Before, now: Instant) {
        let connected = before.conference != ConferenceSessionState::Connected
            && self.state() == ConferenceSessionState::Connected;
        let im = self.state_changed::<InstantMessaging>(before.instant_messaging);
        let av = self.state_changed::<AudioVideo>(before.audio_video);
        if connected || im {
            self.refresh::<InstantMessaging>(now);
        }
        if connected || av {
            self.refresh::<AudioVideo>(now);
        }
        self.outputs::<InstantMessaging>();
        self.outputs::<AudioVideo>();
        while let Some(output) = self.conference.poll_command_output() {
            self.events.push_back(ClientEvent::Command(output));
        }
    }

    /// Whether the MCU session of type `M` is in another state than
    /// `before` (or came or went), said as an event.
    fn state_changed<M: Attachable>(&mut self, before: Option<McuSessionState>) -> bool {
        let after = self.mcu_state(McuKind::of::<M>());
        if let (Some(from), Some(to)) = (before, after) {
            if from != to {
                self.events.push_back(ClientEvent::McuState {
                    mcu: McuKind::of::<M>(),
                    from,
                    to,
                });
            }
        }
        before != after
    }

    /// What the MCU session of type `M` released to send, and settled.
    fn outputs<M: Attachable>(&mut self) {
        while let Some(output) = self.conference.poll_output::<M>() {
            match settled(output) {
                Ok(event) => self.events.push_back(event),
                Err(request) => {
                    let has_form = c3p::operation_has_form(&request.operation);
                    self.transmit_or_settle::<M>(request.id, has_form);
                }
            }
        }
    }

    /// The operation `id` the session of type `M` sent: transmitted in turn
    /// if it has a C3P form, otherwise cancelled and settled as never sent.
    fn transmit_or_settle<M: Attachable>(&mut self, id: RequestId, has_form: bool) {
        if has_form {
            self.outgoing
                .push_back(Outgoing::Operation(McuKind::of::<M>(), id));
        } else {
            self.never_sent::<M>(id);
        }
    }
}

/// A session's output as the client's event; a released request, which
/// the client transmits rather than reports, handed back.
fn settled<M: Attachable>(output: Output<M>) -> Result<ClientEvent, Request> {
    Ok(M::settled(match output {
        Output::Request(request) => return Err(request),
        Output::Succeeded { id, operation } => Settled::Succeeded { id, operation },
        Output::Failed {
            id,
            operation,
            reason,
        } => Settled::Failed {
            id,
            operation,
            reason,
        },
    }))
}

/// Attaches a fresh MCU session of each kind to an Idle conference.
fn attach_fresh(conference: &mut AnyConference, capacities: Capacities) {
    let focus = conference.conference().clone();
    // An Idle conference with no MCU session takes both.
    let _attached = conference.attach(InstantMessagingMcuSession::with_capacities(
        focus.clone(),
        capacities,
    ));
    let _attached = conference.attach(AudioVideoMcuSession::with_capacities(focus, capacities));
}

/// Moves what a handed-back session still has to say into `events`.
fn drain_into<M: Attachable>(
    events: &mut VecDeque<ClientEvent>,
    session: Option<&mut AnySession<M>>,
) {
    let Some(session) = session else { return };
    // A terminated session releases no request: only what it settled.
    while let Some(output) = session.poll_output() {
        if let Ok(event) = settled(output) {
            events.push_back(event);
        }
    }
}
