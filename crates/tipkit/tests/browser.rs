//! The HTML page in a real browser: Debian's headless Chromium loads the page, its chart is in the
//! rendered DOM, and a phone-sized screenshot is saved under `target/tmp/screenshots/`.
//!
//! Run it alone with `cargo test -p tipkit --test browser -- --nocapture`. Without chromium
//! (`apt-get install chromium`) it is skipped, loudly.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let output = Command::new("which").arg(name).output().ok()?;
            output
                .status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
        })
}

/// Headless Chromium with the flags a closed, root-run machine needs.
fn headless(chromium: &Path, profile_dir: &Path) -> Command {
    let mut command = Command::new(chromium);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]);
    command.arg(format!("--user-data-dir={}", profile_dir.display()));
    command
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let number = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    Some((number(16)?, number(20)?))
}

#[test]
fn the_html_page_renders_in_chromium_with_its_chart() {
    let Some(chromium) = chromium() else {
        eprintln!("\n\n**********************************************************************");
        eprintln!("SKIPPED the_html_page_renders_in_chromium_with_its_chart: no chromium.");
        eprintln!("Install it with `apt-get install chromium` to run the browser test.");
        eprintln!("**********************************************************************\n");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for code in ["ct", "nh"] {
        let page = dir.join(format!("{code}.html"));
        let status = Command::new(env!("CARGO_BIN_EXE_tipkit"))
            .arg("render")
            .arg(root.join(format!("profiles/{code}.json")))
            .args(["--format", "html", "-o"])
            .arg(&page)
            .status()
            .unwrap();
        assert!(status.success());
        let url = format!("file://{}", page.canonicalize().unwrap().display());

        let profile_dir = dir.join(format!("chromium-profile-{code}"));
        let dom = headless(&chromium, &profile_dir)
            .args(["--enable-logging=stderr", "--v=0", "--dump-dom"])
            .arg(&url)
            .output()
            .unwrap();
        let console = String::from_utf8_lossy(&dom.stderr);
        assert!(dom.status.success(), "{console}");
        // The page's Content-Security-Policy lets its inline styles and chart through.
        assert!(
            !console.contains("Content Security Policy"),
            "the page breaks its own CSP:\n{console}"
        );
        let dom = String::from_utf8_lossy(&dom.stdout);
        assert!(
            dom.contains("Efforts to Combat Human Trafficking</h1>"),
            "{dom}"
        );
        assert_eq!(
            dom.matches("<rect ").count(),
            5,
            "one bar per year, 2012 to 2016"
        );

        let screenshot = dir.join(format!("{code}.png"));
        let _ = std::fs::remove_file(&screenshot);
        let shot = headless(&chromium, &profile_dir)
            .arg(format!("--screenshot={}", screenshot.display()))
            .arg("--window-size=412,2400")
            .arg(&url)
            .output()
            .unwrap();
        assert!(
            shot.status.success(),
            "{}",
            String::from_utf8_lossy(&shot.stderr)
        );
        let png = std::fs::read(&screenshot).unwrap();
        assert_eq!(
            png_size(&png),
            Some((412, 2400)),
            "a phone-width screenshot"
        );
        // Straight to the standard error, past the test harness's capture: the screenshot's path
        // belongs in the test output.
        let _ = writeln!(
            std::io::stderr(),
            "screenshot of {code}: {}",
            screenshot.display()
        );
    }
}

/// The page's Content-Security-Policy forbids scripts: a script smuggled into the page does not
/// run, and the browser says why.
#[test]
fn a_script_smuggled_into_the_page_does_not_run() {
    let Some(chromium) = chromium() else {
        eprintln!("\n\nSKIPPED a_script_smuggled_into_the_page_does_not_run: no chromium.\n");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("csp");
    std::fs::create_dir_all(&dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let output = Command::new(env!("CARGO_BIN_EXE_tipkit"))
        .arg("render")
        .arg(root.join("profiles/ct.json"))
        .args(["--format", "html"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap().replace(
        "</main>",
        "<script>document.body.setAttribute('data-ran', 'yes')</script>\n\
         <img src=\"x\" onerror=\"document.body.setAttribute('data-handler', 'yes')\">\n</main>",
    );
    let path = dir.join("smuggled.html");
    std::fs::write(&path, page).unwrap();
    let url = format!("file://{}", path.canonicalize().unwrap().display());
    let dom = headless(&chromium, &dir.join("chromium-profile"))
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom"])
        .arg(&url)
        .output()
        .unwrap();
    let console = String::from_utf8_lossy(&dom.stderr);
    assert!(dom.status.success(), "{console}");
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("Efforts to Combat Human Trafficking</h1>"),
        "{dom}"
    );
    assert!(!dom.contains("data-ran=\"yes\""), "the script ran:\n{dom}");
    assert!(
        !dom.contains("data-handler=\"yes\""),
        "the handler ran:\n{dom}"
    );
    assert!(
        console.contains("Content Security Policy"),
        "no CSP report:\n{console}"
    );
}
