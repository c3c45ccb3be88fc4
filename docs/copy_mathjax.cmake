# Copy the parts of MathJax 2 that the pages load (TeX in, HTML-CSS out, its web fonts), so the site
# typesets formulas with no network (cmake -P; SRC, DST).
file(MAKE_DIRECTORY "${DST}")
file(COPY "${SRC}/MathJax.js" "${SRC}/extensions" DESTINATION "${DST}")
file(COPY "${SRC}/config" DESTINATION "${DST}" FILES_MATCHING PATTERN "TeX-AMS*" PATTERN "*.js")
file(COPY "${SRC}/jax/input/TeX" DESTINATION "${DST}/jax/input")
file(COPY "${SRC}/jax/output/HTML-CSS" DESTINATION "${DST}/jax/output")
file(COPY "${SRC}/jax/element" DESTINATION "${DST}/jax")
file(COPY "${SRC}/fonts/HTML-CSS/TeX" DESTINATION "${DST}/fonts/HTML-CSS")
