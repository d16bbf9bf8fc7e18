//! Procedural macros for brook (see the `brook` crate): `#[cache_data]`,
//! `#[cache_resource]` and `#[derive(CacheHash)]`. Their expansions refer to
//! `::brook::...` paths, so use them through the `brook` crate.

mod derive;
mod expand;
mod options;
mod ttl;

use proc_macro::TokenStream;

use options::Kind;

/// Caches a function's return value per argument tuple, handing every caller
/// its own copy (Streamlit's `@st.cache_data`). See `brook::cache`.
#[proc_macro_attribute]
pub fn cache_data(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(Kind::Data, attr.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Caches one shared `Arc` of a function's return value per argument tuple
/// (Streamlit's `@st.cache_resource`). See `brook::cache`.
#[proc_macro_attribute]
pub fn cache_resource(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(Kind::Resource, attr.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives `brook::CacheHash`: the type's name, then each field in order
/// (for enums, the variant first). `#[cache_hash(skip)]` leaves a field out.
#[proc_macro_derive(CacheHash, attributes(cache_hash))]
pub fn derive_cache_hash(input: TokenStream) -> TokenStream {
    derive::derive(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
