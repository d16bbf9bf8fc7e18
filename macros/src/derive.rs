//! `#[derive(CacheHash)]`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, Index};

fn skipped(attrs: &[syn::Attribute]) -> syn::Result<bool> {
    let mut skip = false;
    for a in attrs.iter().filter(|a| a.path().is_ident("cache_hash")) {
        a.parse_nested_meta(|m| {
            if m.path.is_ident("skip") {
                skip = true;
                Ok(())
            } else {
                Err(m.error("unknown `cache_hash` option; valid options: skip"))
            }
        })?;
    }
    Ok(skip)
}

/// Statements hashing `fields`, bound to `names` (expressions of type `&F`).
fn hash_fields(fields: &Fields, names: &[TokenStream]) -> syn::Result<TokenStream> {
    let mut out = TokenStream::new();
    for (f, n) in fields.iter().zip(names) {
        if !skipped(&f.attrs)? {
            out.extend(quote!(::brook::cache::CacheHash::cache_hash(#n, h);));
        }
    }
    Ok(out)
}

pub fn derive(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let name = &input.ident;
    let name_str = name.to_string();
    let mut generics = input.generics.clone();
    for p in generics.type_params_mut() {
        p.bounds.push(syn::parse_quote!(::brook::cache::CacheHash));
    }
    let (impl_g, ty_g, where_g) = generics.split_for_impl();
    let body = match &input.data {
        Data::Struct(s) => {
            let names: Vec<TokenStream> = s
                .fields
                .iter()
                .enumerate()
                .map(|(i, f)| match &f.ident {
                    Some(id) => quote!(&self.#id),
                    None => {
                        let idx = Index::from(i);
                        quote!(&self.#idx)
                    }
                })
                .collect();
            hash_fields(&s.fields, &names)?
        }
        Data::Enum(e) => {
            let mut arms = TokenStream::new();
            for (i, v) in e.variants.iter().enumerate() {
                let vname = &v.ident;
                let idx = i as u32;
                let binds: Vec<_> = (0..v.fields.len())
                    .map(|j| format_ident!("__f{}", j))
                    .collect();
                let names: Vec<TokenStream> = binds.iter().map(|b| quote!(#b)).collect();
                let hashes = hash_fields(&v.fields, &names)?;
                let pat = match &v.fields {
                    Fields::Named(n) => {
                        let ids = n.named.iter().map(|f| &f.ident);
                        quote!(#name::#vname { #(#ids: #binds),* })
                    }
                    Fields::Unnamed(_) => quote!(#name::#vname(#(#binds),*)),
                    Fields::Unit => quote!(#name::#vname),
                };
                arms.extend(quote! {
                    #[allow(unused_variables)]
                    #pat => { h.begin_variant(#idx); #hashes }
                });
            }
            quote!(match self { #arms })
        }
        Data::Union(u) => {
            return Err(syn::Error::new(
                u.union_token.span,
                "`CacheHash` cannot be derived for unions: implement it by hand",
            ));
        }
    };
    Ok(quote! {
        impl #impl_g ::brook::cache::CacheHash for #name #ty_g #where_g {
            fn cache_hash(&self, h: &mut ::brook::cache::KeyHasher) {
                h.begin_struct(#name_str);
                #body
            }
        }
    })
}
