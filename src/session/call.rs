//! Calling a page or a callback: the run context installed, panics caught
//! and turned into exception elements (EX-10), control flow (`st.rerun()`,
//! `st.stop()`, interruption) turned into an [`Outcome`].

use std::any::Any;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::run::{self, Callback, Run};
use super::{RerunScope, Unwind, backtrace};
use crate::config::ShowErrorDetails;
use crate::error::Error;
use crate::runtime;
use crate::st::St;
use crate::tree::{Element, ExceptionInfo};

pub(super) enum Outcome {
    Ok,
    Stop,
    Exception,
    Rerun(RerunScope),
    Interrupt,
}

/// What the panic hook saw of a user panic on this thread.
struct PanicNote {
    message: String,
    location: Option<String>,
    backtrace: String,
}

thread_local! {
    static IN_PAGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static LAST_PANIC: RefCell<Option<PanicNote>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that records panics raised in pages instead
/// of printing them; other panics go to the previous hook.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_PAGE.with(std::cell::Cell::get) {
                let message = payload_message(info.payload());
                let location = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                let backtrace = std::backtrace::Backtrace::capture().to_string();
                LAST_PANIC.with(|p| {
                    *p.borrow_mut() = Some(PanicNote {
                        message,
                        location,
                        backtrace,
                    });
                });
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_message(payload: &dyn Any) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a page panicked with a non-string payload".to_owned()
    }
}

/// Runs a page or callback with the run context installed, turning every way
/// out of it into an [`Outcome`].
pub(super) fn call(run: &mut Run, f: &Callback, details: ShowErrorDetails) -> Outcome {
    install_panic_hook();
    let _guard = runtime::enter(run.ctx.clone());
    let was_in_page = IN_PAGE.with(|p| p.replace(true));
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut st = St::new(run);
        f(&mut st)
    }));
    IN_PAGE.with(|p| p.set(was_in_page));
    match result {
        Ok(Ok(())) => {
            run.builder.cursor = run::MAIN;
            Outcome::Ok
        }
        Ok(Err(e)) => {
            push_exception(run, &e, None, details);
            Outcome::Exception
        }
        Err(payload) => match payload.downcast::<Unwind>() {
            Ok(unwind) => match *unwind {
                Unwind::Interrupt => Outcome::Interrupt,
                Unwind::Stop => Outcome::Stop,
                Unwind::Rerun(scope) => Outcome::Rerun(scope),
                Unwind::Raise(e, at) => {
                    let location = format!("{}:{}:{}", at.file(), at.line(), at.column());
                    push_exception_at(run, &e, Some(location), None, details);
                    Outcome::Exception
                }
            },
            Err(payload) => {
                let note = LAST_PANIC.with(|p| p.borrow_mut().take());
                let (message, location, backtrace) = match note {
                    Some(n) => (n.message, n.location, Some(n.backtrace)),
                    None => (payload_message(payload.as_ref()), None, None),
                };
                let err = Error::Panic {
                    message,
                    location: location.clone(),
                };
                // The user's frames, not std's and brook's (issue 9).
                let backtrace = backtrace
                    .filter(|b| !b.contains("disabled"))
                    .map(|b| backtrace::user_frames_first(&b));
                push_exception(run, &err, backtrace, details);
                Outcome::Exception
            }
        },
    }
}

pub(super) fn push_exception(
    run: &mut Run,
    err: &Error,
    backtrace: Option<String>,
    details: ShowErrorDetails,
) {
    let location = match err {
        Error::Panic { location, .. } => location.clone(),
        _ => None,
    };
    push_exception_at(run, err, location, backtrace, details);
}

fn push_exception_at(
    run: &mut Run,
    err: &Error,
    location: Option<String>,
    backtrace: Option<String>,
    details: ShowErrorDetails,
) {
    let mut info = exception_info(err.type_name(), err.to_string(), location, backtrace);
    match details {
        ShowErrorDetails::Full => {}
        ShowErrorDetails::Stacktrace => {
            info.message = "This app has encountered an error.".to_owned();
        }
        ShowErrorDetails::Type => {
            info.message = "This app has encountered an error.".to_owned();
            info.location = None;
            info.detail = None;
        }
        ShowErrorDetails::None => {
            info.type_name = "Error".to_owned();
            info.message = "This app has encountered an error.".to_owned();
            info.location = None;
            info.detail = None;
        }
    }
    // The cursor is where the failure happened (EX-10).
    if run.builder.cursor >= run.builder.blocks.len() {
        run.builder.cursor = run::MAIN;
    }
    run.frag.place_exception(&mut run.builder);
    run.builder.push(Element::Exception(info));
}

pub(crate) fn exception_info(
    type_name: &str,
    message: String,
    location: Option<String>,
    detail: Option<String>,
) -> ExceptionInfo {
    ExceptionInfo {
        type_name: type_name.to_owned(),
        message,
        location,
        detail,
    }
}
