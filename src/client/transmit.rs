//! What a [`Client`](crate::client::Client) sends: C3P request bodies,
//! each with where it goes and its content type.

use crate::conference::mcus::McuKind;
use crate::request::operation::RequestId;
use crate::uri::Uri;

/// The content type of a C3P body: the SIP `Content-Type` of the INFO
/// that carries it (observed: pidgin-sipe sends C3P with
/// `Content-Type: application/cccp+xml`).
///
/// ```
/// assert_eq!(mcu_session::client::C3P_CONTENT_TYPE, "application/cccp+xml");
/// ```
pub const C3P_CONTENT_TYPE: &str = "application/cccp+xml";

/// A C3P request to send, from
/// [`Client::poll_transmit`](crate::client::Client::poll_transmit): an
/// `INFO` in the dialog with the focus, whatever it asks for. A command
/// aimed at an MCU still goes to the focus, naming the MCU in the body
/// (`mscp:mcuUri`, [MS-CONFBAS] 4.4.10); [`mcu`](Self::mcu) says which.
/// Borrowed from the client, whose one buffer holds the body: sending
/// allocates nothing once the buffer is large enough.
///
/// ```
/// # use mcu_session::client::{C3P_CONTENT_TYPE, Client};
/// # use mcu_session::Uri;
/// # let mut client = Client::new(Uri::parse("sip:conf@contoso.com")?, Uri::parse("sip:alice@contoso.com")?);
/// while let Some(transmit) = client.poll_transmit() {
///     assert_eq!(transmit.content_type, C3P_CONTENT_TYPE);
///     // sip.info(transmit.to, transmit.content_type, transmit.body)
/// }
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Transmit<'a> {
    /// Where the INFO goes: the conference's focus.
    pub to: &'a Uri,
    /// The MCU the request is for, and its URI, named in the body; `None`
    /// for a conference command.
    pub mcu: Option<(McuKind, &'a Uri)>,
    /// The request's id in its channel (the wire's `requestId` says the
    /// channel too: see [`wire::c3p`](crate::wire::c3p)).
    pub id: RequestId,
    /// [`C3P_CONTENT_TYPE`].
    pub content_type: &'static str,
    /// The C3P `<request>` body.
    pub body: &'a str,
}
