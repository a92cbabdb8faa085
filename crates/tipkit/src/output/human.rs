//! Code frames for errors and warnings, one line per piece of information, and a summary.

use std::io::Write;

use tipkit_validate::{Diagnostic, Severity, Style, Summary, Workspace, visible, visible_path};

use super::Printer;
use super::fold::{Folds, Show};
use super::stream::Stdout;

pub(crate) struct Human {
    style: Style,
    out: Stdout,
    /// Print every piece of information on its own line, none folded.
    verbose: bool,
}

impl Human {
    pub(crate) fn new(style: Style, verbose: bool) -> Self {
        Self {
            style,
            out: Stdout::new(),
            verbose,
        }
    }
}

impl Printer for Human {
    fn folder(&mut self, diagnostics: &[Diagnostic], sources: &Workspace) -> anyhow::Result<()> {
        let folds = Folds::new(diagnostics, self.verbose);
        for (index, diagnostic) in diagnostics.iter().enumerate() {
            match folds.show(diagnostics, index) {
                Show::Own => {}
                Show::Folded(line) => {
                    self.out.write_all(line.as_bytes())?;
                    continue;
                }
                Show::Hidden => continue,
            }
            if diagnostic.severity == Severity::Info {
                let file = visible_path(&diagnostic.file);
                let message = visible(&diagnostic.message);
                match diagnostic.span {
                    Some(span) => writeln!(
                        self.out,
                        "info[{}]: {file}:{}:{}: {message}",
                        diagnostic.rule, span.start_line, span.start_column
                    )?,
                    None => writeln!(self.out, "info[{}]: {file}: {message}", diagnostic.rule)?,
                }
            } else {
                self.out.write_all(
                    tipkit_validate::render(diagnostic, sources, self.style).as_bytes(),
                )?;
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: Summary, unreadable: usize) -> anyhow::Result<()> {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            self.out,
            "{} checked: {}, {}, {}",
            plural(summary.files, "file"),
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.infos, "info"),
        )?;
        if unreadable > 0 {
            write!(
                self.out,
                "; {} could not be read",
                plural(unreadable, "path")
            )?;
        }
        writeln!(self.out)?;
        self.out.flush()?;
        Ok(())
    }
}
