// A Retrying session takes no attendance reports.
use mcu_session::{Attendance, InstantMessagingMcuSession, Retrying, Uri};

fn misuse(mut session: InstantMessagingMcuSession<Retrying>, bob: Uri) {
    let _ = session.attendance(Attendance::Left(bob));
}

fn main() {}
