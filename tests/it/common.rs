//! Fixtures the test modules share.

use mcu_session::{AdvertisedMcu, AudioVideo, InstantMessaging, Uri};

/// A URI the test knows is valid.
pub fn uri(text: &str) -> Uri {
    Uri::parse(text).unwrap()
}

/// The instant messaging MCU a test's conference offers.
pub fn chat() -> AdvertisedMcu {
    AdvertisedMcu::of::<InstantMessaging>(uri("sip:conf@contoso.com;chat"), None)
}

/// The audio/video MCU a test's conference offers.
pub fn av() -> AdvertisedMcu {
    AdvertisedMcu::of::<AudioVideo>(uri("sip:conf@contoso.com;av"), None)
}

/// The random walks' configuration: 2,000 cases each, so the ordinary suite
/// stays quick in a debug build; `PROPTEST_CASES` overrides it (CI runs the
/// model checks at 20,000: `.ci/run`).
pub fn proptest_config() -> proptest::prelude::ProptestConfig {
    proptest::prelude::ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(2_000),
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    }
}
