//! The look of a brook page: Streamlit's design in egui terms.
//!
//! One accent colour (`theme.primary_color`, Streamlit's `primaryColor`)
//! marks what is chosen or active: a slider's filled track, the focused
//! input's outline, checked boxes and radios, toggles that are on, primary
//! buttons. Everything else is the background, a secondary background
//! (inputs, the sidebar, code), the text colour and a muted text colour for
//! captions and help. The light and dark palettes are Streamlit's; every
//! text colour reaches WCAG AA contrast (4.5:1) on what it is drawn on,
//! and a colour a user configures is adjusted only where text drawn on it
//! would not.
//!
//! The font is Source Sans 3 (Streamlit's), bundled as a Latin subset with
//! egui's own fonts behind it for other scripts and emoji; sizes follow
//! Streamlit's rem scale from `theme.base_font_size` (16 by default).
//!
//! ```
//! use brook::render::Theme;
//!
//! let ctx = brook::egui::Context::default();
//! let theme = Theme::from_config(&brook::config::ThemeConfig::default());
//! theme.apply(&ctx);
//! let light = ctx.style_of(brook::egui::Theme::Light);
//! assert_eq!(light.visuals.selection.stroke.color, theme.light.primary);
//! ```

use std::sync::Arc;

use egui::{
    Color32, CornerRadius, FontData, FontDefinitions, FontFamily, FontId, Margin, Shadow, Stroke,
    Style, TextStyle, Visuals, vec2,
};

use crate::config::{ThemeBase, ThemeConfig};

/// Streamlit 1.67's accent of the light theme, `#C53948`.
pub const STREAMLIT_RED: Color32 = Color32::from_rgb(0xC5, 0x39, 0x48);

/// The font family of semibold text (labels of headers, `**bold**`).
pub const SEMIBOLD: &str = "brook-semibold";

/// The font family of bold text (`st.title`).
pub const BOLD: &str = "brook-bold";

/// The colours of one base (light or dark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The accent.
    pub primary: Color32,
    /// The page's background.
    pub background: Color32,
    /// Inputs, the sidebar, code blocks.
    pub secondary_background: Color32,
    /// Body text.
    pub text: Color32,
    /// Borders of inputs, buttons and containers.
    pub border: Color32,
}

impl Palette {
    /// Streamlit 1.67's light palette: accent `#C53948`, white, `#F8F8F7`,
    /// text `#2F2D2B`, borders `#DCD8D4`.
    pub const LIGHT: Self = Self {
        primary: STREAMLIT_RED,
        background: Color32::WHITE,
        secondary_background: Color32::from_rgb(0xF8, 0xF8, 0xF7),
        text: Color32::from_rgb(0x2F, 0x2D, 0x2B),
        border: Color32::from_rgb(0xDC, 0xD8, 0xD4),
    };

    /// Streamlit 1.67's dark palette: accent `#CF4250`, `#171614`,
    /// `#2D2B27`, text `#EDEBE8`, borders `#4A4742`.
    pub const DARK: Self = Self {
        primary: Color32::from_rgb(0xCF, 0x42, 0x50),
        background: Color32::from_rgb(0x17, 0x16, 0x14),
        secondary_background: Color32::from_rgb(0x2D, 0x2B, 0x27),
        text: Color32::from_rgb(0xED, 0xEB, 0xE8),
        border: Color32::from_rgb(0x4A, 0x47, 0x42),
    };

    fn is_dark(&self) -> bool {
        luminance(self.background) < 0.2
    }
}

/// The colours and text size of both themes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Body text size in points (headings and captions scale with it).
    pub font_size: f32,
    /// Colours of the light theme.
    pub light: Palette,
    /// Colours of the dark theme.
    pub dark: Palette,
}

impl Default for Theme {
    /// Streamlit's look: red accent, 16-point text, its light and dark palettes.
    fn default() -> Self {
        Self {
            font_size: 16.0,
            light: Palette::LIGHT,
            dark: Palette::DARK,
        }
    }
}

impl Theme {
    /// The theme the `[theme]` options describe. The primary colour applies
    /// to both palettes; colours given for the background, the secondary
    /// background and the text apply to the palette of `theme.base` (both
    /// when it is `system`), and borders follow them.
    ///
    /// ```
    /// use brook::config::Config;
    /// use brook::render::Theme;
    ///
    /// let config = Config::default()
    ///     .with("theme.primaryColor", "#1E88E5")?
    ///     .with("theme.base", "dark")?
    ///     .with("theme.backgroundColor", "#101010")?;
    /// let theme = Theme::from_config(&config.theme);
    /// assert_eq!(theme.light.primary, brook::egui::Color32::from_rgb(0x1E, 0x88, 0xE5));
    /// assert_eq!(theme.dark.background, brook::egui::Color32::from_rgb(0x10, 0x10, 0x10));
    /// assert_eq!(theme.light.background, brook::egui::Color32::WHITE);
    /// # Ok::<(), brook::config::ConfigError>(())
    /// ```
    pub fn from_config(config: &ThemeConfig) -> Self {
        let mut theme = Self::default();
        if let Some(c) = config.primary_color {
            theme.light.primary = c.into();
            theme.dark.primary = c.into();
        }
        theme.font_size = f32::from(config.base_font_size.clamp(8, 40));
        let palettes: &mut [&mut Palette] = match config.base {
            ThemeBase::Light => &mut [&mut theme.light],
            ThemeBase::Dark => &mut [&mut theme.dark],
            ThemeBase::System => &mut [&mut theme.light, &mut theme.dark],
        };
        for palette in palettes {
            if let Some(c) = config.background_color {
                palette.background = c.into();
            }
            if let Some(c) = config.secondary_background_color {
                palette.secondary_background = c.into();
            }
            if let Some(c) = config.text_color {
                palette.text = c.into();
            }
            let custom = config.background_color.is_some() || config.text_color.is_some();
            if custom {
                palette.border = mix(palette.text, palette.background, 0.2);
            }
        }
        theme
    }

    /// Installs the fonts and both themes' styles in `ctx` (egui then
    /// follows its light/dark preference). Cheap to call again.
    pub fn apply(&self, ctx: &egui::Context) {
        install_fonts(ctx);
        for (which, palette) in [
            (egui::Theme::Light, &self.light),
            (egui::Theme::Dark, &self.dark),
        ] {
            // Keep the context's motion settings (a test harness turns
            // animations and the blinking cursor off).
            let old = ctx.style_of(which);
            let mut style = self.style(palette);
            style.animation_time = old.animation_time;
            style.scroll_animation = old.scroll_animation;
            style.visuals.text_cursor.blink = old.visuals.text_cursor.blink;
            ctx.set_style_of(which, style);
        }
        ctx.data_mut(|d| d.insert_temp(applied_id(), *self));
    }

    /// The theme last [`apply`](Self::apply)-ed to `ctx`, if any.
    pub fn applied(ctx: &egui::Context) -> Option<Self> {
        ctx.data(|d| d.get_temp::<Self>(applied_id()))
    }

    /// The egui style of one palette.
    pub fn style(&self, palette: &Palette) -> Style {
        let dark = palette.is_dark();
        let mut style = Style {
            visuals: if dark {
                Visuals::dark()
            } else {
                Visuals::light()
            },
            ..Style::default()
        };
        let size = |rem: f32| (rem * self.font_size).round();
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(size(0.875))),
            (TextStyle::Body, FontId::proportional(size(1.0))),
            // Widgets (labels of checkboxes, inputs, buttons, tabs) use
            // Streamlit's small size.
            (TextStyle::Button, FontId::proportional(size(0.875))),
            (TextStyle::Heading, FontId::proportional(size(1.75))),
            (TextStyle::Monospace, FontId::monospace(size(0.875))),
        ]
        .into();

        let colors = Colors::new(palette);
        let primary = palette.primary;
        let v = &mut style.visuals;
        v.panel_fill = palette.background;
        v.window_fill = palette.background;
        v.extreme_bg_color = palette.secondary_background;
        v.text_edit_bg_color = Some(palette.secondary_background);
        v.faint_bg_color = palette.secondary_background;
        v.code_bg_color = palette.secondary_background;
        v.window_stroke = Stroke::new(1.0, colors.border);
        v.window_corner_radius = CornerRadius::same(8);
        v.menu_corner_radius = CornerRadius::same(8);
        v.window_shadow = Shadow {
            offset: [0, 4],
            blur: 16,
            spread: 0,
            color: Color32::from_black_alpha(if dark { 96 } else { 28 }),
        };
        v.popup_shadow = v.window_shadow;
        v.hyperlink_color = if dark {
            Color32::from_rgb(0x83, 0xC9, 0xFF)
        } else {
            Color32::from_rgb(0x00, 0x68, 0xC9)
        };
        v.selection.bg_fill = colors.selection;
        v.selection.stroke = Stroke::new(1.0, primary);
        v.slider_trailing_fill = true;
        v.handle_shape = egui::style::HandleShape::Circle;
        v.striped = false;

        let radius = CornerRadius::same(8);
        let w = &mut v.widgets;
        w.noninteractive.bg_fill = palette.background;
        w.noninteractive.weak_bg_fill = palette.background;
        w.noninteractive.bg_stroke = Stroke::new(1.0, colors.border);
        w.noninteractive.fg_stroke = Stroke::new(1.0, palette.text);
        w.noninteractive.corner_radius = radius;
        for state in [&mut w.inactive, &mut w.hovered, &mut w.active, &mut w.open] {
            state.corner_radius = radius;
            state.expansion = 0.0;
            state.weak_bg_fill = palette.background;
            state.bg_fill = palette.secondary_background;
            state.bg_stroke = Stroke::new(1.0, colors.border);
            state.fg_stroke = Stroke::new(1.0, palette.text);
        }
        // Hover and press point at the accent, as Streamlit's buttons do
        // (egui's "strong" text is the active state's: keep it the text colour).
        w.hovered.bg_stroke = Stroke::new(1.0, primary);
        w.hovered.fg_stroke = Stroke::new(1.0, colors.primary_text);
        w.active.bg_stroke = Stroke::new(1.0, primary);
        w.open.bg_stroke = Stroke::new(1.0, primary);

        let s = &mut style.spacing;
        s.item_spacing = vec2(8.0, 4.0);
        s.button_padding = vec2(12.0, 4.0);
        // Rows of text and small controls; fields and buttons are 2.5rem
        // tall (`FIELD_HEIGHT`), set where they are drawn.
        s.interact_size = vec2(40.0, 24.0);
        s.icon_width = 16.0;
        s.icon_width_inner = 8.0;
        s.icon_spacing = 8.0;
        s.indent = 16.0;
        s.menu_margin = Margin::same(6);
        s.window_margin = Margin::same(12);
        s.combo_height = 320.0;
        s.slider_rail_height = 4.0;
        s.scroll = egui::style::ScrollStyle::floating();
        style.wrap_mode = None;
        style
    }
}

/// The height of inputs, selectboxes and buttons: Streamlit's 2.5rem at
/// the given body size.
pub fn field_height(ui: &egui::Ui) -> f32 {
    (ui.style().text_styles[&TextStyle::Body].size * 2.5).round()
}

fn applied_id() -> egui::Id {
    egui::Id::unique("brook_theme_applied")
}

/// The colours the renderer derives from a palette and the accent, each
/// readable where it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colors {
    /// The accent, as configured: tracks, checked boxes, focus outlines.
    pub primary: Color32,
    /// The fill of primary buttons: the accent, darkened (light text) or
    /// lightened (dark text) just enough for its label to reach 4.5:1.
    pub primary_fill: Color32,
    /// The text on `primary_fill`: white, or the palette's dark text.
    pub on_primary: Color32,
    /// Accent-coloured text (hovered buttons, links): the accent, adjusted
    /// to reach 4.5:1 on the background.
    pub primary_text: Color32,
    /// Muted text (captions, help, min/max of sliders), 4.5:1 on the
    /// background and on the secondary background.
    pub muted: Color32,
    /// Borders of buttons, inputs and containers.
    pub border: Color32,
    /// Behind selected text and selected options.
    pub selection: Color32,
    /// A slider's empty track.
    pub track: Color32,
}

impl Colors {
    /// The colours for `palette`.
    ///
    /// ```
    /// use brook::render::theme::{Colors, Palette, contrast};
    /// let c = Colors::new(&Palette::LIGHT);
    /// assert!(contrast(c.on_primary, c.primary_fill) >= 4.5);
    /// assert!(contrast(c.muted, Palette::LIGHT.background) >= 4.5);
    /// ```
    pub fn new(palette: &Palette) -> Self {
        let primary = palette.primary;
        let bg = palette.background;
        let text = palette.text;
        // The label of a primary button: white if the accent is dark
        // enough for it (after darkening at most a little), else dark text.
        let (primary_fill, on_primary) = {
            let white = Color32::WHITE;
            let darkened = reach(primary, white, 4.5, Color32::BLACK);
            let dark_text = if palette.is_dark() {
                palette.background
            } else {
                palette.text
            };
            if distance(darkened, primary) <= 0.25 || contrast(dark_text, primary) < 4.5 {
                (darkened, white)
            } else {
                (primary, dark_text)
            }
        };
        let toward_text = text;
        let muted = reach(
            mix(text, bg, 0.6),
            palette.secondary_background,
            4.5,
            toward_text,
        );
        Self {
            primary,
            primary_fill,
            on_primary,
            primary_text: reach(primary, bg, 4.5, toward_text),
            muted,
            border: palette.border,
            selection: mix(primary, bg, 0.25),
            track: mix(palette.border, bg, 0.5),
        }
    }

    /// The colours of the theme in `ui` (the default theme if none was
    /// applied).
    pub fn of(ui: &egui::Ui) -> Self {
        let theme = Theme::applied(ui.ctx()).unwrap_or_default();
        let palette = if ui.visuals().dark_mode {
            theme.dark
        } else {
            theme.light
        };
        Self::new(&palette)
    }
}

/// `a` blended over `b`: `amount` of `a`, the rest `b` (sRGB).
pub fn mix(a: Color32, b: Color32, amount: f32) -> Color32 {
    let t = amount.clamp(0.0, 1.0);
    let ch = |x: u8, y: u8| {
        let v = f32::from(x) * t + f32::from(y) * (1.0 - t);
        // In 0..=255 by construction.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let v = v.round() as u8;
        v
    };
    Color32::from_rgb(ch(a.r(), b.r()), ch(a.g(), b.g()), ch(a.b(), b.b()))
}

/// `color` moved toward `toward` in small steps until it has `ratio`
/// contrast with `on` (or is `toward`).
pub fn reach(color: Color32, on: Color32, ratio: f32, toward: Color32) -> Color32 {
    let mut c = color;
    for step in 1..=20u8 {
        if contrast(c, on) >= ratio {
            return c;
        }
        c = mix(toward, color, f32::from(step) / 20.0);
    }
    c
}

fn distance(a: Color32, b: Color32) -> f32 {
    let d = |x: u8, y: u8| (f32::from(x) - f32::from(y)).abs() / 255.0;
    (d(a.r(), b.r()) + d(a.g(), b.g()) + d(a.b(), b.b())) / 3.0
}

/// WCAG relative luminance of an opaque colour.
pub fn luminance(c: Color32) -> f32 {
    let lin = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

/// WCAG contrast ratio of two opaque colours (1 to 21; AA asks 4.5 for
/// text, 3 for large text and for controls).
///
/// ```
/// use brook::egui::Color32;
/// let r = brook::render::theme::contrast(Color32::BLACK, Color32::WHITE);
/// assert!((r - 21.0).abs() < 0.01);
/// ```
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The font `family` ([`SEMIBOLD`], [`BOLD`]) at `size`, or the regular
/// font until the fonts are installed (they load with the next frame).
pub fn font(ui: &egui::Ui, family: &str, size: f32) -> FontId {
    let named = FontFamily::Name(family.into());
    let loaded = ui.fonts(|f| f.definitions().families.contains_key(&named));
    FontId::new(
        size,
        if loaded {
            named
        } else {
            FontFamily::Proportional
        },
    )
}

/// Source Sans 3 in front of egui's fonts, plus the semibold and bold
/// families. Installed once per context.
fn install_fonts(ctx: &egui::Context) {
    let id = egui::Id::unique("brook_fonts_installed");
    if ctx.data(|d| d.get_temp::<bool>(id)).unwrap_or(false) {
        return;
    }
    let mut fonts = FontDefinitions::default();
    let faces: [(&str, &'static [u8]); 3] = [
        (
            "SourceSans3-Regular",
            include_bytes!("../../assets/fonts/SourceSans3-Regular.ttf"),
        ),
        (
            "SourceSans3-Semibold",
            include_bytes!("../../assets/fonts/SourceSans3-Semibold.ttf"),
        ),
        (
            "SourceSans3-Bold",
            include_bytes!("../../assets/fonts/SourceSans3-Bold.ttf"),
        ),
    ];
    for (name, bytes) in faces {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    let fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let family = |first: &str| {
        let mut list = vec![first.to_owned()];
        list.extend(fallbacks.iter().cloned());
        list
    };
    fonts
        .families
        .insert(FontFamily::Proportional, family("SourceSans3-Regular"));
    fonts.families.insert(
        FontFamily::Name(SEMIBOLD.into()),
        family("SourceSans3-Semibold"),
    );
    fonts
        .families
        .insert(FontFamily::Name(BOLD.into()), family("SourceSans3-Bold"));
    ctx.set_fonts(fonts);
    ctx.data_mut(|d| d.insert_temp(id, true));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text colour reaches WCAG AA (4.5:1) where it is drawn, in both
    /// themes and for accents from light to dark.
    #[test]
    fn text_colours_reach_wcag_aa_in_both_themes() {
        let accents = [
            STREAMLIT_RED,
            Color32::from_rgb(0x1E, 0x88, 0xE5),
            Color32::from_rgb(0xFF, 0xD1, 0x6A), // a light yellow
            Color32::from_rgb(0x21, 0xC3, 0x54),
            Color32::from_rgb(0x58, 0x3F, 0x84), // a dark purple
        ];
        for palette in [Palette::LIGHT, Palette::DARK] {
            assert!(contrast(palette.text, palette.background) >= 4.5);
            assert!(contrast(palette.text, palette.secondary_background) >= 4.5);
            for primary in accents {
                let c = Colors::new(&Palette { primary, ..palette });
                let on = [palette.background, palette.secondary_background];
                for bg in on {
                    assert!(contrast(c.muted, bg) >= 4.5, "{primary:?} muted on {bg:?}");
                }
                assert!(
                    contrast(c.on_primary, c.primary_fill) >= 4.5,
                    "{primary:?}: {:?} on {:?}",
                    c.on_primary,
                    c.primary_fill
                );
                assert!(contrast(c.primary_text, palette.background) >= 4.5);
            }
        }
    }

    #[test]
    fn streamlit_accents_keep_white_labels() {
        for palette in [Palette::LIGHT, Palette::DARK] {
            let c = Colors::new(&palette);
            assert_eq!(c.on_primary, Color32::WHITE);
            // Streamlit's own accents already reach 4.5:1 with white.
            assert_eq!(c.primary_fill, palette.primary);
            // The accent itself is what tracks and checked boxes show: 3:1
            // is WCAG's bar for controls.
            assert!(contrast(palette.primary, palette.background) >= 3.0);
        }
    }

    #[test]
    fn a_custom_text_colour_applies_to_the_base_it_names() {
        let mut config = ThemeConfig::default();
        config.base = ThemeBase::Light;
        config.text_color = Some(crate::config::Rgb(0, 0, 0));
        config.base_font_size = 18;
        let theme = Theme::from_config(&config);
        assert_eq!(theme.light.text, Color32::BLACK);
        assert_eq!(theme.dark.text, Palette::DARK.text);
        let style = theme.style(&theme.light);
        assert_eq!(style.text_styles[&TextStyle::Body].size, 18.0);
        assert!(!style.visuals.dark_mode);
        assert!(theme.style(&theme.dark).visuals.dark_mode);
    }
}
