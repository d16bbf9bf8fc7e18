//! Every input widget of issue 14 on one page: choices, dates and times, a
//! colour, text options, files (open dialog or drop them onto the window),
//! downloads, images, a logo and a link. Keyed values survive a restart.
//!
//! `cargo run --example inputs`

use brook::egui::{Color32, ColorImage};
use brook::jiff::civil::{date, time};
use brook::prelude::*;
use brook::tree::FeedbackStyle;

/// A 32×32 teal disc: the logo and the window icon.
fn logo() -> ColorImage {
    let mut image = ColorImage::filled([32, 32], Color32::TRANSPARENT);
    for y in 0..32 {
        for x in 0..32 {
            let (dx, dy) = (x as f32 - 15.5, y as f32 - 15.5);
            if dx * dx + dy * dy <= 15.0 * 15.0 {
                image[(x, y)] = Color32::from_rgb(0, 128, 128);
            }
        }
    }
    image
}

/// A horizontal gradient of `colour`, as raw RGB bytes.
fn gradient(hex: &str, width: usize, height: usize) -> Vec<u8> {
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    let (r, g, b) = (channel(1), channel(3), channel(5));
    let mut out = Vec::with_capacity(width * height * 3);
    for _ in 0..height {
        for x in 0..width {
            let t = x as f32 / width as f32;
            let scale = |c: u8| (f32::from(c) * t + 255.0 * (1.0 - t)) as u8;
            out.extend([scale(r), scale(g), scale(b)]);
        }
    }
    out
}

fn choices(st: &mut St) {
    st.header("Choices");
    let toppings = st.add(
        Multiselect::new("Toppings", ["cheese", "olives", "basil", "chili"])
            .default(["cheese"])
            .max_selections(3)
            .help("Up to three")
            .key("toppings"),
    );
    let size = st.add(
        SelectSlider::new("Size", ["S", "M", "L", "XL"])
            .value("M")
            .key("size"),
    );
    let (open, close) = st.add(
        SelectSlider::new("Opening hours", 6..=23)
            .value_range(9, 17)
            .key("hours"),
    );
    let mood = st.add(Pills::new("Mood", ["calm", "busy", "away"]).key("mood"));
    let tags = st.add(
        Pills::new("Tags", ["rust", "egui", "streamlit"])
            .multi()
            .default(["rust"])
            .key("tags"),
    );
    let view = st.add(
        SegmentedControl::new("View", ["Map", "Table", "Chart"])
            .default("Table")
            .key("view"),
    );
    st.caption("How was it?");
    let rating = st.add(Feedback::new(FeedbackStyle::Stars).key("rating"));
    let thumbs = st.add(Feedback::thumbs().key("thumbs"));
    st.info(format!(
        "toppings {toppings:?} · size {size} · open {open}–{close} h · mood {mood:?} · tags {tags:?} · \
         view {view:?} · stars {:?} · thumbs {}",
        rating.map(|i| i + 1),
        match thumbs {
            Some(1) => "up",
            Some(_) => "down",
            None => "-",
        }
    ));
}

fn dates(st: &mut St) {
    st.header("Dates, times, colours");
    let cols = st.columns(2);
    let day = st.with(cols[0], |st| {
        st.add(
            DateInput::new("Start date")
                .value(date(2024, 3, 1))
                .min_value(date(2024, 1, 1))
                .max_value(date(2025, 12, 31))
                .format("DD.MM.YYYY")
                .key("start"),
        )
    });
    let (from, to) = st.with(cols[1], |st| {
        st.add(
            DateInput::new("Trip")
                .value_range(date(2024, 7, 1), date(2024, 7, 14))
                .key("trip"),
        )
    });
    let alarm = st.add(
        TimeInput::new("Alarm")
            .value(time(7, 30, 0, 0))
            .step(std::time::Duration::from_secs(30 * 60))
            .key("alarm"),
    );
    let meeting = st.add(
        DateTimeInput::new("Meeting")
            .value(date(2024, 5, 2).at(14, 0, 0, 0))
            .key("meeting"),
    );
    // Streamlit's `value=None`: the page gets an `Option` until the user picks.
    let cols = st.columns(3);
    let due = st.with(cols[0], |st| {
        st.add(DateInput::new("Due date (optional)").optional().key("due"))
    });
    let reminder = st.with(cols[1], |st| {
        st.add(
            TimeInput::new("Reminder (optional)")
                .optional()
                .key("reminder"),
        )
    });
    let stay = st.with(cols[2], |st| {
        st.add(
            DateInput::new("Stay (optional range)")
                .optional()
                .range()
                .key("stay"),
        )
    });
    st.caption(format!(
        "due {} · reminder {} · stay {}",
        due.map_or("not set".to_owned(), |d| d.to_string()),
        reminder.map_or("not set".to_owned(), |t| t.strftime("%H:%M").to_string()),
        match stay {
            (Some(a), Some(b)) => format!("{a} → {b}"),
            (Some(a), None) | (None, Some(a)) => format!("{a} → pick the other end"),
            (None, None) => "not set".to_owned(),
        }
    ));
    let colour = st.add(
        ColorPicker::new("Accent colour")
            .value("#1f77b4")
            .key("colour"),
    );
    st.info(format!(
        "start {day} · trip {from} → {to} ({} days) · alarm {} · meeting {meeting} · colour {colour}",
        (to - from).get_days() + 1,
        alarm.strftime("%H:%M")
    ));
    st.add(
        Image::from_rgb(240, 24, &gradient(&colour, 240, 24))
            .caption(format!("a gradient to {colour}")),
    );
}

fn text(st: &mut St) {
    st.header("Text");
    let cols = st.columns(2);
    let user = st.with(cols[0], |st| {
        st.add(
            TextInput::new("User")
                .placeholder("name")
                .width(Width::Points(220.0))
                .key("user"),
        )
    });
    let password = st.with(cols[1], |st| {
        st.add(
            TextInput::new("Password")
                .password()
                .help("The eye shows it"),
        )
    });
    let notes = st.add(
        TextArea::new("Notes")
            .height(120.0)
            .max_chars(280)
            .key("notes"),
    );
    let search = st.add(
        TextInput::new("Search")
            .placeholder("Search (label collapsed)")
            .label_visibility(LabelVisibility::Collapsed),
    );
    let locked = st.add(TextInput::new("Locked").value("cannot edit").disabled(true));
    st.caption(format!(
        "user {user:?} · password {} characters · notes {}/280 · search {search:?} · {locked}",
        password.chars().count(),
        notes.chars().count()
    ));
}

fn files(st: &mut St) {
    st.header("Files");
    let data = st.add(
        FileUploader::new("Data files")
            .multiple()
            .types(["csv", "txt", "json"])
            .max_size_mb(5)
            .help("Browse, or drop files onto the window"),
    );
    for file in &data {
        let lines = file.text().map_or(0, |t| t.lines().count());
        st.write(format!(
            "**{}** · {} · {} bytes · {lines} line{}",
            file.name(),
            file.mime(),
            file.size(),
            if lines == 1 { "" } else { "s" }
        ));
    }
    let picture = st.add(FileUploader::new("A picture").types(["png", "jpg", "jpeg", "svg"]));
    if let Some(picture) = picture {
        st.add(
            Image::new(picture.shared_bytes().clone())
                .caption(picture.name())
                .width(200.0),
        );
    }
    let report = data
        .iter()
        .map(|f| format!("{},{}\n", f.name(), f.size()))
        .collect::<String>();
    st.add(
        DownloadButton::new("Download the file list", format!("name,bytes\n{report}"))
            .file_name("files.csv")
            .help("Opens the save dialog; the page does not rerun"),
    );
    st.add(
        DownloadButton::lazy("Download a big report", || {
            (0..100_000)
                .map(|i| format!("row {i}\n"))
                .collect::<String>()
                .into_bytes()
        })
        .file_name("report.txt"),
    );
}

fn media(st: &mut St) {
    st.header("Images and links");
    let teal = logo();
    st.add(
        Image::row([
            teal.clone(),
            ColorImage::filled([32, 32], Color32::from_rgb(230, 120, 30)),
            ColorImage::filled([32, 32], Color32::from_rgb(90, 60, 200)),
        ])
        .captions(["teal", "orange", "violet"])
        .width(64.0),
    );
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" rx="8" fill="#ff4b4b"/><circle cx="20" cy="20" r="10" fill="white"/></svg>"##;
    st.add(Image::new(svg).caption("an SVG"));
    // A file path, for st.image and for a Markdown image.
    let icon = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/brook-slider-chart.png");
    st.add(
        Image::new(std::path::Path::new(icon))
            .caption("from a file")
            .width(96.0),
    );
    st.markdown(format!("A Markdown image: ![icon](file://{icon})"));
    st.link_button("Streamlit's docs", "https://docs.streamlit.io");
}

fn page(st: &mut St) {
    st.logo(logo());
    st.title("Inputs");
    choices(st);
    st.divider();
    dates(st);
    st.divider();
    text(st);
    st.divider();
    files(st);
    st.divider();
    media(st);
}

fn main() -> brook::Result<()> {
    brook::App::new("brook inputs").page("Inputs", page).run()
}
