//! C3P out and in ([MS-CONFPRO] 2.2.2 and 2.2.3): the bodies the crate
//! writes are what the protocol documents and nothing it does not, and a
//! response reaches the session whose request it answers, or is refused
//! with what is wrong with it.

use std::time::Instant;

use mcu_session::conference::McuReport;
use mcu_session::wire::c3p::{self, Channel, RequestError, ResponseError};
use mcu_session::{
    AnyConference, AudioVideo, AudioVideoMcuSession, ConferenceCommand, ConferenceSession, Effect,
    InstantMessaging, InstantMessagingMcuSession, McuInfo, Operation, Output, RequestId, Response,
    SelfUnmuteAssignment,
};
use quick_xml::events::Event as Xml;
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::reader::NsReader;

use crate::common::uri;

const FOCUS: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2";
const CHAT: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2";
const AV: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:audio-video:id:7QX2";
const ME: &str = "sip:alice@contoso.com";

fn chat() -> McuInfo<InstantMessaging> {
    McuInfo::new(uri(CHAT), None)
}

/// An element read back: its namespace, its local name, its attributes.
type Element = (String, String, Vec<(String, String)>);

/// Every element of `body`, read back with a namespace-aware reader,
/// whatever the prefixes.
fn elements(body: &str) -> Vec<Element> {
    let mut reader = NsReader::from_str(body);
    let mut out = Vec::new();
    loop {
        let (namespace, event) = reader.read_resolved_event().unwrap();
        let namespace = match namespace {
            ResolveResult::Bound(Namespace(uri)) => String::from_utf8(uri.to_vec()).unwrap(),
            _ => String::new(),
        };
        match event {
            Xml::Start(element) | Xml::Empty(element) => {
                let attributes = element
                    .attributes()
                    .map(|attribute| {
                        let attribute = attribute.unwrap();
                        let (_, key) = reader.resolve_attribute(attribute.key);
                        let key = String::from_utf8(key.as_ref().to_vec()).unwrap();
                        (key, attribute.unescape_value().unwrap().into_owned())
                    })
                    .filter(|(key, _)| key != "xmlns" && key != "mscp")
                    .collect();
                let local = String::from_utf8(element.local_name().as_ref().to_vec()).unwrap();
                out.push((namespace, local, attributes));
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    out
}

fn attributes(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

#[test]
fn an_eject_goes_out_as_delete_user_addressed_to_the_mcu() {
    let now = Instant::now();
    let mut active = InstantMessagingMcuSession::new(uri(FOCUS)).mcu_activated(chat(), now);
    let first = active
        .request(Operation::eject("sip:bob@contoso.com").unwrap(), now)
        .unwrap();
    let request = active
        .request(
            Operation::eject("sip:mallory@contoso.com;x=\"a&b\"").unwrap(),
            now,
        )
        .unwrap();
    assert_eq!((first.id.get(), request.id.get()), (1, 2));
    let body = c3p::operation_request(&request, &chat(), &uri(ME)).unwrap();
    let cccp = c3p::CCCP_NAMESPACE.to_owned();
    assert_eq!(
        elements(&body),
        [
            (
                cccp.clone(),
                "request".to_owned(),
                // [MS-CONFPRO] 2.2.2; #2 of the instant messaging channel
                // is 2 × 3 + 1.
                attributes(&[
                    ("C3PVersion", "1"),
                    ("requestId", "7"),
                    ("from", ME),
                    ("to", FOCUS)
                ]),
            ),
            (
                cccp.clone(),
                "deleteUser".to_owned(),
                attributes(&[("mcuUri", CHAT)]),
            ),
            (
                cccp,
                "userKeys".to_owned(),
                attributes(&[
                    ("confEntity", FOCUS),
                    ("userEntity", "sip:mallory@contoso.com;x=\"a&b\"")
                ]),
            ),
        ]
    );
    // The extension attribute is in the C3P extensions' namespace, by URI.
    let mut reader = NsReader::from_str(&body);
    let mut mcu_uri_namespace = None;
    loop {
        match reader.read_event().unwrap() {
            Xml::Start(element) if element.local_name().as_ref() == b"deleteUser" => {
                for attribute in element.attributes() {
                    let attribute = attribute.unwrap();
                    if let (ResolveResult::Bound(Namespace(ns)), local) =
                        reader.resolve_attribute(attribute.key)
                    {
                        if local.as_ref() == b"mcuUri" {
                            mcu_uri_namespace = Some(ns.to_vec());
                        }
                    }
                }
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    assert_eq!(
        mcu_uri_namespace.as_deref(),
        Some(c3p::CCCP_EXTENSIONS_NAMESPACE.as_bytes())
    );
}

#[test]
fn what_the_protocol_does_not_document_is_refused_not_guessed() {
    let now = Instant::now();
    let mut chat_session = InstantMessagingMcuSession::new(uri(FOCUS)).mcu_activated(chat(), now);
    for operation in [
        Operation::dial_out("tel:+14255550100").unwrap(),
        Operation::enable_block_all_mode(),
        Operation::disable_block_all_mode(),
    ] {
        let request = chat_session.request(operation, now).unwrap();
        let error = c3p::operation_request(&request, &chat(), &uri(ME)).unwrap_err();
        assert!(
            matches!(error, RequestError::NoDocumentedWireForm { .. }),
            "{error}"
        );
    }
    let av = McuInfo::<AudioVideo>::new(uri(AV), None);
    let mut av_session = AudioVideoMcuSession::new(uri(FOCUS)).mcu_activated(av.clone(), now);
    let mute = av_session
        .request(
            Operation::enable_mute_all_mode(SelfUnmuteAssignment::Everyone),
            now,
        )
        .unwrap();
    assert_eq!(
        c3p::operation_request(&mute, &av, &uri(ME))
            .unwrap_err()
            .to_string(),
        "enable the mute-all mode (everyone may unmute) has no documented C3P form yet"
    );
    // A request addressed with another type's MCU is refused.
    let eject = av_session
        .request(Operation::eject("sip:bob@contoso.com").unwrap(), now)
        .unwrap();
    assert_eq!(
        c3p::operation_request(&eject, &chat(), &uri(ME)),
        Err(RequestError::WrongMcu {
            request: "audio-video",
            mcu: "chat"
        })
    );

    let mut connected = ConferenceSession::new(uri(FOCUS))
        .join()
        .joined([])
        .unwrap();
    // Lock and unlock have the form an interoperating client sends
    // (observed, not specified): read back by a namespace-aware reader.
    for (command, locked) in [
        (ConferenceCommand::LockConference, "true"),
        (ConferenceCommand::UnlockConference, "false"),
    ] {
        let request = connected.command(command, now).unwrap();
        let body = c3p::command_request(&request, &uri(ME)).unwrap();
        let read = elements(&body);
        let names: Vec<&str> = read.iter().map(|(_, name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "request",
                "modifyConferenceLock",
                "conferenceKeys",
                "locked"
            ],
            "{body}"
        );
        assert!(
            read.iter()
                .all(|(namespace, ..)| namespace == c3p::CCCP_NAMESPACE)
        );
        assert_eq!(read[2].2, attributes(&[("confEntity", FOCUS)]));
        assert!(
            body.contains(&format!("<locked>{locked}</locked>")),
            "{body}"
        );
        // The conference's channel: id × 3.
        let wire_id = request.id.get() * 3;
        assert!(
            body.contains(&format!(r#"requestId="{wire_id}""#)),
            "{body}"
        );
    }
}

fn response(request_id: &str, code: &str, child: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<response xmlns="urn:ietf:params:xml:ns:cccp" xmlns:msci="http://schemas.microsoft.com/rtc/2005/08/confinfoextensions"
    C3PVersion="1" requestId="{request_id}" from="{FOCUS}" to="{ME}" code="{code}" msci:extra="ignored">
  {child}
</response>"#
    )
}

#[test]
fn a_response_is_read_by_namespace_and_names_the_request_it_answers() {
    let success = c3p::decode_response(&response("12", "success", "<deleteUser/>")).unwrap();
    assert_eq!(success.channel(), Channel::Conference);
    assert_eq!(
        success.response(),
        &Response::Success {
            id: RequestId::new(4)
        }
    );
    assert_eq!((success.from(), success.to()), (&uri(FOCUS), &uri(ME)));

    let child = r#"<deleteUser reason="userNotFound"><x:detail xmlns:x="urn:example">gone</x:detail></deleteUser>"#;
    let failure = c3p::decode_response(&response("14", "failure", child)).unwrap();
    assert_eq!(failure.channel(), Channel::AudioVideoSession);
    assert_eq!(
        failure.into_response(),
        Response::Failure {
            id: RequestId::new(4),
            reason: child.to_owned()
        }
    );

    // Another prefix, the same namespace: the same response.
    let prefixed = format!(
        r#"<c3p:response xmlns:c3p="{}" requestId="12" from="{FOCUS}" to="{ME}" code="success"><c3p:deleteUser/></c3p:response>"#,
        c3p::CCCP_NAMESPACE
    );
    assert_eq!(
        c3p::decode_response(&prefixed).unwrap().response(),
        success.response()
    );
}

#[test]
fn a_response_that_is_not_what_c3p_documents_is_refused_with_its_fault() {
    let bad = |attribute: &'static str, value: &str| {
        let body = response("1", "success", "<deleteUser/>").replace(
            &format!("{attribute}=\""),
            &format!("{attribute}=\"{value}"),
        );
        c3p::decode_response(&body).unwrap_err()
    };
    assert!(matches!(
        bad("requestId", "-"),
        ResponseError::BadAttribute {
            attribute: "requestId",
            ..
        }
    ));
    assert!(matches!(
        bad("requestId", "+"),
        ResponseError::BadAttribute {
            attribute: "requestId",
            ..
        }
    ));
    assert!(matches!(
        bad("code", "maybe-"),
        ResponseError::BadAttribute {
            attribute: "code",
            ..
        }
    ));
    assert!(matches!(
        bad("C3PVersion", "2"),
        ResponseError::BadAttribute {
            attribute: "C3PVersion",
            ..
        }
    ));
    assert!(matches!(
        bad("from", "not a uri "),
        ResponseError::BadUri {
            attribute: "from",
            ..
        }
    ));
    let missing = response("1", "success", "<deleteUser/>").replace(r#"code="success""#, "");
    assert_eq!(
        c3p::decode_response(&missing),
        Err(ResponseError::MissingAttribute("code"))
    );

    assert_eq!(
        c3p::decode_response(&response("1", "success", "")),
        Err(ResponseError::ChildCount(0))
    );
    assert_eq!(
        c3p::decode_response(&response("1", "success", "<a/><b>x</b>")),
        Err(ResponseError::ChildCount(2))
    );
    assert_eq!(
        c3p::decode_response(&response("1", "success", "text<a/>")),
        Err(ResponseError::Text)
    );
    let trailing = format!("{}<again/>", response("1", "success", "<a/>"));
    assert!(matches!(
        c3p::decode_response(&trailing),
        Err(ResponseError::Malformed { problem, .. }) if problem == "a second root element"
    ));
    let other_namespace =
        response("1", "success", "<a/>").replace(c3p::CCCP_NAMESPACE, "urn:example");
    assert!(matches!(
        c3p::decode_response(&other_namespace),
        Err(ResponseError::NotAResponse { .. })
    ));
    assert!(matches!(
        c3p::decode_response("<response"),
        Err(ResponseError::Malformed { .. })
    ));
}

#[test]
fn a_hostile_response_is_refused_within_bounds() {
    // Entity tricks: no document type declaration is taken at all, and an
    // entity nobody declared is not expanded.
    let billion = format!(
        r#"<!DOCTYPE response [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>{}"#,
        response("1", "failure", "<a>&b;</a>")
    );
    assert_eq!(
        c3p::decode_response(&billion),
        Err(ResponseError::DocumentType)
    );
    let undeclared = response("1", "success", "<a/>").replace(r#"to=""#, r#"to="&b;"#);
    assert!(matches!(
        c3p::decode_response(&undeclared),
        Err(ResponseError::Malformed { .. })
    ));
    // Deep nesting and huge bodies are refused before they cost anything.
    let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
    assert_eq!(
        c3p::decode_response(&response("1", "failure", &deep)),
        Err(ResponseError::TooDeep)
    );
    let huge_attribute = "x".repeat(c3p::MAX_RESPONSE_BYTES);
    assert!(matches!(
        c3p::decode_response(&response(
            "1",
            "failure",
            &format!("<a b=\"{huge_attribute}\"/>")
        )),
        Err(ResponseError::TooLarge { .. })
    ));
    // A requestId past u64 is not a request of ours.
    assert!(matches!(
        c3p::decode_response(&response("18446744073709551616", "success", "<a/>")),
        Err(ResponseError::BadAttribute {
            attribute: "requestId",
            ..
        })
    ));
}

/// The whole way: a conference's instant messaging session ejects
/// someone, the request goes out as C3P, the focus's C3P response comes
/// back, and its channel routes it to the session, which settles it.
#[test]
fn a_response_settles_the_request_it_answers_through_the_conference() {
    let now = Instant::now();
    let mut conference = ConferenceSession::new(uri(FOCUS));
    conference
        .attach(InstantMessagingMcuSession::new(uri(FOCUS)))
        .unwrap();
    let chat_offer = mcu_session::AdvertisedMcu::of::<InstantMessaging>(uri(CHAT), None);
    let mut connected = conference.join().joined([chat_offer.clone()]).unwrap();
    connected
        .mcu_event::<InstantMessaging>(McuReport::activated(chat_offer).unwrap(), now)
        .unwrap();
    let lock = connected
        .command(ConferenceCommand::LockConference, now)
        .unwrap();
    let mut any = AnyConference::from(connected);
    let Ok(mcu_session::Submitted::Sent(eject)) =
        any.submit::<InstantMessaging>(Operation::eject("sip:mallory@contoso.com").unwrap(), now)
    else {
        panic!("sent")
    };
    // The conference's #1 and the session's #1 are different requests on
    // the wire.
    assert_eq!((lock.id.get(), eject.id.get()), (1, 1));
    let body = c3p::operation_request(&eject, &chat(), &uri(ME)).unwrap();
    assert!(body.contains(r#"requestId="4""#));

    // The focus answers it: request id 4.
    let answer = c3p::decode_response(&response("4", "success", "<deleteUser/>")).unwrap();
    match answer.channel() {
        Channel::InstantMessagingSession => {
            let effect = any
                .mcu_event::<InstantMessaging>(McuReport::Response(answer.into_response()), now)
                .unwrap();
            assert_eq!(effect, Effect::Answered(RequestId::new(1)));
        }
        other => panic!("routed to {other}"),
    }
    assert!(matches!(
        any.poll_output::<InstantMessaging>(),
        Some(Output::Succeeded { .. })
    ));
    // The conference's own #1 is still pending.
    assert!(any.poll_command_output().is_none());
}

/// The limits are exact: a body of [`c3p::MAX_RESPONSE_BYTES`] bytes and
/// elements nested [`c3p::MAX_RESPONSE_DEPTH`] deep are read; one more of
/// either is refused. A focus's long failure (60 KiB) fits.
#[test]
fn the_limits_are_exact() {
    let exact = |child: &str| {
        let body = response("1", "failure", child);
        let padding = c3p::MAX_RESPONSE_BYTES - body.len();
        format!("{body}{}", " ".repeat(padding))
    };
    let long_reason = format!(r#"<deleteUser reason="{}"/>"#, "r".repeat(60 * 1024));
    assert!(c3p::decode_response(&exact(&long_reason)).is_ok());
    assert_eq!(
        c3p::decode_response(&format!("{} ", exact(&long_reason))),
        Err(ResponseError::TooLarge {
            len: c3p::MAX_RESPONSE_BYTES + 1
        })
    );
    // The root is depth 1, so its child and 14 more levels make 16.
    let nested = |levels: usize| format!("{}{}", "<a>".repeat(levels), "</a>".repeat(levels));
    let depth = c3p::MAX_RESPONSE_DEPTH;
    assert!(c3p::decode_response(&response("1", "failure", &nested(depth - 1))).is_ok());
    assert_eq!(
        c3p::decode_response(&response("1", "failure", &nested(depth))),
        Err(ResponseError::TooDeep)
    );
    // An empty element is as deep as its start tag (#27: one past the
    // limit passed when empty).
    let empty_last = |levels: usize| {
        format!(
            "{}<a/>{}",
            "<a>".repeat(levels - 1),
            "</a>".repeat(levels - 1)
        )
    };
    assert!(c3p::decode_response(&response("1", "failure", &empty_last(depth - 1))).is_ok());
    assert_eq!(
        c3p::decode_response(&response("1", "failure", &empty_last(depth))),
        Err(ResponseError::TooDeep)
    );
}

#[test]
fn text_outside_the_child_is_named_for_where_it_stands() {
    let before = format!(
        "stray{}",
        response("1", "success", "<a/>")
            .replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", "")
    );
    // Outside the root, text is not well-formed at all.
    assert_eq!(
        c3p::decode_response(&before),
        Err(ResponseError::Malformed {
            position: 0,
            problem: "text outside the root element".into()
        })
    );
    let after = format!("{}stray", response("1", "success", "<a/>"));
    assert!(matches!(
        c3p::decode_response(&after),
        Err(ResponseError::Malformed { problem, .. }) if problem == "text outside the root element"
    ));
    // An empty root is read as a root: its namespace decides first.
    let empty = format!(
        r#"<response xmlns="{}" requestId="1" from="{FOCUS}" to="{ME}" code="success"/>"#,
        c3p::CCCP_NAMESPACE
    );
    assert_eq!(
        c3p::decode_response(&empty),
        Err(ResponseError::ChildCount(0))
    );
    assert!(matches!(
        c3p::decode_response(&empty.replace(c3p::CCCP_NAMESPACE, "urn:example")),
        Err(ResponseError::NotAResponse { .. })
    ));
}

#[test]
fn a_channel_says_whose_request_it_numbers() {
    assert_eq!(
        [
            Channel::Conference,
            Channel::InstantMessagingSession,
            Channel::AudioVideoSession
        ]
        .map(|channel| channel.to_string()),
        [
            "the conference",
            "the instant messaging MCU session",
            "the audio/video MCU session"
        ]
    );
}

/// A not-well-formed attribute is refused at the byte it starts at.
#[test]
fn a_malformed_attribute_is_reported_where_it_starts() {
    let body = r#"<response xmlns="urn:ietf:params:xml:ns:cccp" requestId="4" requestId="5" from="sip:focus@contoso.com" to="sip:alice@contoso.com" code="success"><deleteUser/></response>"#;
    let Err(mcu_session::wire::c3p::ResponseError::Malformed { position, problem }) =
        mcu_session::wire::c3p::decode_response(body)
    else {
        panic!("not refused as malformed")
    };
    // The repeated attribute, not the start of the body.
    let at = body.find(r#"requestId="5""#).unwrap();
    assert_eq!(usize::try_from(position).unwrap(), at, "{problem}");
    assert_eq!(problem, "the attribute requestId is repeated");
}

/// A response cut short is refused, at the end of the body: its failure
/// child would otherwise be handed on as a reason it never finished.
#[test]
fn a_truncated_response_is_refused() {
    let whole = response("4", "failure", r#"<deleteUser reason="userNotFound"/>"#);
    for cut in [
        whole.trim_end().trim_end_matches("</response>"),
        &whole[..whole.find("<deleteUser").unwrap()],
    ] {
        let refused = c3p::decode_response(cut).unwrap_err();
        assert_eq!(
            refused,
            ResponseError::Malformed {
                position: cut.len() as u64,
                problem: "the body ends inside 1 open element(s)".into()
            },
            "{cut}"
        );
    }
}

/// A byte order mark before a response moves nothing: the failure child is
/// the reason, whole (#27: it came out as `e"><deleteUser reason=...`), and
/// an error's position counts the mark's three bytes.
#[test]
fn a_byte_order_mark_moves_neither_the_reason_nor_a_position() {
    let child = r#"<deleteUser reason="userNotFound"/>"#;
    let body = format!("\u{FEFF}{}", response("4", "failure", child));
    let answer = c3p::decode_response(&body).unwrap();
    assert_eq!(
        answer.response(),
        &mcu_session::Response::Failure {
            id: RequestId::new(1),
            reason: child.into()
        }
    );
    let bad = format!("\u{FEFF}{}", response("4", "failure", "<a x='1' x='2'/>"));
    let Err(ResponseError::Malformed { position, .. }) = c3p::decode_response(&bad) else {
        panic!("not refused as malformed")
    };
    assert_eq!(
        usize::try_from(position).unwrap(),
        bad.find("x='2'").unwrap()
    );
    // After a mark, the declaration may name only UTF-8.
    let latin = format!(
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>{}",
        response("4", "failure", child).replacen(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
            "",
            1
        )
    );
    assert!(matches!(
        c3p::decode_response(&latin),
        Err(ResponseError::Malformed { .. })
    ));
}
