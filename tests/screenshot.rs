//! The real-window check. `.ci/run` draws the seed example in a real window
//! under Xvfb (`--screenshot PATH`) and then runs this test on the PNG:
//!
//! ```sh
//! BROOK_CHECK_SCREENSHOT=target/shot.png cargo test --test screenshot -- --ignored
//! ```

#[test]
#[ignore = "run by .ci/run on the screenshot it takes under Xvfb"]
fn the_slider_chart_screenshot_is_not_blank() {
    let path = std::env::var("BROOK_CHECK_SCREENSHOT")
        .expect("set BROOK_CHECK_SCREENSHOT to the PNG the example wrote");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("one frame");
    assert_eq!(info.color_type, png::ColorType::Rgba, "brook writes RGBA");
    let (w, h) = (info.width as usize, info.height as usize);
    assert!(w >= 320 && h >= 240, "a window-sized picture, got {w}x{h}");

    let pixels: Vec<[u8; 4]> = buf[..w * h * 4]
        .chunks_exact(4)
        .map(|p| [p[0], p[1], p[2], p[3]])
        .collect();
    let mut counts = std::collections::HashMap::new();
    for p in &pixels {
        *counts.entry(*p).or_insert(0_usize) += 1;
    }
    let background = counts.values().copied().max().unwrap_or(0);
    let drawn = pixels.len() - background;
    // Text, the sliders and the chart: thousands of pixels in many colours.
    assert!(
        counts.len() >= 16,
        "only {} distinct colours: the window drew (almost) nothing",
        counts.len()
    );
    assert!(
        drawn * 100 >= pixels.len(),
        "only {drawn} of {} pixels differ from the background",
        pixels.len()
    );
}
