//! The bindings of two whole real wikis compile, without warnings (CI builds with
//! `-D warnings`): MediaWiki 1.39 core, and core with every extension Debian bundles.

mod core {
    mwbind::bindings!("macros/codegen/tests/fixtures/core-fv2");
}

mod extensions {
    mwbind::bindings!("macros/codegen/tests/fixtures/extensions-fv2");
}

#[test]
fn whole_api_bindings_exist() {
    use mwbind::Request;
    assert_eq!(core::QueryAllPages::PATH, "query+allpages");
    assert_eq!(extensions::QueryAllPages::PATH, "query+allpages");
}
