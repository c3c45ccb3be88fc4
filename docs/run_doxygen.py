#!/usr/bin/env python3
"""Run Doxygen for one edition of the website; every warning fails the build.

The warnings are printed with the file and line they come from: a warning in a generated page
(build/docs/pages/, see make_pages.py) names the chapter's text, hint or source file instead.
Then every page gets the site's script (docs/site.js: copy buttons, the search box), and
search-index.js is written: the text of the book's pages (those of build/docs/pages/), section by
section, which the search box searches offline. A page without a formula loses Doxygen's MathJax
scripts: most pages (source listings, files, types) have none, and each would start MathJax for nothing.

With --prune (the student edition) every page that no link reaches from the main page, the top menu
or the tree view is deleted afterwards, and the tree view's index forgets it: the edition holds the book
and the reference of what the book links to, not every internal type.

run_doxygen.py DOXYGEN DOXYFILE HTML_DIR WARNINGS_LOG SOURCES_JSON [--prune]
"""
import html.parser
import json
import pathlib
import re
import shutil
import subprocess
import sys


def main():
    doxygen, doxyfile, html, log, sources = sys.argv[1:6]
    html, log = pathlib.Path(html), pathlib.Path(log)
    shutil.rmtree(html, ignore_errors=True)
    html.mkdir(parents=True)
    log.unlink(missing_ok=True)
    run = subprocess.run([doxygen, doxyfile], capture_output=True, text=True)
    origin = json.loads(pathlib.Path(sources).read_text())

    def where(m):
        lines = origin.get(m[1])
        if lines is None:
            return m[0]
        number = int(m[2])
        if 0 < number <= len(lines) and lines[number - 1]:
            return f"{lines[number - 1][0]}:{lines[number - 1][1]}:"
        return f"{m[1]}:{m[2]}: (a generated line)"

    text = (log.read_text() if log.exists() else "") + run.stderr
    warnings = [re.sub(r"^(/[^:]+):(\d+):", where, line) for line in text.splitlines() if line.strip()]
    for line in warnings:
        print(f"doxygen error: {line}", file=sys.stderr)
    if run.returncode != 0 or warnings:
        print(f"doxygen: {len(warnings)} warning(s) in {doxyfile}: the website is not built "
              f"(warnings are errors)", file=sys.stderr)
        return 1
    if "--prune" in sys.argv[6:]:
        prune(html)
    add_script_and_index(html, pathlib.Path(sources).parent)
    mathjax_where_needed(html)
    return 0


HTML_REF = re.compile(r"""(?:href|src)=["']([^"'#?]+\.html)|["']([\w.\-]+\.html)(?:#[\w\-]*)?["']""")


def prune(html_dir):
    """Deletes the pages that no link reaches from index.html, menudata.js and navtreedata.js."""
    pages = {p.name for p in html_dir.glob("*.html")}

    def refs(path):
        return {a or b for a, b in HTML_REF.findall(path.read_text(errors="replace"))} & pages

    # Folder pages, member indexes and source listings are never part of the book: not followed, and
    # the links to them become plain text.
    skipped = re.compile(r"^dir_|_source\.html$|-members\.html$")
    todo = {"index.html"}
    for js in ("menudata.js", "navtreedata.js"):
        if (html_dir / js).exists():
            todo |= refs(html_dir / js)
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo |= {ref for ref in refs(html_dir / name) if not skipped.search(ref)} - seen
    gone = pages - seen
    for name in gone:
        (html_dir / name).unlink()
    link = re.compile(r'<a\s[^>]*href="([^"#]+\.html)(?:#[^"]*)?"[^>]*>(.*?)</a>', re.S)
    for name in seen:
        page = html_dir / name
        text = page.read_text(errors="replace")
        kept = link.sub(lambda m: m[2] if m[1] in gone else m[0], text)
        if kept != text:
            page.write_text(kept)
    for js in html_dir.glob("navtreeindex*.js"):  # `"page.html#anchor":[…],` per line
        lines = js.read_text().splitlines()
        kept = [line for line in lines if not (m := re.match(r'^"([^"#]+\.html)', line)) or m[1] not in gone]
        js.write_text("\n".join(kept) + "\n")
    print(f"run_doxygen: {len(seen)} pages reached from the book, {len(gone)} others left out")


class PageText(html.parser.HTMLParser):
    """The title and the text of a page's contents, section by section: [(heading, anchor, text)]."""

    SKIP = {"script", "style", "pre"}
    SKIP_CLASSES = {"fragment", "toc", "chapter-nav", "program-output", "image", "memitem", "directory"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.sections = "", [["", "", []]]
        self.stack, self.skipping, self.in_title, self.in_heading, self.in_contents = [], 0, False, False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag in ("br", "img", "hr", "input", "meta", "link"):
            return
        skip = tag in self.SKIP or bool(classes & self.SKIP_CLASSES)
        self.stack.append((tag, skip, "title" in classes, "contents" in classes))
        self.skipping += skip
        self.in_title |= "title" in classes and tag == "div"
        self.in_contents |= "contents" in classes
        if tag in ("h1", "h2", "h3") and self.in_contents:
            self.sections.append(["", "", []])
            self.in_heading = True
        if tag == "a" and attrs.get("id") and self.in_heading:
            self.sections[-1][1] = attrs["id"]

    def handle_endtag(self, tag):
        while self.stack:
            t, skip, title, contents = self.stack.pop()
            self.skipping -= skip
            self.in_title &= not title
            self.in_contents &= not contents
            if t in ("h1", "h2", "h3"):
                self.in_heading = False
            if t == tag:
                break

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif self.in_heading:
            self.sections[-1][0] += data
        elif self.in_contents and not self.skipping:
            self.sections[-1][2].append(data)


def add_script_and_index(html_dir, pages_dir):
    """site.js and search-index.js next to the pages, and both loaded by every page."""
    labels = {}
    for md in sorted(pages_dir.glob("*.md")):
        first = md.read_text().split("\n", 1)[0]
        label = re.search(r"\{#(\w+)\}", first)
        if label:
            labels[md.name] = "index" if label[1] == "mainpage" else label[1]
    index = []
    for label in labels.values():
        page = html_dir / f"{label}.html"
        if not page.exists():
            continue
        parser = PageText()
        parser.feed(page.read_text(errors="replace"))
        sections = [[" ".join(h.split()), a, " ".join(" ".join(t).split())] for h, a, t in parser.sections]
        index.append({"t": " ".join(parser.title.split()), "u": page.name,
                      "s": [s for s in sections if s[2] or s[0]]})
    (html_dir / "search-index.js").write_text("window.COURSE_INDEX = " + json.dumps(index, ensure_ascii=False) + ";\n")
    shutil.copy(pathlib.Path(__file__).with_name("site.js"), html_dir / "site.js")
    tags = '<script type="text/javascript" src="search-index.js"></script>\n' \
           '<script type="text/javascript" src="site.js"></script>\n</head>'
    for page in html_dir.glob("*.html"):
        text = page.read_text(errors="replace")
        if "src=\"site.js\"" not in text:
            page.write_text(text.replace("</head>", tags, 1))


# A formula as Doxygen writes it for MathJax: \( … \), \[ … \] or \begin{env} (from \f$, \f[ and \f{env}).
FORMULA = re.compile(r"\\\(|\\\[|\\begin\{")
# Doxygen's MathJax: its configuration script and the loader, in the page's <head>.
MATHJAX = re.compile(r'<script type="text/x-mathjax-config">.*?</script>\s*'
                     r'<script type="text/javascript" async="async" src="mathjax/MathJax\.js"></script>\s*', re.S)


def mathjax_where_needed(html_dir):
    """Doxygen loads MathJax on every page; only the pages with a formula keep it (a reader's browser, and
    the browser test, then start it only where it typesets something)."""
    for page in html_dir.glob("*.html"):
        text = page.read_text(errors="replace")
        head, _, body = text.partition("</head>")
        if not FORMULA.search(body) and MATHJAX.search(head):
            page.write_text(MATHJAX.sub("", head, count=1) + "</head>" + body)


if __name__ == "__main__":
    sys.exit(main())
