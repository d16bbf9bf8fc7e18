//! Shorthands for the input widgets, files, images and chat: each adds the
//! builder with its defaults and returns the value (`st.multiselect(..)`).

use super::options::OptionItem;
use super::{
    ChatInput, ColorPicker, DateInput, DateTimeInput, DownloadButton, Feedback, FileUploader,
    Multiselect, Pills, SegmentedControl, SelectSlider, TimeInput,
};
use crate::st::St;
use crate::st::media::{Image, LinkButton, Logo};
use crate::tree::{Bytes, FeedbackStyle, ImageSource, UploadedFile};

impl St<'_> {
    /// Any number of `options`, none chosen at first ([`Multiselect`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let picked: Vec<&str> = st.multiselect("Toppings", ["cheese", "olives"]);
    /// assert!(picked.is_empty());
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn multiselect<T: OptionItem>(
        &mut self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> Vec<T> {
        self.add(Multiselect::new(label, options))
    }

    /// A slider over `options`, at the first one ([`SelectSlider`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let level = st.select_slider("Level", ["low", "mid", "high"]);
    /// assert_eq!(level, "low");
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn select_slider<T: OptionItem>(
        &mut self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> T {
        self.add(SelectSlider::new(label, options))
    }

    /// Pill buttons, one choosable, none chosen at first ([`Pills`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// assert_eq!(st.pills("Sort", ["new", "top"]), None);
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn pills<T: OptionItem>(
        &mut self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> Option<T> {
        self.add(Pills::new(label, options))
    }

    /// Joined buttons, one choosable, none chosen at first ([`SegmentedControl`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// assert_eq!(st.segmented_control("Unit", ["°C", "°F"]), None);
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn segmented_control<T: OptionItem>(
        &mut self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> Option<T> {
        self.add(SegmentedControl::new(label, options))
    }

    /// A rating with thumbs, faces or stars ([`Feedback`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// assert_eq!(st.feedback(brook::tree::FeedbackStyle::Thumbs), None);
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn feedback(&mut self, style: FeedbackStyle) -> Option<usize> {
        self.add(Feedback::new(style))
    }

    /// A date picker showing today ([`DateInput`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let day = st.date_input("Day");
    /// st.text(day.to_string());
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn date_input(&mut self, label: impl Into<String>) -> jiff::civil::Date {
        self.add(DateInput::new(label))
    }

    /// A time picker showing the current time ([`TimeInput`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let t = st.time_input("Time");
    /// st.text(t.to_string());
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn time_input(&mut self, label: impl Into<String>) -> jiff::civil::Time {
        self.add(TimeInput::new(label))
    }

    /// A date and time picker showing now ([`DateTimeInput`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let when = st.datetime_input("When");
    /// st.text(when.to_string());
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn datetime_input(&mut self, label: impl Into<String>) -> jiff::civil::DateTime {
        self.add(DateTimeInput::new(label))
    }

    /// A colour picker, black at first; returns `#rrggbb` ([`ColorPicker`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// assert_eq!(st.color_picker("Colour"), "#000000");
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn color_picker(&mut self, label: impl Into<String>) -> String {
        self.add(ColorPicker::new(label))
    }

    /// One file of any type, `None` until given ([`FileUploader`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// if let Some(file) = st.file_uploader("Upload") {
    ///     st.text(file.name());
    /// }
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn file_uploader(&mut self, label: impl Into<String>) -> Option<UploadedFile> {
        self.add(FileUploader::new(label))
    }

    /// Saves `data` through the save dialog; never reruns the page, so it
    /// reads `false` ([`DownloadButton`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.download_button("Save notes", "my notes");
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn download_button(&mut self, label: impl Into<String>, data: impl Into<Bytes>) -> bool {
        self.add(DownloadButton::new(label, data))
    }

    /// The submitted message, for exactly one run ([`ChatInput`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// if let Some(msg) = st.chat_input("Your message") {
    ///     st.chat_message("user", |st| st.write(msg));
    /// }
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn chat_input(&mut self, placeholder: impl Into<String>) -> Option<String> {
        self.add(ChatInput::new(placeholder))
    }

    /// An image from a path, encoded bytes or pixels ([`Image`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.image(brook::egui::ColorImage::filled([8, 8], brook::egui::Color32::ORANGE));
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn image(&mut self, source: impl Into<ImageSource>) {
        self.add(Image::new(source));
    }

    /// The app's logo in the top bar and the window icon ([`Logo`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.logo(brook::egui::ColorImage::filled([16, 16], brook::egui::Color32::BLUE));
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn logo(&mut self, image: impl Into<ImageSource>) {
        self.add(Logo::new(image));
    }

    /// A button opening `url` in the system browser ([`LinkButton`]).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.link_button("Streamlit", "https://streamlit.io");
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn link_button(&mut self, label: impl Into<String>, url: impl Into<String>) {
        self.add(LinkButton::new(label, url));
    }
}
