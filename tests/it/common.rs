//! Fixtures the test modules share.

use mcu_session::Uri;

/// A URI the test knows is valid.
pub fn uri(text: &str) -> Uri {
    Uri::parse(text).unwrap()
}
