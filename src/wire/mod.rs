//! The focus's own formats, behind the `xml` feature: what the crate
//! already speaks, turned into the bodies that cross the SIP dialog with
//! the focus, and back.
//!
//! What lives here: [`c3p`], the Centralized Conference Control Protocol
//! (C3P, [MS-CONFPRO]) requests the application sends and the responses
//! it receives; [`conference_info`], the RFC 4575 conference documents the
//! focus notifies, applied to the conference's roster, each MCU session's
//! roster and the MCUs the conference offers. It uses the request
//! engine's values (`crate::request`), the conference's commands
//! (`crate::conference`) and the shared roster and URI values; nothing in
//! the machines uses it. XML is read with `quick-xml`, namespaces resolved
//! by URI (`namespace`), never by prefix.

pub mod c3p;
pub mod conference_info;
pub(crate) mod well_formed;

use quick_xml::name::{Namespace, ResolveResult};

/// The namespace URI an element's name resolved to, if it is bound:
/// elements are matched by it, never by their prefix.
pub(crate) fn namespace<'a>(resolved: &'a ResolveResult<'_>) -> Option<&'a [u8]> {
    match resolved {
        ResolveResult::Bound(Namespace(uri)) => Some(uri),
        ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
    }
}
