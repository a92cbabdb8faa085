//! The whole check pipeline on arbitrary bytes: it must never panic, and its findings must lie
//! inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let report = tipkit_validate::check_bytes(std::path::Path::new("ct.json"), bytes);
    for diagnostic in &report.diagnostics {
        if let Some(span) = diagnostic.span {
            assert!(span.start <= span.end && span.end <= bytes.len());
        }
    }
    if let Some(summary) = report.summary {
        let _ = tipkit_validate::check_folder(
            std::path::Path::new("."),
            &[summary.clone(), summary],
            0,
            &tipkit_validate::Workspace::default(),
        );
    }
});
