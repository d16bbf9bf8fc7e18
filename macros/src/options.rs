//! The attribute's options: `ttl`, `max_entries`, `persist`, `show_spinner`,
//! `scope`, `hash_funcs`, `validate`, `on_release` (CA-1).

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Lit, LitStr, Token, Type, braced};

use crate::ttl::parse_ttl_nanos;

/// Which attribute is being expanded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Data,
    Resource,
}

impl Kind {
    pub fn attr(self) -> &'static str {
        match self {
            Kind::Data => "cache_data",
            Kind::Resource => "cache_resource",
        }
    }

    fn valid(self) -> &'static str {
        match self {
            Kind::Data => "ttl, max_entries, persist, show_spinner, scope, hash_funcs",
            Kind::Resource => {
                "ttl, max_entries, show_spinner, scope, hash_funcs, validate, on_release"
            }
        }
    }
}

pub enum Ttl {
    /// A literal, checked and converted at compile time.
    Nanos(u64),
    /// A `Duration` expression.
    Expr(Expr),
}

pub enum Spinner {
    Default,
    Off,
    Text(LitStr),
}

pub struct Options {
    pub ttl: Option<(Ttl, Span)>,
    pub max_entries: Option<Expr>,
    pub persist: Option<Span>,
    pub spinner: Spinner,
    pub session_scope: Option<Span>,
    pub hash_funcs: Vec<(Type, Expr)>,
    pub validate: Option<Expr>,
    pub on_release: Option<Expr>,
}

/// One `name = value` pair, parsed later according to `name`.
struct RawOpt {
    name: Ident,
    value: RawValue,
}

enum RawValue {
    Expr(Expr),
    Map(Vec<(Type, Expr)>),
}

struct MapEntry {
    ty: Type,
    func: Expr,
}

impl Parse for MapEntry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let ty: Type = input.parse()?;
        let _: Token![:] = input.parse()?;
        let func: Expr = input.parse()?;
        Ok(Self { ty, func })
    }
}

impl Parse for RawOpt {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name: Ident = input.parse()?;
        let _: Token![=] = input.parse()?;
        let value = if input.peek(syn::token::Brace) && name == "hash_funcs" {
            let content;
            braced!(content in input);
            let entries = Punctuated::<MapEntry, Token![,]>::parse_terminated(&content)?;
            RawValue::Map(entries.into_iter().map(|e| (e.ty, e.func)).collect())
        } else {
            RawValue::Expr(input.parse()?)
        };
        Ok(Self { name, value })
    }
}

struct RawOpts(Punctuated<RawOpt, Token![,]>);

impl Parse for RawOpts {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        Ok(Self(Punctuated::parse_terminated(input)?))
    }
}

fn lit_of(e: &Expr) -> Option<&Lit> {
    match e {
        Expr::Lit(l) => Some(&l.lit),
        _ => None,
    }
}

fn is_none(e: &Expr) -> bool {
    matches!(e, Expr::Path(p) if p.path.is_ident("None"))
}

impl Options {
    pub fn parse(kind: Kind, attr: proc_macro2::TokenStream) -> syn::Result<Self> {
        let raw: RawOpts = syn::parse2(attr)?;
        let mut o = Options {
            ttl: None,
            max_entries: None,
            persist: None,
            spinner: Spinner::Default,
            session_scope: None,
            hash_funcs: Vec::new(),
            validate: None,
            on_release: None,
        };
        let mut seen: Vec<String> = Vec::new();
        for opt in raw.0 {
            let name = opt.name.to_string();
            let span = opt.name.span();
            if seen.contains(&name) {
                return Err(syn::Error::new(
                    span,
                    format!("option `{name}` is given twice"),
                ));
            }
            seen.push(name.clone());
            let expr = match opt.value {
                RawValue::Map(entries) => {
                    o.hash_funcs = entries;
                    continue;
                }
                RawValue::Expr(e) => e,
            };
            match name.as_str() {
                "ttl" => {
                    if is_none(&expr) {
                        continue;
                    }
                    let ttl = match lit_of(&expr) {
                        Some(Lit::Str(s)) => {
                            Ttl::Nanos(parse_ttl_nanos(&s.value()).ok_or_else(|| {
                                syn::Error::new(
                                    s.span(),
                                    format!(
                                        "Time string doesn't look right. It should be formatted as \
                                     `'1d2h34m'` or `2 days`, for example. Got: {}",
                                        s.value()
                                    ),
                                )
                            })?)
                        }
                        Some(Lit::Int(i)) => {
                            let secs: u64 = i.base10_parse()?;
                            Ttl::Nanos(secs.saturating_mul(1_000_000_000))
                        }
                        Some(Lit::Float(f)) => {
                            let secs: f64 = f.base10_parse()?;
                            if !(secs >= 0.0 && secs.is_finite()) {
                                return Err(syn::Error::new(
                                    f.span(),
                                    "`ttl` must be a positive number of seconds",
                                ));
                            }
                            Ttl::Nanos((secs * 1e9) as u64)
                        }
                        _ => Ttl::Expr(expr),
                    };
                    o.ttl = Some((ttl, span));
                }
                "max_entries" => {
                    if !is_none(&expr) {
                        o.max_entries = Some(expr);
                    }
                }
                "persist" if kind == Kind::Data => {
                    let on = match lit_of(&expr) {
                        Some(Lit::Str(s)) if s.value() == "disk" => true,
                        Some(Lit::Bool(b)) => b.value,
                        _ if is_none(&expr) => false,
                        _ => {
                            return Err(syn::Error::new_spanned(
                                &expr,
                                "Invalid `persist` value. Supported values: \"disk\", true, false, None.",
                            ));
                        }
                    };
                    o.persist = on.then_some(span);
                }
                "show_spinner" => {
                    o.spinner = match lit_of(&expr) {
                        Some(Lit::Bool(b)) if b.value => Spinner::Default,
                        Some(Lit::Bool(_)) => Spinner::Off,
                        Some(Lit::Str(s)) => Spinner::Text(s.clone()),
                        _ => {
                            return Err(syn::Error::new_spanned(
                                &expr,
                                "Invalid `show_spinner` value. Supported values: true, false, or a text such as \"Loading data...\".",
                            ));
                        }
                    };
                }
                "scope" => match lit_of(&expr) {
                    Some(Lit::Str(s)) if s.value() == "global" => {}
                    Some(Lit::Str(s)) if s.value() == "session" => o.session_scope = Some(span),
                    _ => {
                        return Err(syn::Error::new_spanned(
                            &expr,
                            "Invalid `scope` value. Supported values: \"global\", \"session\".",
                        ));
                    }
                },
                "hash_funcs" => {
                    return Err(syn::Error::new_spanned(
                        &expr,
                        "`hash_funcs` maps types to hash functions, in braces: \
                         `hash_funcs = { MyType: |v: &MyType| v.id, Other: other_hash }`",
                    ));
                }
                "validate" if kind == Kind::Resource => o.validate = Some(expr),
                "on_release" if kind == Kind::Resource => o.on_release = Some(expr),
                other => {
                    let why = match (other, kind) {
                        ("validate" | "on_release", Kind::Data) => format!(
                            "`{other}` is an option of `#[cache_resource]`, not `#[cache_data]`. "
                        ),
                        ("persist", Kind::Resource) => {
                            "`persist` is an option of `#[cache_data]`: resources live in memory only. ".to_owned()
                        }
                        ("max_size" | "show_time" | "refresh_mode" | "experimental_allow_widgets", _) => {
                            format!("brook does not support Streamlit's `{other}` option. ")
                        }
                        _ => format!("unknown option `{other}` for `#[{}]`. ", kind.attr()),
                    };
                    return Err(syn::Error::new(
                        span,
                        format!("{why}Valid options: {}.", kind.valid()),
                    ));
                }
            }
        }
        if let (Some(p), Some(_)) = (o.persist, &o.ttl) {
            return Err(syn::Error::new(
                p,
                "`ttl` cannot be combined with `persist = \"disk\"`: persistent cached functions \
                 don't support TTL. Remove one of the two options.",
            ));
        }
        if let (Some(p), Some(_)) = (o.persist, o.session_scope) {
            return Err(syn::Error::new(
                p,
                "`persist = \"disk\"` needs `scope = \"global\"`: session-scoped entries end with \
                 their session, so there is nothing to reuse after a restart.",
            ));
        }
        Ok(o)
    }
}
