// Two lends cannot swap their MCU sessions: each `Lent` carries a brand
// (a lifetime) of its own, so the two are different types.
use mcu_session::{ConferenceSession, Idle, InstantMessaging, InstantMessagingMcuSession, Uri};

fn main() {
    let focus = Uri::parse("sip:conf@contoso.com").unwrap();
    let mut a = ConferenceSession::new(focus.clone());
    a.attach(InstantMessagingMcuSession::new(focus.clone())).unwrap();
    let mut a = a.join().joined([]).unwrap();
    let mut b = ConferenceSession::new(focus.clone());
    b.attach(InstantMessagingMcuSession::new(focus)).unwrap();
    let mut b = b.join().joined([]).unwrap();
    let _ = a.lend::<InstantMessaging, Idle, _>(|lent_a| {
        b.lend::<InstantMessaging, Idle, _>(|lent_b| std::mem::swap(lent_a, lent_b))
    });
}
