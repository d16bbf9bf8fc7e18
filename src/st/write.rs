//! Writing several values at once and streaming text: `st.write((a, b))`
//! and `st.write_stream(iter)`.

use super::{St, Writable};
use crate::tree::Element;

/// The inline Markdown of one part of a tuple written with `st.write`.
fn inline(element: &Element) -> Option<&str> {
    match element {
        Element::Markdown { body } => Some(body),
        _ => None,
    }
}

/// Groups consecutive Markdown parts into one line, as Streamlit's
/// `st.write(*args)` joins consecutive strings.
fn group(parts: Vec<Element>) -> Vec<Element> {
    let mut out: Vec<Element> = Vec::new();
    for part in parts {
        if let (Some(Element::Markdown { body }), Some(next)) = (out.last_mut(), inline(&part)) {
            body.push(' ');
            body.push_str(next);
            continue;
        }
        out.push(part);
    }
    out
}

macro_rules! writable_tuple {
    ($($name:ident),+) => {
        impl<$($name: Writable),+> Writable for ($($name,)+) {
            /// One Markdown line when every part is text or a number.
            fn to_element(&self) -> Element {
                let mut all = self.to_elements();
                if all.len() == 1 {
                    all.remove(0)
                } else {
                    Element::Markdown {
                        body: all
                            .iter()
                            .map(|e| inline(e).map_or_else(|| format!("`{}`", e.kind_name()), str::to_owned))
                            .collect::<Vec<_>>()
                            .join(" "),
                    }
                }
            }

            fn to_elements(&self) -> Vec<Element> {
                #[allow(non_snake_case)]
                let ($($name,)+) = self;
                let mut parts = Vec::new();
                $(parts.extend($name.to_elements());)+
                group(parts)
            }
        }
    };
}

writable_tuple!(A);
writable_tuple!(A, B);
writable_tuple!(A, B, C);
writable_tuple!(A, B, C, D);
writable_tuple!(A, B, C, D, E);
writable_tuple!(A, B, C, D, E, F);
writable_tuple!(A, B, C, D, E, F, G);
writable_tuple!(A, B, C, D, E, F, G, H);

/// One item of [`St::write_stream`]: text to append to the paragraph being
/// streamed, or any [`Writable`] value drawn as its own element.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // a stream's items are short-lived: boxing would cost an allocation per element
pub enum Chunk {
    /// Appended to the streamed text.
    Text(String),
    /// Drawn below the text so far; the next text starts a new paragraph.
    Element(Element),
}

impl Chunk {
    /// A chunk that shows `value` as `st.write` would.
    pub fn write(value: &impl Writable) -> Self {
        Self::Element(value.to_element())
    }
}

impl From<&str> for Chunk {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

impl From<String> for Chunk {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<char> for Chunk {
    fn from(c: char) -> Self {
        Self::Text(c.to_string())
    }
}

impl St<'_> {
    /// Writes the items of `stream` as they come (`st.write_stream`): text
    /// grows in one paragraph, redrawn in place after each item, so a slow
    /// source (a model generating tokens, a download) shows progressively;
    /// other values ([`Chunk::write`]) are drawn as their own elements.
    /// Returns the full text.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// fn page(st: &mut St) {
    ///     let words = "Streamed one word at a time".split(' ').map(|w| format!("{w} "));
    ///     let text = st.write_stream(words);
    ///     st.caption(format!("{} characters", text.len()));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.record_live().run();
    /// assert_eq!(at.markdown(), ["Streamed one word at a time "]);
    /// assert!(at.live_trees().len() >= 6, "each word was shown as it came");
    /// ```
    pub fn write_stream<I>(&mut self, stream: I) -> String
    where
        I: IntoIterator,
        I::Item: Into<Chunk>,
    {
        let mut full = String::new();
        let mut paragraph = String::new();
        let mut slot = None;
        for item in stream {
            match item.into() {
                Chunk::Text(text) => {
                    full.push_str(&text);
                    paragraph.push_str(&text);
                    let s = *slot.get_or_insert_with(|| self.empty());
                    let body = paragraph.clone();
                    self.with(s, |st| st.push(Element::Markdown { body }));
                }
                Chunk::Element(element) => {
                    self.push(element);
                    paragraph.clear();
                    slot = None;
                }
            }
        }
        full
    }
}
