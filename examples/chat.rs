//! A chat with a local, rule-based assistant (no network): messages in
//! session state (so the conversation survives a restart), the message box
//! pinned to the bottom, the reply streamed word by word (`write_stream`),
//! thumbs on the last reply.
//!
//! `cargo run --example chat`

use brook::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Message {
    role: String,
    text: String,
}

/// The "assistant": a few rules, then an echo.
fn reply(history: &[Message], text: &str) -> String {
    let lower = text.to_lowercase();
    let asked = history.iter().filter(|m| m.role == "user").count();
    if ["hello", "hi", "hey"].iter().any(|w| {
        lower
            .split_whitespace()
            .any(|x| x.trim_matches(|c: char| !c.is_alphanumeric()) == *w)
    }) {
        "Hello! Ask me to **count** words, **reverse** a sentence, or tell you the **time**."
            .to_owned()
    } else if let Some(rest) = lower.strip_prefix("reverse ") {
        format!("`{}`", rest.chars().rev().collect::<String>())
    } else if lower.starts_with("count") {
        let words = text.split_whitespace().count().saturating_sub(1);
        format!(
            "That is {words} word{} after *count*.",
            if words == 1 { "" } else { "s" }
        )
    } else if lower.contains("time") {
        format!(
            "It is {} here.",
            brook::jiff::Zoned::now().strftime("%H:%M")
        )
    } else if lower.contains("how many") {
        format!(
            "You have sent {asked} message{} so far.",
            if asked == 1 { "" } else { "s" }
        )
    } else {
        format!("You said: *{text}*")
    }
}

fn chat(st: &mut St) -> brook::Result<()> {
    st.title("Chat");
    st.state().init("messages", Vec::<Message>::new);
    st.sidebar(|st| {
        st.write("A local assistant: try *hello*, *reverse brook*, *count these words*, *what time is it*.");
        if st.button("Clear the conversation") {
            st.state().set("messages", Vec::<Message>::new());
        }
    });

    // A new message: both it and the reply go into the history first, so an
    // interruption while the reply streams loses nothing.
    let prompt = st.chat_input("Ask the assistant");
    if let Some(text) = &prompt {
        st.state().update("messages", |m: &mut Vec<Message>| {
            let answer = reply(m, text);
            m.push(Message {
                role: "user".into(),
                text: text.clone(),
            });
            m.push(Message {
                role: "assistant".into(),
                text: answer,
            });
        })?;
    }

    let messages: Vec<Message> = st.state().get("messages")?;
    if messages.is_empty() {
        st.chat_message("assistant", |st| st.write("Hi! What shall we talk about?"));
    }
    for (i, message) in messages.iter().enumerate() {
        let fresh = prompt.is_some() && i + 1 == messages.len();
        st.chat_message(message.role.clone(), |st| {
            if fresh {
                // The reply to this run's message streams in, word by word.
                let words: Vec<String> = message
                    .text
                    .split_inclusive(' ')
                    .map(str::to_owned)
                    .collect();
                st.write_stream(words.into_iter().inspect(|_| {
                    std::thread::sleep(std::time::Duration::from_millis(60));
                }));
            } else {
                st.markdown(message.text.clone());
            }
        });
    }
    if messages.last().is_some_and(|m| m.role == "assistant") {
        let key = format!("feedback-{}", messages.len());
        if let Some(thumb) = st.add(Feedback::thumbs().key(key)) {
            st.caption(if thumb == 1 {
                "Glad it helped."
            } else {
                "Sorry about that."
            });
        }
    }
    Ok(())
}

fn main() -> brook::Result<()> {
    brook::App::new("brook chat").page("Chat", chat).run()
}
