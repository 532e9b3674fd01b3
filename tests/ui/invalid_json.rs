mwbind::bindings!("../../../../tests/ui/specs/bad-json");

fn main() {}
