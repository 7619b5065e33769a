//! One reader on one document, for `benches/xml/instructions.sh` to run
//! under `valgrind --tool=callgrind --toggle-collect='*measure*'`: only
//! the reading is counted, not building the document.
//!
//! ```text
//! readers <quick_xml|roxmltree> <users>
//! ```
//!
//! Each reader does what a conference-document decoder does at least:
//! reads the whole document, resolves every element's namespace by URI,
//! and finds each `user` of the conference-info namespace and its
//! `entity`. Both must find the same users.

use std::hint::black_box;
use std::process::ExitCode;

const CONFERENCE_INFO: &str = "urn:ietf:params:xml:ns:conference-info";

/// A full conference document of `users` users, each with one endpoint
/// and one medium, in the shape of RFC 4575's examples.
fn document(users: usize) -> String {
    let mut text = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:conf@contoso.com" state="full" version="1"><users>"#,
    );
    for i in 0..users {
        text.push_str(&format!(
            r#"<user entity="sip:user{i}@contoso.com" state="full"><display-text>User {i}</display-text><roles><entry>attendee</entry></roles><endpoint entity="sip:user{i}@contoso.com;gruu;opaque=x{i}"><status>connected</status><media id="{i}"><type>audio</type><status>sendrecv</status></media></endpoint></user>"#
        ));
    }
    text.push_str("</users></conference-info>");
    text
}

/// Everything inside is counted.
#[inline(never)]
fn measure<T>(work: impl FnOnce() -> T) -> T {
    black_box(work())
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (reader, users) = match args[..] {
        [reader, users] => match users.parse::<usize>() {
            Ok(users) => (reader, users),
            Err(_) => return ExitCode::from(2),
        },
        // `cargo bench` runs every bench target with `--bench`.
        _ => {
            println!("readers: run benches/xml/instructions.sh");
            return ExitCode::SUCCESS;
        }
    };
    let text = document(users);
    let expected: usize = (0..users)
        .map(|i| format!("sip:user{i}@contoso.com").len())
        .sum();
    let found = match reader {
        "quick_xml" => measure(|| with_quick_xml(&text)).ok(),
        "roxmltree" => measure(|| with_roxmltree(&text)).ok(),
        _ => return ExitCode::from(2),
    };
    if found != Some(expected) {
        eprintln!("{reader} found {found:?}, not {expected}");
        return ExitCode::FAILURE;
    }
    println!("{}", text.len());
    ExitCode::SUCCESS
}
