//! A panic's backtrace as a user wants to read it: their own frames, not
//! ~25 frames of the standard library and brook (Streamlit likewise trims
//! its own frames from a traceback).

/// The crates whose frames are machinery, not the user's code.
const INTERNAL_CRATES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "brook",
    "brook_macros",
    "panic_unwind",
    "panic_abort",
    "backtrace",
    "backtrace_rs",
    "test",
    "__rustc",
];

/// Where brook calls a page or callback: frames past it are not the page's.
const ENTRY: &str = "brook::session::call";

/// `backtrace` (as `std::backtrace::Backtrace` prints it) with only the
/// frames of the user's code between the panic and brook's call of the
/// page, in their order, and a last line saying how many other frames
/// were left out. When no frame is the
/// user's (a panic inside brook itself), the backtrace is returned whole.
pub(crate) fn user_frames_first(backtrace: &str) -> String {
    let frames = frames(backtrace);
    // Frames outside brook's call of the page (the thread, or a test calling
    // `AppTest::run`) are not where the page failed.
    let page_end = frames
        .iter()
        .position(|f| f.symbol.starts_with(ENTRY))
        .unwrap_or(frames.len());
    let mut user = Vec::new();
    let mut hidden = 0;
    for (i, frame) in frames.iter().enumerate() {
        if i < page_end && !is_internal(frame.symbol) {
            user.push(frame);
        } else {
            hidden += 1;
        }
    }
    if user.is_empty() {
        return backtrace.to_owned();
    }
    let mut out = String::new();
    for frame in &user {
        for line in &frame.lines {
            out.push_str(line);
            out.push('\n');
        }
    }
    if hidden > 0 {
        out.push_str(&format!(
            "({hidden} frames of the Rust standard library and brook are not shown)"
        ));
    }
    out.trim_end().to_owned()
}

struct Frame<'a> {
    /// The function, as demangled: `my_app::page::{{closure}}`.
    symbol: &'a str,
    /// The frame's lines as printed (`  12: symbol`, `      at file:line:col`).
    lines: Vec<&'a str>,
}

/// Splits the printed backtrace into frames; lines before the first frame
/// (a header) are dropped.
fn frames(text: &str) -> Vec<Frame<'_>> {
    let mut frames: Vec<Frame<'_>> = Vec::new();
    for line in text.lines() {
        if let Some(symbol) = frame_symbol(line) {
            frames.push(Frame {
                symbol,
                lines: vec![line],
            });
        } else if let Some(frame) = frames.last_mut()
            && !line.trim().is_empty()
        {
            frame.lines.push(line);
        }
    }
    frames
}

/// The symbol of a line that starts a frame: `  12: sym` or, with
/// `RUST_BACKTRACE=full`, `  12:     0x55d5c0b1c2a3 - sym`.
fn frame_symbol(line: &str) -> Option<&str> {
    let (index, rest) = line.trim_start().split_once(": ")?;
    if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix("0x") {
        Some(addr) => addr.split_once(" - ").map_or(rest, |(_, sym)| sym),
        None => rest,
    };
    Some(rest.trim())
}

/// Whether a frame belongs to std, brook or the panic machinery: decided by
/// the crate of the first path in the symbol (`<alloc::boxed::Box<F> as
/// core::ops::Fn>::call` is alloc's; `<my_app::Widget as brook::Widget>::show`
/// is the user's). Symbols without a path (`__rust_try`, `_start`,
/// `<unknown>`) are machinery.
fn is_internal(symbol: &str) -> bool {
    let path = symbol.trim_start_matches(['<', '&', '*']);
    let path = path
        .strip_prefix("dyn ")
        .or_else(|| path.strip_prefix("mut "))
        .unwrap_or(path);
    match path.split_once("::") {
        Some((krate, _)) => {
            INTERNAL_CRATES.contains(&krate)
                || !krate.chars().all(|c| c.is_alphanumeric() || c == '_')
        }
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Backtrace::capture()` printed for a panic in a page of
    /// `examples/widgets.rs` (paths shortened).
    const CAPTURED: &str = "   0: brook::session::install_panic_hook::{{closure}}
             at ./src/session/mod.rs:470:33
   1: <alloc::boxed::Box<F,A> as core::ops::function::Fn<Args>>::call
             at /rustc/abc/library/alloc/src/boxed.rs:1985:9
   2: std::panicking::panic_with_hook
             at /rustc/abc/library/std/src/panicking.rs:841:13
   3: std::panicking::panic_handler::{{closure}}
             at /rustc/abc/library/std/src/panicking.rs:706:13
   4: std::sys::backtrace::__rust_end_short_backtrace
             at /rustc/abc/library/std/src/sys/backtrace.rs:174:18
   5: __rustc::rust_begin_unwind
             at /rustc/abc/library/std/src/panicking.rs:697:5
   6: core::panicking::panic_fmt
             at /rustc/abc/library/core/src/panicking.rs:75:14
   7: widgets::parse_count
             at ./examples/widgets.rs:31:9
   8: widgets::count_clicks
             at ./examples/widgets.rs:40:17
   9: <widgets::Counter as brook::st::Widget>::show
             at ./examples/widgets.rs:52:9
  10: brook::session::Page::new::{{closure}}
             at ./src/session/mod.rs:77:52
  11: <alloc::sync::Arc<F> as core::ops::function::Fn<A>>::call
  12: brook::session::call::{{closure}}
             at ./src/session/mod.rs:500:9
  13: std::panicking::catch_unwind::do_call
             at /rustc/abc/library/std/src/panicking.rs:589:40
  14: __rust_try
  15: std::thread::Builder::spawn_unchecked_::{{closure}}
  16: start_thread
             at ./nptl/pthread_create.c:447:8
  17: clone3
  18: <unknown>
  19: widgets::main
             at ./examples/widgets.rs:70:5";

    #[test]
    fn a_panics_details_show_the_users_frames_first() {
        // issue 9: Details showed ~25 unfiltered frames of std and brook.
        let shown = user_frames_first(CAPTURED);
        assert_eq!(
            shown,
            "   7: widgets::parse_count
             at ./examples/widgets.rs:31:9
   8: widgets::count_clicks
             at ./examples/widgets.rs:40:17
   9: <widgets::Counter as brook::st::Widget>::show
             at ./examples/widgets.rs:52:9
(17 frames of the Rust standard library and brook are not shown)"
        );
    }

    #[test]
    fn full_backtraces_are_trimmed_too_and_brooks_own_panics_keep_every_frame() {
        let full = "   0:     0x55d5c0b1c2a3 - std::backtrace::Backtrace::capture
   1:     0x55d5c0b1c2a4 - app::page
                               at ./src/main.rs:3:5
   2:     0x55d5c0b1c2a5 - brook::session::call";
        assert_eq!(
            user_frames_first(full),
            "   1:     0x55d5c0b1c2a4 - app::page
                               at ./src/main.rs:3:5
(2 frames of the Rust standard library and brook are not shown)"
        );
        let only_brook = "   0: brook::session::call\n   1: std::rt::lang_start";
        assert_eq!(user_frames_first(only_brook), only_brook);
    }
}
