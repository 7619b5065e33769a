//! Each reader on the W3C XML Conformance Test Suite's cases the crate is
//! judged on (`tests/xmlconf/`, 207 not well-formed, 68 well-formed), read
//! whole: how many not-well-formed cases it refuses and how many
//! well-formed ones it reads. The readers alone, not the crate's decoders
//! (`tests/it/xmlconf.rs` judges those, placed in their documents).
//!
//! ```text
//! conformance <quick_xml|roxmltree|xml_rs>
//! ```

use std::fs;
use std::process::ExitCode;

fn quick_xml(text: &str) -> bool {
    let mut reader = quick_xml::reader::NsReader::from_str(text);
    loop {
        match reader.read_resolved_event() {
            Ok((_, quick_xml::events::Event::Eof)) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

fn roxmltree(text: &str) -> bool {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).is_ok()
}

fn xml_rs(text: &str) -> bool {
    xml::reader::EventReader::from_str(text)
        .into_iter()
        .all(|event| event.is_ok())
}

fn main() -> ExitCode {
    let reader: fn(&str) -> bool = match std::env::args().nth(1).as_deref() {
        Some("quick_xml") => quick_xml,
        Some("roxmltree") => roxmltree,
        Some("xml_rs") => xml_rs,
        // `cargo bench` runs every bench target with `--bench`.
        _ => {
            println!("conformance: run benches/xml/instructions.sh");
            return ExitCode::SUCCESS;
        }
    };
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/xmlconf");
    let Ok(manifest) = fs::read_to_string(format!("{root}/cases.tsv")) else {
        return ExitCode::from(2);
    };
    let (mut refused, mut not_wf, mut read, mut wf) = (0, 0, 0, 0);
    for line in manifest.lines().filter(|line| !line.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [verdict, _, path] = fields[..] else {
            return ExitCode::from(2);
        };
        let Ok(case) = fs::read_to_string(format!("{root}/cases/{path}")) else {
            return ExitCode::from(2);
        };
        let ok = reader(&case);
        if verdict == "not-wf" {
            not_wf += 1;
            refused += usize::from(!ok);
        } else {
            wf += 1;
            read += usize::from(ok);
        }
    }
    println!("refused {refused} of {not_wf}; read {read} of {wf}");
    ExitCode::SUCCESS
}
