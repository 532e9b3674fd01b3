//! The bindings of two whole real wikis, generated from the fixtures the generator's tests
//! read, and of the generator's edge cases. Building this crate (CI does, with clippy and rustdoc warnings denied) proves that
//! every module and parameter of those wikis becomes Rust that compiles, documents and lints
//! cleanly, whatever the crate around it has in scope.
//!
//! The bindings are rendered by build.rs and included here, so that clippy sees them; a few
//! modules also go through `mwbind::bindings!`, the door a crate with its own wiki uses.

/// Traits of the kind a crate defines for itself, in scope where the bindings land: their
/// methods are named like those the generated code calls (`map`, `into`, `to_string`...),
/// and implemented for every type, so a method call there would be ambiguous (E0034) and
/// fail to compile.
pub mod hostile {
    // Names chosen to collide, not to follow conventions.
    #![allow(clippy::wrong_self_convention, clippy::new_ret_no_self)]

    pub trait Methods: Sized {
        fn map(self) {}
        fn collect(self) {}
        fn into(self) {}
        fn into_iter(self) {}
        fn iter(self) {}
        fn to_string(self) {}
        fn as_str(self) {}
        fn insert(self) {}
        fn push(self) {}
        fn replace(self) {}
        fn write_str(self) {}
        fn unwrap_or(self) {}
        fn ok_or(self) {}
        fn map_err(self) {}
        fn send(self) {}
        fn text(self) {}
        fn flag(self) {}
        fn multi(self) {}
        fn templated(self) {}
    }
    impl<T> Methods for T {}

    pub trait Constructors {
        fn from(_: ()) {}
        fn new() {}
        fn default() {}
    }
    impl<T: ?Sized> Constructors for T {}
}

/// Every module of MediaWiki 1.39 core.
#[rustfmt::skip]
pub mod core {
    #[allow(unused_imports)]
    use crate::hostile::{Constructors as _, Methods as _};

    include!(concat!(env!("OUT_DIR"), "/core.rs"));
}

/// Every module of MediaWiki 1.39 with the extensions Debian bundles.
#[rustfmt::skip]
pub mod extensions {
    #[allow(unused_imports)]
    use crate::hostile::{Constructors as _, Methods as _};

    include!(concat!(env!("OUT_DIR"), "/extensions.rs"));
}

/// What the generator's edge cases become: names that clash with each other and with what
/// the generated types declare, templated parameters of every kind, a module called `self`.
#[rustfmt::skip]
pub mod edge_cases {
    #[allow(unused_imports)]
    use crate::hostile::{Constructors as _, Methods as _};

    include!(concat!(env!("OUT_DIR"), "/edge_cases.rs"));
}

/// A few core modules through the proc macro.
pub mod through_the_macro {
    #[allow(unused_imports)]
    use crate::hostile::{Constructors as _, Methods as _};

    mwbind::bindings!(
        "../../macros/codegen/tests/fixtures/core-fv2",
        modules = ["query+allpages", "edit", "compare", "opensearch"]
    );
}

/// Every core module's request, built with sample values, ready to send: see
/// `tests/samples.rs`.
#[allow(clippy::type_complexity)]
pub mod samples {
    #[allow(unused_imports)]
    use crate::hostile::{Constructors as _, Methods as _};

    include!(concat!(env!("OUT_DIR"), "/samples.rs"));
}

#[cfg(test)]
mod tests {
    use mwbind::Request;

    #[test]
    fn modules_of_both_wikis_are_there() {
        assert_eq!(crate::core::QueryAllPages::PATH, "query+allpages");
        assert_eq!(crate::extensions::QueryAllPages::PATH, "query+allpages");
        assert_eq!(
            crate::through_the_macro::QueryAllPages::PATH,
            "query+allpages"
        );
        const { assert!(crate::core::Edit::MUST_BE_POSTED) };
    }
}
