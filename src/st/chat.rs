//! Chat messages: `st.chat_message(role, |st| ...)`. The message box that
//! goes with them is the [`ChatInput`](super::ChatInput) widget.

use super::St;
use crate::error::Error;
use crate::session::raise;
use crate::session::run::BlockKind;
use crate::tree::{Avatar, ImageSource};

/// A chat message with an avatar, drawn into with a closure
/// (`with st.chat_message(...)`). The role `"user"` (or `"human"`) gets the
/// user icon, `"assistant"` (or `"ai"`) the assistant icon, any other name
/// its first letter; [`avatar`](Self::avatar) sets an emoji instead, and
/// [`avatar_image`](Self::avatar_image) an image.
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     st.chat_message("user", |st| st.write("Hello"));
///     ChatMessage::new("assistant").avatar("🦀").show(st, |st| st.write("Hi! How can I help?"));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.get("chat_message").len(), 2);
/// assert_eq!(at.markdown(), ["Hello", "Hi! How can I help?"]);
/// ```
#[must_use = "draw the message with `.show(st, |st| ...)`"]
#[derive(Debug, Clone)]
pub struct ChatMessage {
    role: String,
    avatar: Option<Avatar>,
}

impl ChatMessage {
    /// A message by `role`: `"user"`, `"assistant"`, or any name.
    pub fn new(role: impl Into<String>) -> Self {
        Self {
            role: role.into(),
            avatar: None,
        }
    }

    /// An emoji (or a short text) as the avatar.
    #[inline]
    pub fn avatar(mut self, emoji: impl Into<String>) -> Self {
        self.avatar = Some(Avatar::Emoji(emoji.into()));
        self
    }

    /// An image as the avatar.
    #[inline]
    pub fn avatar_image(mut self, image: impl Into<ImageSource>) -> Self {
        self.avatar = Some(Avatar::Image(image.into()));
        self
    }

    /// Draws the message: `f` writes its content.
    #[track_caller]
    pub fn show<R>(self, st: &mut St<'_>, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        if self.role.trim().is_empty() {
            raise(Error::invalid(
                "chat_message",
                "The author name is required for a chat message, please set it via the parameter `name` \
                 (the role: `st.chat_message(\"user\", ..)`).",
            ));
        }
        let avatar = self.avatar.unwrap_or_else(|| default_avatar(&self.role));
        let c = st.open(BlockKind::ChatMessage {
            role: self.role,
            avatar,
        });
        st.enter(c.block, f)
    }
}

/// The avatar Streamlit picks for a role.
fn default_avatar(role: &str) -> Avatar {
    match role.to_lowercase().as_str() {
        "user" | "human" => Avatar::User,
        "assistant" | "ai" => Avatar::Assistant,
        _ => Avatar::Initial(
            role.trim()
                .chars()
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default(),
        ),
    }
}

impl St<'_> {
    /// A chat message by `role` (`"user"`, `"assistant"` or a name), drawn
    /// into by `f` (`with st.chat_message(role):`). See [`ChatMessage`] for
    /// avatars.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.chat_message("assistant", |st| st.write("How can I help?"));
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn chat_message<R>(
        &mut self,
        role: impl Into<String>,
        f: impl FnOnce(&mut St<'_>) -> R,
    ) -> R {
        ChatMessage::new(role).show(self, f)
    }
}
