mwbind::bindings!("../../../../tests/ui/specs/no-such-folder");

fn main() {}
