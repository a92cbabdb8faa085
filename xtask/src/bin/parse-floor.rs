//! The parse-only floor of `cargo xtask bench`: read every `*.json` under a folder and parse it
//! with `serde_json`, on one thread. tipkit checks far more; it should still be no slower.

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_owned()));
    let (mut files, mut bytes) = (0usize, 0usize);
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if is_json(&path) {
                let Ok(data) = std::fs::read(&path) else {
                    continue;
                };
                let parsed = serde_json::from_slice::<serde_json::Value>(&data);
                files += 1;
                bytes += data.len() * usize::from(parsed.is_ok());
            }
        }
    }
    println!("{files} files, {bytes} bytes parsed");
}

fn is_json(path: &Path) -> bool {
    tipkit_model::is_profile_path(path)
}
