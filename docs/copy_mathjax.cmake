# Copy the parts of MathJax 2 (Debian's libjs-mathjax) that the pages load: TeX in, HTML-CSS out with
# the TeX fonts only (their web fonts as WOFF), so the site typesets formulas with no network and stays
# small. The browser test (check_site.py) fails if a page asks for a file
# that is not here. (cmake -P; SRC, DST)
file(REMOVE_RECURSE "${DST}")
file(MAKE_DIRECTORY "${DST}")
file(COPY "${SRC}/MathJax.js" DESTINATION "${DST}")
file(COPY "${SRC}/extensions" DESTINATION "${DST}" FILES_MATCHING PATTERN "*.js" PATTERN "a11y" EXCLUDE
     PATTERN "MathML" EXCLUDE)
file(COPY "${SRC}/jax/input/TeX" DESTINATION "${DST}/jax/input")
file(COPY "${SRC}/jax/element" DESTINATION "${DST}/jax")
file(COPY "${SRC}/jax/output/HTML-CSS" DESTINATION "${DST}/jax/output" PATTERN "fonts/*" EXCLUDE)
file(COPY "${SRC}/jax/output/HTML-CSS/fonts/TeX" DESTINATION "${DST}/jax/output/HTML-CSS/fonts")
file(COPY "${SRC}/fonts/HTML-CSS/TeX/woff" DESTINATION "${DST}/fonts/HTML-CSS/TeX")
