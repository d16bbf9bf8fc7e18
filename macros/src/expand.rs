//! The expansion of `#[cache_data]` / `#[cache_resource]` on a function.
//!
//! ```text
//! fn f(args) -> R { body }
//! ```
//! becomes the same function whose body looks its key up in a per-function
//! store (a `static` inside it) and runs the original body only on a miss,
//! plus two companions with `f`'s visibility: `f_clear()` and
//! `f_clear_args(args)` (CA-14).

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{
    FnArg, GenericArgument, GenericParam, Ident, ItemFn, Pat, PatIdent, PathArguments, ReturnType,
    Type,
};

use crate::options::{Kind, Options, Spinner, Ttl};

/// One parameter of the cached function.
struct Param {
    /// The name it is hashed under in error messages.
    label: String,
    /// An expression of type `&T`, `T` the parameter's type without its
    /// outer references.
    target: TokenStream,
    /// That `T`.
    stripped: Type,
    /// Span for errors about this parameter.
    span: Span,
    /// Whether it is part of the key.
    hashed: bool,
    /// Whether `T` is `Self` (or it is the receiver).
    is_self: bool,
}

fn strip_refs(ty: &Type) -> (&Type, usize) {
    match ty {
        Type::Reference(r) => {
            let (t, n) = strip_refs(&r.elem);
            (t, n + 1)
        }
        Type::Paren(p) => strip_refs(&p.elem),
        Type::Group(g) => strip_refs(&g.elem),
        _ => (ty, 0),
    }
}

fn is_self_type(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none() && p.path.is_ident("Self"))
}

/// `&mut St`, `&mut brook::St`, `&mut St<'_>`: the page context.
fn is_st(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) if r.mutability.is_some() => match &*r.elem {
            Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "St"),
            _ => false,
        },
        _ => false,
    }
}

fn mentions_self(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == "Self",
        TokenTree::Group(g) => mentions_self(g.stream()),
        _ => false,
    })
}

fn contains_impl_trait(ty: &Type) -> bool {
    ty.to_token_stream()
        .into_iter()
        .any(|t| matches!(&t, TokenTree::Ident(i) if i == "impl"))
}

fn has_lifetime_or_ref(ty: &Type) -> bool {
    fn walk(ts: TokenStream) -> bool {
        ts.into_iter().any(|t| match t {
            TokenTree::Punct(p) => p.as_char() == '\'' || p.as_char() == '&',
            TokenTree::Group(g) => walk(g.stream()),
            _ => false,
        })
    }
    walk(ty.to_token_stream())
}

/// `Result<T, E>` (or an alias `io::Result<T>`): the `T`, to be cached.
fn result_ok_type(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args.iter().find_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

/// `Result<T, E>` -> `Result<Arc<T>, E>`.
fn wrap_ok_in_arc(ty: &Type) -> Type {
    let mut ty = ty.clone();
    if let Type::Path(p) = &mut ty
        && let Some(last) = p.path.segments.last_mut()
        && let PathArguments::AngleBracketed(args) = &mut last.arguments
        && let Some(GenericArgument::Type(t)) = args
            .args
            .iter_mut()
            .find(|a| matches!(a, GenericArgument::Type(_)))
    {
        *t = syn::parse_quote!(::std::sync::Arc<#t>);
    }
    ty
}

/// A digest of the function's source and attribute (CA-2), stable across
/// compiler runs: two FNV-1a 64-bit hashes with different seeds.
fn source_digest(attr: &TokenStream, item: &ItemFn) -> String {
    let text = format!("{attr}\u{0}{}", item.to_token_stream());
    let fnv = |seed: u64| {
        text.bytes().fold(seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    format!(
        "{:016x}{:016x}",
        fnv(0xcbf2_9ce4_8422_2325),
        fnv(0x6c62_272e_07bb_0142)
    )
}

pub fn expand(kind: Kind, attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut func: ItemFn = syn::parse2(item)?;
    let opts = Options::parse(kind, attr.clone())?;
    let digest = source_digest(&attr, &func);
    let attr_name = kind.attr();

    let sig = &func.sig;
    if let Some(a) = &sig.asyncness {
        return Err(syn::Error::new(
            a.span(),
            format!(
                "`#[{attr_name}]` does not support `async fn`: compute the value synchronously, \
             or cache the inputs of the async work instead."
            ),
        ));
    }
    if let Some(v) = &sig.variadic {
        return Err(syn::Error::new(
            v.span(),
            format!("`#[{attr_name}]` does not support variadic functions."),
        ));
    }
    for g in &sig.generics.params {
        if !matches!(g, GenericParam::Lifetime(_)) {
            return Err(syn::Error::new(
                g.span(),
                format!(
                    "`#[{attr_name}]` functions cannot be generic over types or constants: one cache \
                 serves every call of the function. Cache a non-generic function per type instead."
                ),
            ));
        }
    }
    let ret_ty: Type = match &sig.output {
        ReturnType::Default => syn::parse_quote!(()),
        ReturnType::Type(_, t) => (**t).clone(),
    };
    if contains_impl_trait(&ret_ty) {
        return Err(syn::Error::new(
            ret_ty.span(),
            format!(
                "`#[{attr_name}]` cannot store an `impl Trait` return value: return a concrete type."
            ),
        ));
    }
    let fallible = result_ok_type(&ret_ty).is_some();
    let value_ty: Type = result_ok_type(&ret_ty)
        .cloned()
        .unwrap_or_else(|| ret_ty.clone());

    let method_like = sig.receiver().is_some()
        || mentions_self(sig.inputs.to_token_stream())
        || mentions_self(sig.output.to_token_stream());
    let self_type = if method_like {
        quote!(::std::option::Option::Some(::std::any::type_name::<Self>()))
    } else {
        quote!(::std::option::Option::None)
    };

    // Parameters: find the page context, rename destructuring patterns,
    // decide which are hashed.
    let mut params: Vec<Param> = Vec::new();
    let mut ctx: Option<Ident> = None;
    let mut rebinds: Vec<TokenStream> = Vec::new();
    let mut first_typed = true;
    let mut n_args = 0usize;
    let inputs = &mut func.sig.inputs;
    for (i, input) in inputs.iter_mut().enumerate() {
        match input {
            FnArg::Receiver(r) => {
                n_args += 1;
                let (stripped, n) = strip_refs(&r.ty);
                let stars = std::iter::repeat_n(quote!(*), n);
                let span = r.self_token.span;
                let self_token = &r.self_token;
                params.push(Param {
                    label: "self".to_owned(),
                    target: quote_spanned!(span=> &#(#stars)* #self_token),
                    stripped: stripped.clone(),
                    span,
                    hashed: true,
                    is_self: true,
                });
            }
            FnArg::Typed(pt) => {
                let is_first = first_typed;
                first_typed = false;
                if is_st(&pt.ty) {
                    let Pat::Ident(PatIdent { ident, .. }) = &*pt.pat else {
                        return Err(syn::Error::new(
                            pt.pat.span(),
                            "name the page context parameter, e.g. `st: &mut St`",
                        ));
                    };
                    if !is_first {
                        return Err(syn::Error::new(
                            pt.ty.span(),
                            format!(
                                "the page context (`&mut St`) must be the first parameter of a \
                             `#[{attr_name}]` function, so its elements can be recorded and replayed (CA-16)."
                            ),
                        ));
                    }
                    ctx = Some(ident.clone());
                    continue;
                }
                n_args += 1;
                let (name, hashed) = match &*pt.pat {
                    Pat::Ident(PatIdent {
                        ident,
                        by_ref: None,
                        subpat: None,
                        ..
                    }) => {
                        let s = ident.to_string();
                        (ident.clone(), !s.starts_with('_'))
                    }
                    Pat::Wild(_) => {
                        params.push(Param {
                            label: "_".into(),
                            target: TokenStream::new(),
                            stripped: (*pt.ty).clone(),
                            span: pt.span(),
                            hashed: false,
                            is_self: false,
                        });
                        continue;
                    }
                    other => {
                        let renamed = format_ident!("__brook_arg{}", i);
                        rebinds.push(quote!(let #other = #renamed;));
                        *pt.pat = syn::parse_quote!(#renamed);
                        (renamed, true)
                    }
                };
                let (stripped, n) = strip_refs(&pt.ty);
                let stars = std::iter::repeat_n(quote!(*), n);
                let ty_span = pt.ty.span();
                let name = Ident::new(&name.to_string(), name.span().located_at(ty_span));
                let label = if name.to_string().starts_with("__brook_arg") {
                    "(unnamed)".to_owned()
                } else {
                    name.to_string()
                };
                params.push(Param {
                    label,
                    target: quote_spanned!(ty_span=> &#(#stars)* #name),
                    is_self: is_self_type(stripped),
                    stripped: stripped.clone(),
                    span: pt.ty.span(),
                    hashed,
                });
            }
        }
    }
    if opts.persist.is_some() && ctx.is_some() {
        return Err(syn::Error::new(
            opts.persist.unwrap_or_else(Span::call_site),
            "`persist = \"disk\"` cannot be combined with a page context parameter: recorded \
             elements are not written to disk. Draw the elements outside the cached function.",
        ));
    }

    // hash_funcs: `Self` entries apply by name to `self` and `Self`-typed
    // parameters; the others through a probe that the compiler resolves by
    // the argument's actual type.
    let self_entry = opts.hash_funcs.iter().find(|(t, _)| is_self_type(t));
    let typed_entries: Vec<&(Type, syn::Expr)> = opts
        .hash_funcs
        .iter()
        .filter(|(t, _)| !is_self_type(t))
        .collect();
    let kind_tokens = match kind {
        Kind::Data => quote!(::brook::__private::Kind::Data),
        Kind::Resource => quote!(::brook::__private::Kind::Resource),
    };
    let name = &func.sig.ident;
    let name_str = name.to_string();

    let probe_items = if typed_entries.is_empty() {
        TokenStream::new()
    } else {
        let n = typed_entries.len();
        let vias = typed_entries.iter().enumerate().map(|(i, (ty, f))| {
            let trait_name = format_ident!("__BrookVia{}", i);
            let refs = std::iter::repeat_n(quote!(&), n - i);
            let f_text = f.to_token_stream().to_string();
            let ty_text = ty.to_token_stream().to_string();
            quote! {
                trait #trait_name {
                    fn __brook_select(self, h: &mut ::brook::__private::KeyHasher) -> ::brook::__private::HashedByFunc;
                }
                impl #trait_name for #(#refs)* __BrookProbe<'_, #ty> {
                    #[inline]
                    fn __brook_select(self, h: &mut ::brook::__private::KeyHasher) -> ::brook::__private::HashedByFunc {
                        let __brook_v: &#ty = self.0;
                        h.hash_with(#f_text, #ty_text, || (#f)(__brook_v));
                        ::brook::__private::HashedByFunc
                    }
                }
            }
        });
        quote! {
            #[allow(non_camel_case_types, dead_code)]
            struct __BrookProbe<'a, T: ?Sized>(&'a T);
            impl<T: ?Sized> ::std::clone::Clone for __BrookProbe<'_, T> {
                fn clone(&self) -> Self { *self }
            }
            impl<T: ?Sized> ::std::marker::Copy for __BrookProbe<'_, T> {}
            trait __BrookFallback<'a, T: ?Sized> {
                fn __brook_select(self, h: &mut ::brook::__private::KeyHasher) -> &'a T;
            }
            impl<'a, T: ?Sized> __BrookFallback<'a, T> for __BrookProbe<'a, T> {
                #[inline]
                fn __brook_select(self, _h: &mut ::brook::__private::KeyHasher) -> &'a T { self.0 }
            }
            #(#vias)*
        }
    };
    let dyn_entries: Vec<TokenStream> = typed_entries
        .iter()
        .filter(|(t, _)| !has_lifetime_or_ref(t))
        .map(|(ty, f)| {
            let f_text = f.to_token_stream().to_string();
            let ty_text = ty.to_token_stream().to_string();
            quote! {
                ::brook::__private::HashFunc {
                    type_id: ::std::any::TypeId::of::<#ty>,
                    hash: |__brook_v, __brook_h| {
                        if let ::std::option::Option::Some(__brook_v) = __brook_v.downcast_ref::<#ty>() {
                            __brook_h.hash_with(#f_text, #ty_text, || (#f)(__brook_v));
                        }
                    },
                }
            }
        })
        .collect();
    let (dyn_table_item, dyn_table) = if dyn_entries.is_empty() {
        (TokenStream::new(), quote!(&[]))
    } else {
        (
            quote! {
                static __BROOK_HASH_FUNCS: &[::brook::__private::HashFunc] = &[#(#dyn_entries),*];
            },
            quote!(__BROOK_HASH_FUNCS),
        )
    };

    let hash_stmts = params.iter().filter(|p| p.hashed).map(|p| {
        let label = &p.label;
        let target = &p.target;
        let span = p.span;
        let body = match (self_entry, p.is_self || is_self_type(&p.stripped)) {
            (Some((_, f)), true) => {
                let f_text = f.to_token_stream().to_string();
                quote! {
                    __brook_h.hash_with(#f_text, ::std::any::type_name::<Self>(), || (#f)(#target));
                }
            }
            _ if !typed_entries.is_empty() => {
                let refs = std::iter::repeat_n(quote!(&), typed_entries.len());
                quote_spanned! {span=>
                    let __brook_sel = (#(#refs)* __BrookProbe(#target)).__brook_select(&mut __brook_h);
                    ::brook::__private::hash_arg(&__brook_sel, &mut __brook_h);
                }
            }
            _ => quote_spanned! {span=>
                ::brook::__private::hash_arg(#target, &mut __brook_h);
            },
        };
        quote! {
            __brook_h.param(#label);
            #body
        }
    });
    let key_block = quote! {{
        let mut __brook_h = ::brook::__private::KeyHasher::new(#dyn_table, #name_str, #kind_tokens);
        #(#hash_stmts)*
        ::brook::__private::finish(__brook_h)
    }};

    // The spec, built at the first call.
    let mut spec = quote! {
        ::brook::__private::FnSpec::new(#kind_tokens, ::std::module_path!(), #name_str, #self_type, #digest)
    };
    if let Some((ttl, _)) = &opts.ttl {
        spec.extend(match ttl {
            Ttl::Nanos(n) => quote!(.ttl(::std::time::Duration::from_nanos(#n))),
            Ttl::Expr(e) => quote!(.ttl(::std::convert::Into::<::std::time::Duration>::into(#e))),
        });
    }
    if let Some(m) = &opts.max_entries {
        spec.extend(quote!(.max_entries(#m)));
    }
    if opts.session_scope.is_some() {
        spec.extend(quote!(.scope(::brook::__private::Scope::Session)));
    }
    if opts.persist.is_some() {
        spec.extend(quote!(.persist(true)));
    }
    match &opts.spinner {
        Spinner::Default if n_args == 0 => spec.extend(quote!(.no_args())),
        Spinner::Default => {}
        Spinner::Off => spec.extend(quote!(.spinner(::std::option::Option::None))),
        Spinner::Text(t) => spec
            .extend(quote!(.spinner(::std::option::Option::Some(::std::string::String::from(#t))))),
    }
    if let Some(f) = &opts.on_release {
        spec.extend(quote!(.on_release(::brook::__private::release_fn::<#value_ty>(#f))));
    }

    // The original body, run on a miss.
    let body = &func.block;
    let body_call = quote! {
        (|| -> #ret_ty { #(#rebinds)* #body })()
    };
    let (ctx_arg, ctx_pat) = match &ctx {
        Some(st) => (quote!(#st), quote!(#st)),
        None => (quote!(&mut ()), quote!(_)),
    };
    let computed = match &ctx {
        Some(st) => quote! {
            let (__brook_v, __brook_rec) = #st.record(|#st| #body_call);
            let __brook_rec = ::brook::__private::payload(__brook_rec);
        },
        None => quote! {
            let __brook_v = #body_call;
            let __brook_rec = ::std::option::Option::None;
        },
    };
    let compute = if fallible {
        quote!(|#ctx_pat| { #computed __brook_v.map(|__brook_v| (__brook_v, __brook_rec)) })
    } else {
        quote!(|#ctx_pat| { #computed ::std::result::Result::<_, ::std::convert::Infallible>::Ok((__brook_v, __brook_rec)) })
    };
    let replay = match &ctx {
        Some(st) => quote! {
            |#st, __brook_rec| ::brook::__private::replay_with(__brook_rec, |__brook_r| #st.replay(__brook_r))
        },
        None => quote!(|_, _| {}),
    };
    // Spanned at the return type, so that a value that cannot be cached
    // (not `Clone`, not `Send + Sync`, not serialisable) is reported there.
    let ret_span = match &func.sig.output {
        ReturnType::Default => func.sig.ident.span(),
        ReturnType::Type(_, t) => t.span(),
    };
    let call = match kind {
        Kind::Data if opts.persist.is_some() => {
            let compute = if fallible {
                quote!(|| #body_call)
            } else {
                quote!(|| ::std::result::Result::<_, ::std::convert::Infallible>::Ok(#body_call))
            };
            quote_spanned!(ret_span=> ::brook::__private::data_persist(__brook_store, __brook_key, #compute))
        }
        Kind::Data => {
            quote_spanned!(ret_span=> ::brook::__private::data(__brook_store, __brook_key, #ctx_arg, #compute, #replay))
        }
        Kind::Resource => {
            let validate = match &opts.validate {
                Some(v) => quote!(#v),
                None => quote!(|_| true),
            };
            quote_spanned!(ret_span=> ::brook::__private::resource(__brook_store, __brook_key, #ctx_arg, #compute, #replay, #validate))
        }
    };
    let result = if fallible {
        quote!(__brook_result)
    } else {
        quote!(::brook::__private::never(__brook_result))
    };

    if kind == Kind::Resource {
        let new_ret: Type = if fallible {
            wrap_ok_in_arc(&ret_ty)
        } else {
            syn::parse_quote!(::std::sync::Arc<#ret_ty>)
        };
        func.sig.output = syn::parse_quote!(-> #new_ret);
    }

    let new_body = quote! {{
        static __BROOK_STORE: ::brook::__private::StoreCell = ::brook::__private::StoreCell::new();
        #probe_items
        #dyn_table_item
        let __brook_store = __BROOK_STORE.get_or_init(|| #spec);
        let __brook_key: ::brook::__private::Key = #key_block;
        #[allow(clippy::redundant_closure_call)]
        let __brook_result = #call;
        #result
    }};
    *func.block = syn::parse2(new_body)?;

    // Companions (CA-14).
    let vis = &func.vis;
    let clear_name = format_ident!("{}_clear", name);
    let clear_args_name = format_ident!("{}_clear_args", name);
    let persist = opts.persist.is_some();
    let identity = quote! {
        ::brook::__private::fn_identity(::std::module_path!(), #name_str, #self_type, #digest)
    };
    let clear_doc = format!(
        "Clears every cached result of `{name_str}` in the current scope (`{name_str}.clear()` in Streamlit, CA-14)."
    );
    let clear_args_doc = format!(
        "Clears the cached result of `{name_str}` for these arguments (`{name_str}.clear(args)` in Streamlit, CA-14)."
    );
    let mut args_inputs: syn::punctuated::Punctuated<FnArg, syn::Token![,]> =
        syn::punctuated::Punctuated::new();
    for input in &func.sig.inputs {
        match input {
            FnArg::Typed(pt) if is_st(&pt.ty) => {}
            FnArg::Typed(pt) => {
                let mut pt = pt.clone();
                if let Pat::Ident(pi) = &mut *pt.pat {
                    pi.mutability = None;
                }
                pt.attrs.clear();
                args_inputs.push(FnArg::Typed(pt));
            }
            FnArg::Receiver(r) => {
                let mut r = r.clone();
                r.mutability = None;
                args_inputs.push(FnArg::Receiver(r));
            }
        }
    }
    let generics = &func.sig.generics;
    let where_clause = &generics.where_clause;
    let companions = quote! {
        #[doc = #clear_doc]
        #[allow(dead_code)]
        #vis fn #clear_name() {
            ::brook::__private::clear_fn(#identity, #persist);
        }
        #[doc = #clear_args_doc]
        #[allow(dead_code, unused_variables, clippy::needless_pass_by_value, clippy::trivially_copy_pass_by_ref)]
        #vis fn #clear_args_name #generics (#args_inputs) #where_clause {
            #probe_items
            #dyn_table_item
            let __brook_key: ::brook::__private::Key = #key_block;
            ::brook::__private::clear_key(#identity, __brook_key, #persist);
        }
    };
    Ok(quote! {
        #func
        #companions
    })
}
