// Only an Idle session can be made; a Terminated one is reached through its
// transitions.
use mcu_session::{InstantMessagingMcuSession, Terminated, Uri};

fn main() {
    let conference = Uri::parse("sip:conf@contoso.com").unwrap();
    let _forged = InstantMessagingMcuSession::<Terminated>::new(conference);
}
