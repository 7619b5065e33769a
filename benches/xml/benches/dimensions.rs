//! The crate's conference-document decoder on documents that grow in one
//! dimension only, for `benches/xml/instructions.sh` to run under
//! `valgrind --tool=callgrind --toggle-collect='*measure*'` and divide by
//! the number of items: a cost per item that stays flat as the items grow
//! a hundredfold is linear in that dimension.
//!
//! ```text
//! dimensions <attributes|users|endpoints|conf-uris|roles|text|attribute-length|nesting> <items>
//! ```
//!
//! - `attributes`: one user with that many attributes (all but `entity`
//!   unread, each checked);
//! - `users`: that many users;
//! - `endpoints`: one user with that many endpoints (naming no MCU: read
//!   past);
//! - `conf-uris`: that many offered MCUs, each with a purpose;
//! - `roles`: one user with that many roles entries;
//! - `text`: one offered MCU whose display text is that many bytes;
//! - `attribute-length`: one user with an unread attribute that many bytes
//!   long;
//! - `nesting`: that many levels of unknown elements in the root (up to
//!   the depth limit).

use std::hint::black_box;
use std::process::ExitCode;

use mcu_session::wire::conference_info::{ConferenceInfo, Notification};

const CONFERENCE: &str = "sip:conf@contoso.com";

fn document(dimension: &str, items: usize) -> Option<String> {
    let user = |attributes: &str, inside: &str| {
        format!(r#"<users><user entity="sip:bob@contoso.com"{attributes}>{inside}</user></users>"#)
    };
    let inside = match dimension {
        "attributes" => user(
            &(0..items)
                .map(|i| format!(r#" a{i}="v""#))
                .collect::<String>(),
            "",
        ),
        "users" => format!(
            "<users>{}</users>",
            (0..items)
                .map(|i| format!(r#"<user entity="sip:user{i}@contoso.com"/>"#))
                .collect::<String>()
        ),
        "endpoints" => user(
            "",
            &(0..items)
                .map(|i| {
                    format!(r#"<endpoint entity="e{i}"><status>connected</status></endpoint>"#)
                })
                .collect::<String>(),
        ),
        "conf-uris" => format!(
            "<conference-description><conf-uris>{}</conf-uris></conference-description>",
            (0..items)
                .map(|i| format!(
                    "<entry><uri>sip:conf@contoso.com;mcu{i}</uri><purpose>m{i}</purpose></entry>"
                ))
                .collect::<String>()
        ),
        "roles" => user(
            "",
            &format!("<roles>{}</roles>", "<entry>attendee</entry>".repeat(items)),
        ),
        "text" => format!(
            "<conference-description><conf-uris><entry><uri>sip:conf@contoso.com;chat</uri><display-text>{}</display-text><purpose>chat</purpose></entry></conf-uris></conference-description>",
            "t".repeat(items)
        ),
        "attribute-length" => user(&format!(r#" x="{}""#, "v".repeat(items)), ""),
        "nesting" => format!("{}{}", "<x>".repeat(items), "</x>".repeat(items)),
        _ => return None,
    };
    Some(format!(
        r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{CONFERENCE}" state="full" version="1">{inside}</conference-info>"#
    ))
}

/// Everything inside is counted by callgrind.
#[inline(never)]
fn measure<T>(work: impl FnOnce() -> T) -> T {
    black_box(work())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dimension, items) = match &args[..] {
        [dimension, items] => (dimension.as_str(), items),
        // `cargo bench` runs every bench target with `--bench`.
        _ => {
            println!("dimensions: run benches/xml/instructions.sh");
            return ExitCode::SUCCESS;
        }
    };
    let (Ok(items), Ok(conference)) = (items.parse::<usize>(), mcu_session::Uri::parse(CONFERENCE))
    else {
        return ExitCode::from(2);
    };
    let Some(text) = document(dimension, items) else {
        return ExitCode::from(2);
    };
    let capacities = mcu_session::Capacities {
        offers: u32::try_from(items).unwrap_or(u32::MAX),
        endpoints: u32::try_from(items).unwrap_or(u32::MAX),
        ..mcu_session::Capacities::default()
    };
    let mut state = ConferenceInfo::new(conference, capacities);
    match measure(|| state.apply(&text)) {
        Ok(Notification::Applied { .. }) => {
            println!("{}", text.len());
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("{dimension} {items}: {other:?}");
            ExitCode::FAILURE
        }
    }
}
