#!/usr/bin/env python3
"""The browser test must be able to fail: check_site.py over a small site with one problem of each kind
(a formula MathJax cannot typeset, TeX or Markdown left raw in the text, a broken code span, a missing image, an empty image, a link to
no file, a link to no anchor, a JavaScript error) must report each of them, and a good page none. A second edition
of that site, the same but for one page, must have that page loaded and its problem reported: only pages byte for
byte an earlier edition's are left out.

test_check_site.py MATHJAX_DIR (a copy of MathJax next to a built edition, e.g. build/docs/instructor/html/mathjax)
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile

HEAD = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<script type="text/x-mathjax-config">MathJax.Hub.Config({{extensions: ["tex2jax.js", "TeX/AMSmath.js"],
jax: ["input/TeX", "output/HTML-CSS"], messageStyle: "none"}});</script>
<script type="text/javascript" async="async" src="mathjax/MathJax.js"></script></head>
<body><div class="contents">{body}</div></body></html>
"""
GOOD = r"""<p id="top">A formula \(\sigma(z) = \frac{1}{1 + e^{-z}}\) and \[ \dfrac{a}{b} \]</p>
<p><a href="bad.html">a page</a>, <a href="#top">an anchor</a>, <img src="dot.svg" alt="dot"></p>
<pre>\f$ in code is fine \(x\), and so is a ** b</pre>"""
BAD = r"""<p>A formula \(\sigma(z) \undefinedmacro 1\) and raw \f$x\f$ text.</p>
<ul><li>**Why \(x\).** Markdown that Doxygen left alone.</li></ul>
<h2>Lazy expressions and &lt;tt&gt;xt::noalias&lt;/tt&gt;</h2>
<p><a href="nowhere.html">no file</a>, <a href="index.html#no-such-anchor">no anchor</a>,
<img src="missing.png" alt="missing"> <img src="empty.svg" alt="empty"></p>
<p>names the option: ‘--lr: got ’-1'.–load FILE –predict points.csv prints` for</p>
<div class="header"><div class="title" style="font-size: 14px">A small title</div></div>
<div class="textblock"><h1 style="font-size: 28px">A larger heading</h1>
<p style="width: 1150px">A paragraph as wide as the window, far more than ninety characters a line. A paragraph as wide as the window, far more than ninety characters a line. A paragraph as wide as the window, far more than ninety characters a line. A paragraph as wide as the window, far more than ninety characters a line. </p></div>
<div id="nav-tree" style="width: 120px; overflow: hidden"><a style="white-space: nowrap">Chapter 5: The loss, with regularization</a></div>
<pre class="fragment" style="width: 200px; overflow-x: auto">epoch 2000  loss 0.02743  train  99.75 %  held-out  99.33 %  time 2.0s  L rose in 1 of 2000 epochs</pre>
<script>undefined_function_of_the_page();</script>"""
EXPECTED = {
    "MathJax error: Undefined control sequence \\undefinedmacro": "a formula MathJax cannot typeset",
    "raw TeX in the text": "TeX left raw in the text",
    "raw Markdown (** or a tag) in the text: '**Why'": "Markdown bold left raw in the text",
    "raw Markdown (** or a tag) in the text: 'Lazy": "an HTML tag shown as text",
    "link to nowhere.html: no such file": "a link to no file",
    "no anchor 'no-such-anchor'": "a link to no anchor",
    "image missing or empty: missing.png": "a missing image",
    "image missing or empty: empty.svg": "an empty image",
    "JavaScript error": "a JavaScript error",
    "a code span broken in the text": "a code span Doxygen broke (en dashes for --, a stray backtick)",
    "is not smaller than the page title": "a heading larger than the page title",
    "ex01.html: an exercise page without its hint folded": "an exercise page whose hint is not folded",
    "characters wide (at most 90)": "a text column too wide",
    "a sidebar title is cut": "a sidebar title cut",
    "a block wider than its box": "program output scrolled out of sight",
    "second/changed.html: MathJax error: Undefined control sequence \\onlyinthesecond":
        "the one page of the second edition that differs from the first",
    "1 more page(s) not loaded": "the page of the second edition that is the first's, left out",
}


def main():
    mathjax = pathlib.Path(sys.argv[1]).resolve()
    if not (mathjax / "MathJax.js").exists():
        print(f"test_check_site: no {mathjax}/MathJax.js: build the website first (./course docs)")
        return 1
    with tempfile.TemporaryDirectory(prefix="check-site-test-") as tmp:
        site = pathlib.Path(tmp) / "bad-site" / "html"
        site.mkdir(parents=True)
        (site / "mathjax").symlink_to(mathjax)
        (site / "index.html").write_text(HEAD.format(title="good", body=GOOD))
        (site / "bad.html").write_text(HEAD.format(title="bad", body=BAD))
        (site / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                                      '<circle cx="5" cy="5" r="4"/></svg>')
        (site / "empty.svg").write_text("")
        (site / "changed.html").write_text(HEAD.format(title="changed", body=GOOD))
        (site / "ex01.html").write_text(HEAD.format(title="exercise", body="<p>**Hint**: the hint, not folded.</p>"
                                                    .replace("**", "")))
        second = pathlib.Path(tmp) / "second" / "html"
        shutil.copytree(site, second, symlinks=True)
        (second / "changed.html").write_text(HEAD.format(title="changed", body=r"<p>\(\onlyinthesecond x\)</p>"))
        run = subprocess.run([sys.executable, str(pathlib.Path(__file__).with_name("check_site.py")),
                              "--site", str(site), "--site", str(second), "--screenshots", str(pathlib.Path(tmp) / "shots"), "--tabs", "2"],
                             capture_output=True, text=True)
    print(run.stdout + run.stderr)
    report = run.stdout
    missed = [what for key, what in EXPECTED.items() if key not in report]
    good_flagged = [line for line in report.splitlines() if line.startswith("FAIL") and "index.html:" in line
                    and "index.html#" not in line or line.startswith("FAIL bad-site/changed.html")]
    if run.returncode == 0:
        missed.append("the exit status (0 for a broken site)")
    for what in missed:
        print(f"test_check_site: check_site.py did not report {what}")
    for line in good_flagged:
        print(f"test_check_site: the good page was reported: {line}")
    return 1 if missed or good_flagged else 0


if __name__ == "__main__":
    sys.exit(main())
