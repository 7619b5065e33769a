// Only the four states can be the `S` of a session.
use mcu_session::Session;

fn misuse(_session: Session<String>) {}

fn main() {}
