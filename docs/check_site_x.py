#!/usr/bin/env python3
"""The website in a real browser: headless Chromium (Debian's `chromium`) loads every page of the built
site and this fails if

  - a page does not load, throws a JavaScript error, or one of its files (script, style, image) is missing;
  - a code span is broken: a backtick left in the text, or `--option` shown as "–option";
  - an exercise page shows its hint unfolded (it must be in a <details>), a <details> is open, a block of
    code has no copy button, or the search of index.html finds nothing (docs/site.js);
  - the layout is not made for reading: a heading as large as the page title or larger, a paragraph of
    more than 90 characters a line, a title of the sidebar cut, a block of code or output wider than its
    box (its end scrolled out of sight);
  - a formula is left as raw TeX: MathJax did not typeset it (as many MathJax-Element-N-Frame as
    <script type="math/tex">, no MathJax_Error, no \\f$ or \\( left in the text);
  - an image (<img>, or the <object> Doxygen uses for SVG figures) is missing or empty;
  - an internal link (href, src, and the tree view's entries) points to no file, or to no anchor in it.

It saves a full-length screenshot of every chapter and exercise page (and of the main page) per edition.
A page of a later edition that is byte for byte the page of an earlier one, in a site whose other files
(scripts, styles, figures, MathJax) are all the same too, would show exactly the same in the browser: it is
not loaded twice (its links are still checked). The student edition differs from the instructor's in the
chapter and exercise pages only.
Python's standard library only: it speaks the DevTools protocol over a pipe (--remote-debugging-pipe).

check_site.py --site build/docs/instructor/html --site build/docs/student/html --screenshots DIR [--tabs N]
"""
import argparse
import atexit, resource
atexit.register(lambda: print("SELF CPU", resource.getrusage(resource.RUSAGE_SELF)))
import base64
import html.parser
import json
import os
import pathlib
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--allow-file-access-from-files", "--hide-scrollbars", "--mute-audio",
                  "--remote-debugging-pipe",
                  # Several pages load at once, each in its own tab: none of them may be throttled as hidden.
                  "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                  "--disable-backgrounding-occluded-windows"]
WIDTH = 1200
# A PNG compressed for speed rather than size: full-length pages are tall, and the screenshots are for looking at.
SCREENSHOT = {"format": "png", "optimizeForSpeed": True}
PAGE_TIMEOUT = 30.0


# ---------------------------------------------------------------------------------------------------
# Internal links, checked on the files (every href/src/data, and the tree view's .js entries).

class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.refs = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        for key in ("href", "src", "data"):
            if attrs.get(key) and not (tag == "a" and key == "data"):
                self.refs.append(attrs[key])


def check_links(site):
    pages, problems = {}, []
    for path in sorted(site.glob("*.html")):
        parser = Links()
        parser.feed(path.read_text(errors="replace"))
        pages[path.name] = parser
    js_ref = re.compile(r'"([\w.\-]+\.html(?:#[\w\-]+)?)"')
    refs = [(name, ref) for name, p in pages.items() for ref in p.refs]
    for js in sorted(site.glob("*.js")):
        refs += [(js.name, ref) for ref in js_ref.findall(js.read_text(errors="replace"))]
    for source, ref in refs:
        parts = urllib.parse.urlsplit(ref)
        if parts.scheme or parts.netloc or ref.startswith("//"):
            continue  # an external link: not the site's business to check offline
        target = urllib.parse.unquote(parts.path) if parts.path else (source if source.endswith(".html") else "")
        file = (site / target) if target else None
        if file is None or not file.exists():
            problems.append(f"{site}/{source}: link to {ref}: no such file")
            continue
        if file.stat().st_size == 0:
            problems.append(f"{site}/{source}: link to {ref}: the file is empty")
        if parts.fragment and target in pages and parts.fragment not in pages[target].ids:
            problems.append(f"{site}/{source}: link to {ref}: no anchor '{parts.fragment}' in {target}")
    return len(refs), problems


# ---------------------------------------------------------------------------------------------------
# The browser, driven over the DevTools protocol (JSON messages separated by NUL on fds 3 and 4).

class Browser:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="check-site-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():  # in the child: its fd 3 reads our commands, its fd 4 writes the answers
            commands, answers = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(commands, 3)
            os.dup2(answers, 4)

        self.proc = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     close_fds=False, preexec_fn=fds,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # The child now holds fds 3 and 4 (os.dup2 makes them inheritable; every other fd of ours is
        # close-on-exec); close our copies of its ends.
        os.close(to_child_r)
        os.close(from_child_w)
        self.next_id, self.lock = 0, threading.Lock()
        self.waiting, self.events = {}, {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                break
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    slot = self.waiting.pop(message["id"], None)
                    if slot:
                        slot.put(message)
                else:
                    self.events.setdefault(message.get("sessionId"), queue.Queue()).put(message)
        for slot in list(self.waiting.values()):
            slot.put({"error": {"message": "the browser exited"}})

    def send(self, method, params=None, session=None, timeout=PAGE_TIMEOUT):
        with self.lock:
            self.next_id += 1
            number = self.next_id
            slot = queue.Queue()
            self.waiting[number] = slot
            message = {"id": number, "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            os.write(self.to_child, json.dumps(message).encode() + b"\0")
        try:
            reply = slot.get(timeout=timeout)
        except queue.Empty:
            raise RuntimeError(f"{method}: no answer from the browser within {timeout:.0f} s")
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error'].get('message')}")
        return reply["result"]

    def event_queue(self, session):
        return self.events.setdefault(session, queue.Queue())

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


# What a loaded page reports: MathJax finished, formulas counted, images measured, raw TeX searched.
PAGE_JS = r"""
(async () => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const until = async (test, ms) => { const end = Date.now() + ms;
    while (!test() && Date.now() < end) await sleep(25); return test(); };
  const report = { mathjax: "none" };
  if (document.querySelector('script[src*="MathJax.js"]')) {
    if (await until(() => window.MathJax && MathJax.Hub && MathJax.Hub.Register, 15000)) {
      // MathJax.isReady: started up (config, jax, fonts); then the queue runs the page's typesetting.
      if (await until(() => MathJax.isReady, 20000)) {
        const done = new Promise(r => MathJax.Hub.Queue(() => r("done")));
        report.mathjax = await Promise.race([done, sleep(20000).then(() => "timeout while typesetting")]);
      } else {
        report.mathjax = "did not start up within 20 s";
      }
    } else {
      report.mathjax = "not loaded";
    }
  }
  report.tex = document.querySelectorAll('script[type^="math/tex"]').length;
  report.frames = document.querySelectorAll('[id^="MathJax-Element-"][id$="-Frame"]').length;
  report.mathErrors = [...document.querySelectorAll(".MathJax_Error, .merror, merror")].map(e => e.textContent);
  // Text outside code that still looks like TeX delimiters, or like Markdown's **bold** that Doxygen
  // left as it was (it does so when the bold text holds a formula), or an HTML tag shown as text
  // (Doxygen escapes a `code span` in a heading).
  const raw = [], markdown = [], broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (p.closest("pre, code, script, style, .fragment, .line, .MathJax, .MathJax_Display, .MathJax_Preview")) continue;
    const m = n.textContent.match(/\\f[$\[\]]|\\\(|\\\)|\\\[|\\\]/);
    if (m) raw.push(n.textContent.trim().slice(0, 80));
    // A code span that Doxygen did not take as one: a backtick left in the text, or an option `--load`
    // turned into an en dash ("–load").
    if (/`|(^|\s)\u2013[A-Za-z]/.test(n.textContent)) broken.push(n.textContent.trim().slice(0, 80));
    if (/\*\*\S|\S\*\*|<\/?(tt|b|em|code)>/.test(n.textContent) &&
        !p.closest("table.memname, .memproto, .memItemLeft, .memItemRight"))
      markdown.push(n.textContent.trim().slice(0, 80));  // (not in a C++ declaration: char **argv)
  }
  report.rawTex = raw;
  report.rawMarkdown = markdown;
  report.brokenCode = broken;
  await until(() => [...document.images].every(i => i.complete), 5000);
  report.images = [...document.images].map(i => ({ src: i.getAttribute("src"),
    ok: i.complete && i.naturalWidth > 0 && i.naturalHeight > 0 }));
  const objects = [...document.querySelectorAll("object")];
  const svgOk = o => { const d = o.contentDocument; const r = o.getBoundingClientRect();
    return !!(d && d.documentElement && d.documentElement.localName === "svg" &&
              d.documentElement.childElementCount > 0 && r.width > 0 && r.height > 0); };
  await until(() => objects.every(svgOk), 5000);
  report.images.push(...objects.map(o => ({ src: o.getAttribute("data"), ok: svgOk(o) })));
  // Layout (issue 16 §7): the page title larger than its headings; a text column of at most 90
  // characters; every title of the sidebar shown whole; no program output or command wider than its box.
  const layout = [];
  const title = document.querySelector("div.header div.title");
  const px = e => parseFloat(getComputedStyle(e).fontSize);
  if (title) {
    for (const h of document.querySelectorAll("div.contents h1, div.contents h2, div.contents h3")) {
      if (px(h) >= px(title)) { layout.push(`a heading (${px(h)} px: "${h.textContent.trim().slice(0, 40)}") is not smaller than the page title (${px(title)} px)`); break; }
    }
  }
  const canvas = document.createElement("canvas").getContext("2d");
  for (const p of document.querySelectorAll("div.textblock p, div.contents > p")) {
    const text = p.textContent.replace(/\s+/g, " ").trim();
    if (text.length < 200) continue;  // too short to fill a line
    const style = getComputedStyle(p);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const perChar = canvas.measureText(text).width / text.length;
    const chars = p.clientWidth / perChar;
    if (chars > 90) { layout.push(`a paragraph ${Math.round(chars)} characters wide (at most 90): "${text.slice(0, 40)}"`); break; }
  }
  await until(() => document.querySelector("#nav-tree a"), 3000);
  const tree = document.getElementById("nav-tree");
  if (tree) {
    const right = tree.getBoundingClientRect().right;
    for (const a of tree.querySelectorAll("a")) {
      const r = a.getBoundingClientRect();
      if (r.width > 0 && r.right > right + 1) { layout.push(`a sidebar title is cut: "${a.textContent.trim()}"`); }
    }
  }
  for (const box of document.querySelectorAll("pre.fragment")) {
    if (box.scrollWidth > box.clientWidth + 1 && !box.closest(".memproto, .memdoc")) {
      layout.push(`a block wider than its box (${box.scrollWidth} px in ${box.clientWidth}): "${box.textContent.trim().slice(0, 40)}"`);
    }
  }
  report.layout = layout;
  // The site's own script (docs/site.js): hints folded, copy buttons, the search over the chapters' text.
  report.details = [...document.querySelectorAll("details")].map(d => ({ open: d.open, summary: (d.querySelector("summary") || {}).textContent || "" }));
  report.fragments = [...document.querySelectorAll("div.fragment, pre.fragment")].filter(b => !b.closest(".program-output")).length;
  report.copyButtons = document.querySelectorAll("button.copy-button").length;
  report.searchHits = window.COURSE_INDEX && window.courseSearch ? window.courseSearch("backpropagation gradient").length : -1;
  report.title = document.title;
  report.contents = !!document.querySelector("div.contents, div.header, div.textblock");
  const content = document.getElementById("doc-content");
  const top = document.getElementById("top");
  report.height = Math.ceil((top ? top.offsetHeight : 0) + (content ? content.scrollHeight : document.body.scrollHeight) + 40);
  return report;
})()
"""


def drain(events):
    while True:
        try:
            yield events.get_nowait()
        except queue.Empty:
            return


class Tab:
    def __init__(self, browser):
        self.browser = browser
        # Each tab in a window of its own: a tab behind another one in the same window is hidden, and a
        # hidden tab draws no frame, so a screenshot of it would wait forever.
        target = browser.send("Target.createTarget", {"url": "about:blank", "newWindow": True,
                                                      "background": False})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.events = browser.event_queue(self.session)
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def send(self, method, params=None, timeout=PAGE_TIMEOUT):
        return self.browser.send(method, params, self.session, timeout)

    def check(self, path, screenshot):
        """Load one page and return its problems (a list of strings)."""
        list(drain(self.events))
        problems = []
        nav = self.send("Page.navigate", {"url": path.as_uri()})
        if nav.get("errorText"):
            return [f"does not load: {nav['errorText']}"]
        end = time.monotonic() + PAGE_TIMEOUT
        loaded = False
        seen = []
        while not loaded and time.monotonic() < end:
            try:
                event = self.events.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            seen.append(event)
            loaded = event.get("method") == "Page.loadEventFired"
        if not loaded:
            return [f"does not finish loading within {PAGE_TIMEOUT:.0f} s"]
        result = self.send("Runtime.evaluate", {"expression": PAGE_JS, "awaitPromise": True, "returnByValue": True},
                           timeout=60)
        if "exceptionDetails" in result:
            return [f"the check itself failed: {result['exceptionDetails'].get('text')}"]
        r = result["result"]["value"]
        seen += list(drain(self.events))
        urls = {e["params"]["requestId"]: e["params"]["request"]["url"] for e in seen
                if e.get("method") == "Network.requestWillBeSent"}
        for event in seen:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                text = details.get("exception", {}).get("description") or details.get("text")
                problems.append(f"JavaScript error: {text}")
            elif (method == "Network.loadingFailed" and not params.get("canceled")
                  and not urls.get(params.get("requestId"), "").startswith(("about:", "data:"))):
                url = urls.get(params.get("requestId"), "a file")
                problems.append(f"{url} failed to load ({params.get('errorText')})")
            elif method == "Network.responseReceived" and params.get("response", {}).get("status", 200) >= 400:
                problems.append(f"{params['response']['url']}: HTTP {params['response']['status']}")
        if not r["contents"] or not r["title"]:
            problems.append("the page has no title or no content")
        if r["mathjax"] not in ("none", "done"):
            problems.append(f"MathJax {r['mathjax']}")
        if r["tex"] != r["frames"]:
            problems.append(f"{r['tex'] - r['frames']} of {r['tex']} formulas left as raw TeX "
                            f"({r['frames']} MathJax-Element-N-Frame for {r['tex']} math/tex scripts)")
        for error in r["mathErrors"]:
            problems.append(f"MathJax error: {error}")
        for text in r["rawTex"]:
            problems.append(f"raw TeX in the text: {text!r}")
        name = path.name
        if re.fullmatch(r"ex\d\d\.html", name) and not any("hint" in d["summary"].lower() for d in r["details"]):
            problems.append("an exercise page without its hint folded (<details> … A hint …)")
        if any(d["open"] for d in r["details"]):
            problems.append("a <details> (hint or answer) is open when the page loads")
        if r["fragments"] and r["copyButtons"] < r["fragments"] and (path.parent / "site.js").exists():
            problems.append(f"{r['fragments'] - r['copyButtons']} blocks of code without a copy button")
        if name == "index.html" and (path.parent / "search-index.js").exists() and r["searchHits"] < 1:
            problems.append(f"the search finds nothing for 'backpropagation gradient' ({r['searchHits']})")
        for text in r["layout"]:
            problems.append(f"layout: {text}")
        for text in r["brokenCode"]:
            problems.append(f"a code span broken in the text (a stray ` or an en dash for --): {text!r}")
        for text in r["rawMarkdown"]:
            problems.append(f"raw Markdown (** or a tag) in the text: {text!r}")
        for image in r["images"]:
            if not image["ok"]:
                problems.append(f"image missing or empty: {image['src']}")
        if screenshot:
            height = min(max(r["height"], 600), 16000)
            self.send("Emulation.setDeviceMetricsOverride",
                      {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False})
            time.sleep(0.3)  # Doxygen's resize handler lays out the panes for the new height
            try:
                shot = self.send("Page.captureScreenshot", SCREENSHOT, timeout=30)
            except RuntimeError:  # no frame drawn (a busy machine): bring the tab forward and try again
                self.send("Page.bringToFront")
                shot = self.send("Page.captureScreenshot", SCREENSHOT, timeout=60)
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            screenshot.write_bytes(base64.b64decode(shot["data"]))
            self.send("Emulation.setDeviceMetricsOverride",
                      {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        return problems, r


def same_assets(site, earlier):
    """Whether every file of site other than its pages (.html) is byte for byte the same in earlier."""
    for path in site.rglob("*"):
        if path.is_file() and path.suffix != ".html":
            other = earlier / path.relative_to(site)
            if not other.is_file() or other.read_bytes() != path.read_bytes():
                return False
    return True


def screenshot_wanted(path):
    return re.fullmatch(r"(ch|ex)\d\d\.html|index\.html|notation\.html|lecture\.html", path.name) is not None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=pathlib.Path, action="append", required=True, help="an edition's html/ folder")
    parser.add_argument("--screenshots", type=pathlib.Path, required=True)
    parser.add_argument("--tabs", type=int, default=3, help="pages loaded at once")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM") or shutil.which("chromium")
                        or shutil.which("chromium-browser"))
    args = parser.parse_args()
    start = time.monotonic()
    failures = []
    jobs, sites, repeated = [], [], 0
    for site in args.site:
        site = site.resolve()
        if not (site / "index.html").exists():
            print(f"check_site: {site}/index.html does not exist: build the website first (./course docs)")
            return 1
        count, problems = check_links(site)
        failures += problems
        print(f"{site}: {count} internal links checked, {len(problems)} broken")
        edition = site.parent.name
        earlier = next((e for e in sites if same_assets(site, e)), None)
        sites.append(site)
        for page in sorted(site.glob("*.html")):
            shot = args.screenshots / edition / page.with_suffix(".png").name if screenshot_wanted(page) else None
            if earlier and not shot and (earlier / page.name).is_file() and \
                    (earlier / page.name).read_bytes() == page.read_bytes():
                repeated += 1  # shown exactly as the earlier edition's page, which is loaded
                continue
            jobs.append((site, page, shot))
    if not args.chromium:
        print("check_site: chromium is not installed (Debian's `chromium`; ./course test installs it)")
        return 1
    if args.screenshots.exists():
        shutil.rmtree(args.screenshots)
    browser = Browser(args.chromium)
    todo = queue.Queue()
    for job in jobs:
        todo.put(job)
    totals = {"pages": 0, "formulas": 0, "images": 0, "screenshots": 0}
    lock = threading.Lock()

    def work():
        tab = Tab(browser)
        while True:
            try:
                site, page, shot = todo.get_nowait()
            except queue.Empty:
                return
            try:
                outcome = tab.check(page, shot)
            except RuntimeError as e:
                outcome = ([str(e)], None)
            problems, report = outcome if isinstance(outcome, tuple) else (outcome, None)
            with lock:
                totals["pages"] += 1
                if report:
                    totals["formulas"] += report["frames"]
                    totals["images"] += len(report["images"])
                totals["screenshots"] += bool(shot and shot.exists())
                failures.extend(f"{site.parent.name}/{page.name}: {p}" for p in problems)

    try:
        threads = [threading.Thread(target=work) for _ in range(max(1, args.tabs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        browser.close()
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"check_site: {totals['pages']} pages in {len(args.site)} edition(s) loaded in Chromium, "
          f"{totals['formulas']} formulas typeset, {totals['images']} images, {totals['screenshots']} screenshots "
          f"in {args.screenshots}; {len(failures)} problem(s); {time.monotonic() - start:.1f} s")
    if repeated:
        print(f"check_site: {repeated} more page(s) not loaded: byte for byte an earlier edition's page, "
              f"in a site whose other files are the same too")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
