//! One reader on one document, for `benches/xml/instructions.sh` to run
//! under `valgrind --tool=callgrind --toggle-collect='*measure*'`: only
//! the reading is counted, not building the document.
//!
//! ```text
//! readers <quick_xml|roxmltree|xml_rs|mcu_session> <users> [rfc|focus|linphone]
//! ```
//!
//! `rfc` (the default) is a document in the shape of RFC 4575's examples;
//! `focus` is one in the shape a Lync-compatible focus sends: the MCUs
//! offered in `conf-uris`, and each user with three endpoints naming the
//! focus, the IM MCU and the AV MCU (`session-type`), which the crate
//! keeps and turns into each MCU's roster; `linphone` is one in exactly
//! the shape of liblinphone 5.1's full documents
//! (`tests/interop/liblinphone/documents/11-full-v11-to-michelle.xml`):
//! the root's `conf-id` parameter and an unused extension namespace, a
//! description with subject, free text and three available media, and
//! each user with a role and one endpoint of three media (no
//! `session-type`), read with `PartialUsers::ByEntity`.
//!
//! Each reader does what a conference-document decoder does at least:
//! reads the whole document, resolves every element's namespace by URI,
//! and finds each `user` of the conference-info namespace and its
//! `entity`. Both must find the same users. `mcu_session` is the crate's
//! own decoder, `ConferenceInfo::apply`, doing all of its work: the
//! roster and the diff. A counting allocator reports how many allocations
//! happened inside the count, on standard error.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts allocations; `measure` reads the count before and after.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const CONFERENCE_INFO: &str = "urn:ietf:params:xml:ns:conference-info";

/// The document shapes measured.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Rfc,
    Focus,
    Linphone,
}

impl Shape {
    /// The conference the document is about.
    fn conference(self) -> &'static str {
        match self {
            Self::Rfc | Self::Focus => "sip:conf@contoso.com",
            Self::Linphone => "sip:conf@contoso.com;conf-id=Clnod;transport=udp",
        }
    }
}

/// The three media liblinphone lists, the same in the conference's
/// `available-media` and in each endpoint: (id, type, status).
const LINPHONE_MEDIA: [(u8, &str, &str); 3] = [
    (1, "audio", "sendrecv"),
    (2, "video", "inactive"),
    (3, "text", "inactive"),
];

/// [`LINPHONE_MEDIA`] as `<element key="id">` children, each line indented
/// by `indent` spaces, as liblinphone writes them.
fn linphone_media(element: &str, key: &str, indent: usize) -> String {
    let (outer, inner) = (" ".repeat(indent), " ".repeat(indent + 2));
    let mut text = String::new();
    for (id, kind, status) in LINPHONE_MEDIA {
        text.push_str(&format!(
            "\n{outer}<{element} {key}=\"{id}\">\n{inner}<display-text>{kind}</display-text>\n{inner}<type>{kind}</type>\n{inner}<status>{status}</status>\n{outer}</{element}>"
        ));
    }
    text
}

/// A full document of `users` users in liblinphone 5.1's shape.
fn linphone_document(users: usize) -> String {
    let mut text = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{}" state="full" version="11" xmlns:linphone-cie="linphone:xml:ns:conference-info-linphone-extension">
  <conference-description>
    <subject>Weekly sync (moved)</subject>
    <free-text>1796316564</free-text>
    <available-media>{}
    </available-media>
  </conference-description>
  <users state="full">"#,
        Shape::Linphone.conference(),
        linphone_media("entry", "label", 6),
    );
    let endpoint_media = linphone_media("media", "id", 10);
    for i in 0..users {
        text.push_str(&format!(
            "\n    <user entity=\"sip:user{i}@contoso.com\" state=\"full\">\n      <roles>\n        <entry>participant</entry>\n      </roles>\n      <endpoint entity=\"sip:user{i}@contoso.com\" state=\"full\">{endpoint_media}\n      </endpoint>\n    </user>"
        ));
    }
    text.push_str("\n  </users>\n</conference-info>\n");
    text
}

/// A full conference document of `users` users, each with one endpoint
/// and one medium, in the shape of RFC 4575's examples; or, for the
/// `focus` shape, with the MCUs offered and three endpoints a user; or in
/// liblinphone's.
fn document(users: usize, shape: Shape) -> String {
    let focus = match shape {
        Shape::Rfc => false,
        Shape::Focus => true,
        Shape::Linphone => return linphone_document(users),
    };
    let mut text = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" state="full" version="1">"#,
    );
    if focus {
        text.push_str(r#"<conference-description><conf-uris>"#);
        for mcu in ["focus", "chat", "audio-video"] {
            text.push_str(&format!(
                r#"<entry><uri>sip:conf@contoso.com;gruu;opaque=app:conf:{mcu}:id:1</uri><purpose>{mcu}</purpose></entry>"#
            ));
        }
        text.push_str(r#"</conf-uris></conference-description>"#);
    }
    text.push_str("<users>");
    for i in 0..users {
        if focus {
            text.push_str(&format!(
                r#"<user entity="sip:user{i}@contoso.com" state="full"><display-text>User {i}</display-text><roles><entry>attendee</entry></roles><endpoint entity="{{F{i}}}" session-type="focus"><status>connected</status></endpoint><endpoint entity="{{C{i}}}" session-type="chat"><status>connected</status></endpoint><endpoint entity="{{A{i}}}" session-type="audio-video"><status>connected</status><media id="1"><type>audio</type><status>sendrecv</status></media></endpoint></user>"#
            ));
            continue;
        }
        text.push_str(&format!(
            r#"<user entity="sip:user{i}@contoso.com" state="full"><display-text>User {i}</display-text><roles><entry>attendee</entry></roles><endpoint entity="sip:user{i}@contoso.com;gruu;opaque=x{i}"><status>connected</status><media id="{i}"><type>audio</type><status>sendrecv</status></media></endpoint></user>"#
        ));
    }
    text.push_str("</users></conference-info>");
    text
}

/// Everything inside is counted: instructions by callgrind, allocations
/// here.
#[inline(never)]
fn measure<T>(work: impl FnOnce() -> T) -> T {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let result = black_box(work());
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    eprintln!("allocations: {allocations}");
    result
}

/// The users' entities' total length, streaming.
fn with_quick_xml(text: &str) -> Result<usize, quick_xml::Error> {
    use quick_xml::events::Event;
    use quick_xml::name::{Namespace, ResolveResult};

    let mut reader = quick_xml::reader::NsReader::from_str(text);
    let mut total = 0;
    loop {
        match reader.read_resolved_event()? {
            (ResolveResult::Bound(Namespace(ns)), Event::Start(element))
                if ns == CONFERENCE_INFO.as_bytes() && element.local_name().as_ref() == b"user" =>
            {
                for attribute in element.attributes() {
                    let attribute = attribute?;
                    if attribute.key.as_ref() == b"entity" {
                        total += attribute.unescape_value()?.len();
                    }
                }
            }
            (_, Event::Eof) => return Ok(total),
            _ => {}
        }
    }
}

/// The same, with xml-rs, streaming (it resolves namespaces itself).
fn with_xml_rs(text: &str) -> Result<usize, xml::reader::Error> {
    use xml::reader::{EventReader, XmlEvent};

    let mut total = 0;
    for event in EventReader::from_str(text) {
        if let XmlEvent::StartElement {
            name, attributes, ..
        } = event?
            && name.namespace.as_deref() == Some(CONFERENCE_INFO)
            && name.local_name == "user"
        {
            total += attributes
                .iter()
                .filter(|attribute| attribute.name.local_name == "entity")
                .map(|attribute| attribute.value.len())
                .sum::<usize>();
        }
    }
    Ok(total)
}

/// The same, through a document tree.
fn with_roxmltree(text: &str) -> Result<usize, roxmltree::Error> {
    let document = roxmltree::Document::parse(text)?;
    Ok(document
        .descendants()
        .filter(|node| node.has_tag_name((CONFERENCE_INFO, "user")))
        .filter_map(|node| node.attribute("entity"))
        .map(str::len)
        .sum())
}

/// The crate's decoder: the roster it makes, and its diff, of which the
/// joined users' entities are summed; for the `focus` shape, every user
/// must also be in the IM MCU's fresh roster.
fn with_mcu_session(text: &str, users: usize, shape: Shape) -> Option<usize> {
    use mcu_session::wire::conference_info::{ConferenceInfo, Notification, PartialUsers};

    let conference = mcu_session::Uri::parse(shape.conference()).ok()?;
    let capacities = mcu_session::Capacities {
        operations: 1,
        endpoints: u32::try_from(users).ok()?,
        ..mcu_session::Capacities::default()
    };
    let reading = match shape {
        Shape::Linphone => PartialUsers::ByEntity,
        Shape::Rfc | Shape::Focus => PartialUsers::AsMarked,
    };
    let mut state = ConferenceInfo::new(conference, capacities).with_partial_users(reading);
    match measure(|| state.apply(text)) {
        Ok(Notification::Applied { diff, mcus, .. })
            if shape != Shape::Focus
                || matches!(
                    mcus.get("chat"),
                    [mcu_session::Attendance::Refreshed(roster)] if roster.len() == users
                ) =>
        {
            Some(
                diff.joined
                    .iter()
                    .map(|endpoint| endpoint.uri.as_str().len())
                    .sum(),
            )
        }
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (reader, users, shape) = match args[..] {
        [reader, users] => (reader, users, "rfc"),
        [reader, users, shape] if !shape.starts_with('-') => (reader, users, shape),
        // `cargo bench` runs every bench target with `--bench`.
        _ => {
            println!("readers: run benches/xml/instructions.sh");
            return ExitCode::SUCCESS;
        }
    };
    let Ok(users) = users.parse::<usize>() else {
        return ExitCode::from(2);
    };
    let shape = match shape {
        "rfc" => Shape::Rfc,
        "focus" => Shape::Focus,
        "linphone" => Shape::Linphone,
        _ => return ExitCode::from(2),
    };
    let text = document(users, shape);
    let expected: usize = (0..users)
        .map(|i| format!("sip:user{i}@contoso.com").len())
        .sum();
    let found = match reader {
        "quick_xml" => measure(|| with_quick_xml(&text)).ok(),
        "roxmltree" => measure(|| with_roxmltree(&text)).ok(),
        "xml_rs" => measure(|| with_xml_rs(&text)).ok(),
        "mcu_session" => with_mcu_session(&text, users, shape),
        _ => return ExitCode::from(2),
    };
    if found != Some(expected) {
        eprintln!("{reader} found {found:?}, not {expected}");
        return ExitCode::FAILURE;
    }
    println!("{}", text.len());
    ExitCode::SUCCESS
}
