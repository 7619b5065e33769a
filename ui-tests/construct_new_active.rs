// Only an Idle session can be made; Active is reached through transition 1.
use mcu_session::{Active, InstantMessagingMcuSession, Uri};

fn main() {
    let conference = Uri::parse("sip:conf@contoso.com").unwrap();
    let _forged = InstantMessagingMcuSession::<Active>::new(conference);
}
