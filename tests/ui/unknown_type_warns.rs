// A type the generator does not know is a warning, not an error; denied here so that
// trybuild, which pins only failures, shows its wording.
#![deny(deprecated)]

mwbind::bindings!("../../../../tests/ui/specs/unknown-type");

fn main() {
    let _ = Future::new("sent as text");
}
