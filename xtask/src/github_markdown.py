"""Renders Markdown files as GitHub does, with cmark-gfm (PyPI `cmarkgfm`), and reports what
became a link or would become a mention. Run by `cargo xtask interop` (`github_markdown.rs`).

Usage: python github_markdown.py FILE...   Prints one JSON object: for each file, its `links`
(the href of every <a>), its `mentions` (every `@name` that GitHub's mention filter would link:
in a text node outside <a>, <code> and <pre>, after a character that is not a word character or
a backtick) and its `text` (all text nodes, joined).
"""

import html.parser
import json
import re
import sys

import cmarkgfm
from cmarkgfm.cmark import Options

# GitHub's mention filter: `@name` or `@org/team` not preceded by a word character or backtick.
MENTION = re.compile(r"(?:^|[^\w`])@([A-Za-z0-9][A-Za-z0-9-]*(?:/[\w.-]+)?)")
SKIPPED = {"a", "code", "pre"}


class Scan(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.mentions = []
        self.text = []
        self.open = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))
        if tag in SKIPPED:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in SKIPPED and tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)
        if not self.open:
            self.mentions.extend(m.group(1) for m in MENTION.finditer(data))


def scan(markdown):
    # GitHub renders with raw HTML allowed, then sanitizes; UNSAFE shows all that data could do.
    page = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    parser = Scan()
    parser.feed(page)
    parser.close()
    return {"links": parser.links, "mentions": parser.mentions, "text": "".join(parser.text)}


def main():
    report = {}
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            report[path] = scan(f.read())
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
