//! What comes out of a [`Client`](crate::client::Client) for the
//! application: every state change, roster change and settled request,
//! in the order it happened.

use std::sync::Arc;

use crate::conference::command::ConferenceOutput;
use crate::conference::mcus::McuKind;
use crate::conference::transitions::Transition;
use crate::mcu::state::McuSessionState;
use crate::mcu_type::{AudioVideo, InstantMessaging, McuType};
use crate::request::operation::{FailureReason, Operation, RequestId};
use crate::roster::{Endpoint, RosterDiff};

/// One thing that happened, for the application, drained with
/// [`Client::poll_event`](crate::client::Client::poll_event).
///
/// Every operation and command the client took is settled by exactly one
/// event ([`InstantMessagingOperation`](Self::InstantMessagingOperation),
/// [`AudioVideoOperation`](Self::AudioVideoOperation) or
/// [`Command`](Self::Command)):
/// answered, failed, or timed out.
///
/// ```
/// use mcu_session::client::ClientEvent;
///
/// assert_ne!(ClientEvent::Resubscribe, ClientEvent::Roster(Default::default()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientEvent {
    /// The conference session took this transition.
    Conference(Transition),
    /// An MCU session changed state, by its own report or as its
    /// conference's transition carried it.
    McuState {
        /// Which MCU session.
        mcu: McuKind,
        /// The state it was in.
        from: McuSessionState,
        /// The state it is in.
        to: McuSessionState,
    },
    /// The conference's roster changed (a conference document).
    Roster(RosterDiff),
    /// An MCU session's roster changed: a document, or the session taking
    /// the documents' roster as it joined, became active again or the
    /// conference reconnected.
    McuRoster {
        /// Which MCU session.
        mcu: McuKind,
        /// Who joined and left it.
        diff: Arc<RosterDiff>,
    },
    /// An instant messaging operation is settled. (Not named
    /// `InstantMessaging`: see [`McuKind`].)
    InstantMessagingOperation(Settled<InstantMessaging>),
    /// An audio/video operation is settled.
    AudioVideoOperation(Settled<AudioVideo>),
    /// A conference command is settled.
    Command(ConferenceOutput),
    /// The documents need the full state again: a reconnection ended the
    /// subscription's dialog, or a notification was lost. Subscribe anew
    /// (or refresh the subscription): the client takes the next full
    /// document whatever its version.
    Resubscribe,
    /// A document said the conference ceased to exist; everyone in its
    /// roster left. The focus ends the dialog too: report it as
    /// [`Report::Disconnect`](crate::client::Report::Disconnect).
    Ended {
        /// Everyone who was in the roster.
        left: Vec<Endpoint>,
    },
}

/// How an MCU operation ended: what a session's output says once the
/// client has sent every request it released.
///
/// ```
/// use mcu_session::client::Settled;
/// use mcu_session::{FailureReason, InstantMessaging, Operation, RequestId};
///
/// let settled = Settled::<InstantMessaging>::Failed { id: RequestId::new(1), operation: Operation::enable_block_all_mode(), reason: FailureReason::NoAnswer };
/// assert_eq!(settled.id(), RequestId::new(1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Settled<M: McuType> {
    /// The focus answered with success.
    Succeeded {
        /// The request's id.
        id: RequestId,
        /// The operation, handed back.
        operation: Operation<M>,
    },
    /// It failed, queued or pending.
    Failed {
        /// The id it was held under.
        id: RequestId,
        /// The operation, handed back.
        operation: Operation<M>,
        /// Why.
        reason: FailureReason,
    },
}

impl<M: McuType> Settled<M> {
    /// The operation's id.
    ///
    /// ```
    /// use mcu_session::client::Settled;
    /// use mcu_session::{InstantMessaging, Operation, RequestId};
    ///
    /// let settled = Settled::<InstantMessaging>::Succeeded { id: RequestId::new(2), operation: Operation::enable_block_all_mode() };
    /// assert_eq!(settled.id(), RequestId::new(2));
    /// ```
    #[must_use]
    pub fn id(&self) -> RequestId {
        match self {
            Self::Succeeded { id, .. } | Self::Failed { id, .. } => *id,
        }
    }
}
