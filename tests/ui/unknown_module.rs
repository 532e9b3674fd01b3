mwbind::bindings!("../../../../spec", modules = ["emailuser", "query+nosuchmodule"]);

fn main() {}
