//! Reading emitted code back, for the tests that look at it.

use syn::{ImplItem, Item};

/// The functions of the inherent `impl` blocks of the type named `ty`.
pub fn inherent_fns<'a>(file: &'a syn::File, ty: &str) -> Vec<&'a syn::ImplItemFn> {
    file.items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(imp) if imp.trait_.is_none() => Some(imp),
            _ => None,
        })
        .filter(|imp| {
            let self_ty = &imp.self_ty;
            quote::quote!(#self_ty).to_string() == ty
        })
        .flat_map(|imp| &imp.items)
        .filter_map(|item| match item {
            ImplItem::Fn(f) => Some(f),
            _ => None,
        })
        .collect()
}
