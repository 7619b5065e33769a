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
