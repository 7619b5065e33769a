// Only an Idle session can be made; a Retrying one is reached through its
// transitions.
use mcu_session::{InstantMessagingMcuSession, Retrying, Uri};

fn main() {
    let conference = Uri::parse("sip:conf@contoso.com").unwrap();
    let _forged = InstantMessagingMcuSession::<Retrying>::new(conference);
}
