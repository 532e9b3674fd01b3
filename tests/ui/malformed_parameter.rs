mwbind::bindings!("../../../../tests/ui/specs/bad-param");

fn main() {}
