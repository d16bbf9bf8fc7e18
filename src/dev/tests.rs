//! The supervisor's logic, driven step by step with a virtual clock: no
//! processes, no files, no sleeps.

use std::path::PathBuf;
use std::time::Duration;

use super::*;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn changed() -> Input {
    Input::Changed(PathBuf::from("examples/page.rs"))
}

fn error(line: u32) -> Diagnostic {
    Diagnostic {
        level: "error".into(),
        message: "mismatched types".into(),
        code: Some("E0308".into()),
        file: Some("examples/page.rs".into()),
        line: Some(line),
        column: Some(5),
        rendered: "error[E0308]: mismatched types".into(),
    }
}

/// The tests' timing: an 80 ms debounce, whatever the default.
fn timing() -> Timing {
    Timing {
        debounce: ms(80),
        ..Timing::default()
    }
}

/// A supervisor with child 1's window on screen and connected.
fn started() -> Supervisor {
    let mut sup = Supervisor::new(timing());
    let actions = sup.handle(ms(0), Input::Start);
    assert_eq!(
        actions,
        [Action::Spawn {
            child: 1,
            executable: None,
            handoff: false
        }]
    );
    sup.handle(ms(10), Input::Hello(1));
    sup
}

fn builds(actions: &[Action]) -> usize {
    actions.iter().filter(|a| **a == Action::Build).count()
}

fn status_sent(actions: &[Action], child: ChildId) -> Option<DevStatus> {
    actions.iter().rev().find_map(|a| match a {
        Action::Tell(c, ToChild::Status(s)) if *c == child => Some(s.clone()),
        _ => None,
    })
}

/// Runs a save → build at `t`, returning the build's start time.
fn save_and_build(sup: &mut Supervisor, t: u64) -> u64 {
    sup.handle(ms(t), changed());
    let due = t + 80;
    let actions = sup.handle(ms(due), Input::Tick);
    assert_eq!(builds(&actions), 1, "{actions:?}");
    due
}

#[test]
fn a_burst_of_saves_starts_one_build_after_the_debounce() {
    let mut sup = started();
    for t in [100, 110, 130, 150] {
        assert_eq!(builds(&sup.handle(ms(t), changed())), 0);
    }
    assert_eq!(sup.deadline(), Some(ms(230)));
    assert_eq!(builds(&sup.handle(ms(229), Input::Tick)), 0);
    let actions = sup.handle(ms(230), Input::Tick);
    assert_eq!(builds(&actions), 1);
    // The window is told a build runs.
    assert_eq!(
        status_sent(&actions, 1).and_then(|s| s.building_ms),
        Some(0)
    );
    assert!(sup.is_building());
}

#[test]
fn a_save_during_a_build_is_built_after_it_and_the_first_result_is_dropped() {
    let mut sup = started();
    save_and_build(&mut sup, 100);
    // One build at a time: a save now waits.
    assert_eq!(builds(&sup.handle(ms(300), changed())), 0);
    assert_eq!(builds(&sup.handle(ms(400), Input::Tick)), 0);
    assert_eq!(sup.deadline(), None, "no timer while the build runs");
    // The running build succeeds, but it may not have seen the save: no
    // restart, a new build at once (the debounce has passed).
    let actions = sup.handle(ms(900), Input::Built(BuildOutcome::built("app")));
    assert!(!actions.iter().any(|a| matches!(a, Action::Spawn { .. })));
    assert_eq!(builds(&actions), 1);
    // The indicator kept running from the first build's start (180 ms).
    let actions = sup.handle(ms(1500), Input::Built(BuildOutcome::built("app")));
    assert!(actions.contains(&Action::Spawn {
        child: 2,
        executable: Some("app".into()),
        handoff: true
    }));
    assert!(
        actions
            .iter()
            .any(|a| matches!(a, Action::Log(l) if l.contains("in 1.3 s")))
    );
}

#[test]
fn a_successful_build_hands_the_window_over_without_a_gap() {
    let mut sup = started();
    save_and_build(&mut sup, 100);
    sup.handle(ms(1000), Input::Built(BuildOutcome::built("app")));
    // The new build connects: only now the old window saves its state.
    assert_eq!(
        sup.handle(ms(1100), Input::Hello(2)),
        [Action::Tell(1, ToChild::Freeze)]
    );
    let window = WindowState {
        position: Some([10.0, 20.0]),
        size: Some([800.0, 600.0]),
        theme: Some("dark".into()),
        page: Some("Chart".into()),
        ..WindowState::default()
    };
    assert_eq!(
        sup.handle(ms(1110), Input::Frozen(1, window.clone())),
        [Action::Tell(2, ToChild::Go(window))]
    );
    assert_eq!(
        sup.current(),
        Some(1),
        "the old window stays until the new one shows"
    );
    let actions = sup.handle(ms(1400), Input::Shown(2));
    assert_eq!(actions[0], Action::Tell(1, ToChild::Exit));
    assert_eq!(sup.current(), Some(2));
    assert_eq!(status_sent(&actions, 2), Some(DevStatus::default()));
    // The old window's exit does not end dev mode.
    let actions = sup.handle(
        ms(1500),
        Input::Exited {
            child: 1,
            code: Some(0),
            output: String::new(),
        },
    );
    assert!(!actions.iter().any(|a| matches!(a, Action::Exit(_))));
}

#[test]
fn a_failed_build_shows_its_errors_and_the_next_success_clears_them() {
    let mut sup = started();
    save_and_build(&mut sup, 100);
    let actions = sup.handle(
        ms(900),
        Input::Built(BuildOutcome::failed(vec![error(12), error(14)])),
    );
    let status = status_sent(&actions, 1).expect("the window is told");
    assert_eq!(status.building_ms, None);
    assert_eq!(status.errors.len(), 2);
    assert_eq!(
        status.errors[0].location().as_deref(),
        Some("examples/page.rs:12:5")
    );
    assert!(
        !actions.iter().any(|a| matches!(a, Action::Spawn { .. })),
        "the old page stays"
    );
    // The fix: a success clears the errors as the new build starts.
    save_and_build(&mut sup, 2000);
    let actions = sup.handle(ms(2900), Input::Built(BuildOutcome::built("app")));
    assert_eq!(status_sent(&actions, 1), Some(DevStatus::default()));
    assert!(
        actions
            .iter()
            .any(|a| matches!(a, Action::Spawn { child: 2, .. }))
    );
}

#[test]
fn an_up_to_date_build_restarts_nothing() {
    let mut sup = started();
    save_and_build(&mut sup, 100);
    let outcome = BuildOutcome {
        fresh: true,
        ..BuildOutcome::built("app")
    };
    let actions = sup.handle(ms(400), Input::Built(outcome));
    assert!(!actions.iter().any(|a| matches!(a, Action::Spawn { .. })));
    assert_eq!(status_sent(&actions, 1), Some(DevStatus::default()));
}

#[test]
fn a_new_build_that_dies_before_showing_leaves_the_old_window_running() {
    let mut sup = started();
    save_and_build(&mut sup, 100);
    sup.handle(ms(1000), Input::Built(BuildOutcome::built("app")));
    sup.handle(ms(1100), Input::Hello(2));
    sup.handle(ms(1110), Input::Frozen(1, WindowState::default()));
    let actions = sup.handle(
        ms(1200),
        Input::Exited {
            child: 2,
            code: Some(101),
            output: "thread 'main' panicked at src/main.rs:3:5".into(),
        },
    );
    assert_eq!(actions[1], Action::Tell(1, ToChild::Resume), "{actions:?}");
    let problem = status_sent(&actions, 1)
        .and_then(|s| s.problem)
        .expect("reported");
    assert!(problem.contains("exited with code 101"), "{problem}");
    assert!(problem.contains("panicked at src/main.rs:3:5"), "{problem}");
    assert_eq!(sup.current(), Some(1));
}

#[test]
fn a_new_build_that_never_connects_is_stopped_and_reported() {
    let mut sup = started();
    save_and_build(&mut sup, 100);
    sup.handle(ms(1000), Input::Built(BuildOutcome::built("app")));
    let timing = timing();
    assert_eq!(sup.deadline(), Some(ms(1000) + timing.hello_timeout));
    let actions = sup.handle(ms(1000) + timing.hello_timeout, Input::Tick);
    assert_eq!(actions, [Action::Kill(2)]);
    let actions = sup.handle(
        ms(1000) + timing.hello_timeout + ms(5),
        Input::Exited {
            child: 2,
            code: None,
            output: String::new(),
        },
    );
    // Never frozen: nothing to resume.
    assert!(!actions.contains(&Action::Tell(1, ToChild::Resume)));
    let problem = status_sent(&actions, 1)
        .and_then(|s| s.problem)
        .expect("reported");
    assert!(problem.contains("did not answer in time"), "{problem}");
}

#[test]
fn an_old_window_that_cannot_save_in_time_is_replaced_anyway() {
    let mut sup = started();
    save_and_build(&mut sup, 100);
    sup.handle(ms(1000), Input::Built(BuildOutcome::built("app")));
    sup.handle(ms(1100), Input::Hello(2));
    let due = ms(1100) + timing().freeze_timeout;
    assert_eq!(sup.deadline(), Some(due));
    let actions = sup.handle(due, Input::Tick);
    assert!(actions.contains(&Action::Tell(2, ToChild::Go(WindowState::default()))));
    sup.handle(due + ms(300), Input::Shown(2));
    assert_eq!(sup.current(), Some(2));
}

#[test]
fn a_build_that_succeeds_during_a_hand_over_follows_it() {
    let mut sup = started();
    save_and_build(&mut sup, 100);
    sup.handle(ms(1000), Input::Built(BuildOutcome::built("app-v2")));
    sup.handle(ms(1050), Input::Hello(2));
    save_and_build(&mut sup, 1060);
    let actions = sup.handle(ms(1500), Input::Built(BuildOutcome::built("app-v3")));
    assert!(
        !actions.iter().any(|a| matches!(a, Action::Spawn { .. })),
        "one hand-over at a time"
    );
    sup.handle(ms(1510), Input::Frozen(1, WindowState::default()));
    let actions = sup.handle(ms(1600), Input::Shown(2));
    assert!(actions.contains(&Action::Tell(1, ToChild::Exit)));
    assert!(actions.contains(&Action::Spawn {
        child: 3,
        executable: Some("app-v3".into()),
        handoff: true
    }));
    assert_eq!(
        sup.handle(ms(1700), Input::Hello(3)),
        [Action::Tell(2, ToChild::Freeze)]
    );
}

#[test]
fn closing_the_window_ends_dev_mode_with_its_exit_code() {
    let mut sup = started();
    let actions = sup.handle(
        ms(500),
        Input::Exited {
            child: 1,
            code: Some(3),
            output: String::new(),
        },
    );
    assert_eq!(actions, [Action::Exit(3)]);
}

#[test]
fn closing_the_window_during_a_hand_over_stops_the_new_build_too() {
    let mut sup = started();
    save_and_build(&mut sup, 100);
    sup.handle(ms(1000), Input::Built(BuildOutcome::built("app")));
    let actions = sup.handle(
        ms(1010),
        Input::Exited {
            child: 1,
            code: Some(0),
            output: String::new(),
        },
    );
    assert_eq!(actions, [Action::Kill(2), Action::Exit(0)]);
}

#[test]
fn messages_from_unknown_or_stale_children_change_nothing() {
    let mut sup = started();
    assert!(sup.handle(ms(50), Input::Shown(7)).is_empty());
    assert!(
        sup.handle(ms(60), Input::Frozen(1, WindowState::default()))
            .is_empty()
    );
    assert!(
        sup.handle(
            ms(70),
            Input::Exited {
                child: 9,
                code: Some(0),
                output: String::new()
            }
        )
        .is_empty()
    );
    assert_eq!(sup.current(), Some(1));
}

/// Every interleaving of saves, build ends and ticks keeps the promises:
/// never two builds at once, and every save is followed by a build that
/// started after it.
#[test]
fn stress_random_saves_and_build_ends_never_overlap_builds_and_never_lose_a_save() {
    use rand::{RngExt as _, SeedableRng as _};
    for seed in 0..200_u64 {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let mut sup = started();
        let mut now = 100;
        let mut running = false;
        let mut last_save: Option<u64> = None;
        let mut last_build_start: Option<u64> = None;
        for _ in 0..60 {
            now += rng.random_range(1..150);
            let input = match rng.random_range(0..3) {
                0 => {
                    last_save = Some(now);
                    changed()
                }
                1 if running => Input::Built(if rng.random_bool(0.5) {
                    BuildOutcome::built("app")
                } else {
                    BuildOutcome::failed(vec![error(1)])
                }),
                _ => Input::Tick,
            };
            if matches!(input, Input::Built(_)) {
                running = false;
            }
            let actions = sup.handle(ms(now), input);
            let n = builds(&actions);
            assert!(
                n <= 1 && !(running && n == 1),
                "seed {seed}: overlapping builds"
            );
            if n == 1 {
                running = true;
                last_build_start = Some(now);
            }
        }
        // Let everything settle: finish builds and tick past the debounce.
        for _ in 0..4 {
            now += 1000;
            if running {
                running = false;
                let actions = sup.handle(ms(now), Input::Built(BuildOutcome::failed(vec![])));
                if builds(&actions) == 1 {
                    running = true;
                    last_build_start = Some(now);
                }
            }
            let actions = sup.handle(ms(now), Input::Tick);
            if builds(&actions) == 1 {
                running = true;
                last_build_start = Some(now);
            }
        }
        if let Some(save) = last_save {
            assert!(
                last_build_start.is_some_and(|b| b >= save),
                "seed {seed}: the save at {save} was never built"
            );
        }
    }
}

/// Regression: a save during a build that then produced a new binary, and
/// a rebuild that found nothing left to do, left the old page on screen.
#[test]
fn a_superseded_build_that_made_a_new_binary_is_still_shown() {
    let mut sup = started();
    save_and_build(&mut sup, 100);
    sup.handle(ms(300), changed());
    let actions = sup.handle(ms(900), Input::Built(BuildOutcome::built("app")));
    assert_eq!(builds(&actions), 1);
    let fresh = BuildOutcome {
        fresh: true,
        ..BuildOutcome::built("app")
    };
    let actions = sup.handle(ms(1200), Input::Built(fresh.clone()));
    assert!(
        actions
            .iter()
            .any(|a| matches!(a, Action::Spawn { child: 2, .. })),
        "{actions:?}"
    );
    // Once shown, an up-to-date build restarts nothing again.
    sup.handle(ms(1300), Input::Hello(2));
    sup.handle(ms(1310), Input::Frozen(1, WindowState::default()));
    sup.handle(ms(1400), Input::Shown(2));
    save_and_build(&mut sup, 2000);
    let actions = sup.handle(ms(2300), Input::Built(fresh));
    assert!(!actions.iter().any(|a| matches!(a, Action::Spawn { .. })));
}

#[test]
fn the_dev_flag_is_run_on_save_and_the_supervisors_variables_are_not_config() {
    use crate::config::{ConfigLoader, NON_CONFIG_ENV_VARS, Source};
    let loaded = ConfigLoader::new()
        .env(ENV_VARS.iter().map(|v| (*v, "1")))
        .env([("BROOK_DEV_CARGO_ARGS", "--features plots")])
        .args(["app", "--dev", "--screenshot", "x.png"])
        .load()
        .expect("--dev and the supervisor's variables load");
    assert!(loaded.config.runner.run_on_save);
    assert_eq!(
        loaded.source("runner.runOnSave"),
        Some(&Source::Flag {
            flag: "--dev".into()
        })
    );
    assert_eq!(loaded.config.dev.cargo_args, "--features plots");
    assert_eq!(loaded.other_args, ["app", "--screenshot", "x.png"]);
    for var in ENV_VARS {
        assert!(NON_CONFIG_ENV_VARS.contains(var), "{var}");
    }
    // Off unless asked for.
    assert!(!crate::Config::default().runner.run_on_save);
}
