# Plot one figure: gnuplot runs SCRIPT with `datadir` and `output` set, the SVG terminal chosen and the
# site's palette loaded;
# any message from gnuplot (a warning too) fails the build, so does an empty figure
# (cmake -P; GNUPLOT, SCRIPT, DATADIR, OUT).
set(tmp "${OUT}.tmp.svg")
file(REMOVE "${tmp}")
# The one palette of the site (docs/palette.gp) first: the classes' colours, the line colours.
set(setup "set encoding utf8; load '${CMAKE_CURRENT_LIST_DIR}/palette.gp'; set terminal svg size 640,400 font 'sans,13' background rgb 'white'; datadir='${DATADIR}'; output='${tmp}'; set output output")
if(EXISTS "${DATADIR}/UNFINISHED")
  # A student's copy whose program stops on a stub: a placeholder that says so (see figure_data.cmake).
  file(READ "${DATADIR}/UNFINISHED" why)
  string(REGEX REPLACE "[\"\\\n]" " " why "${why}")
  execute_process(
    COMMAND "${GNUPLOT}" -e "${setup}; unset border; unset tics; unset key; set label 1 \"This figure is plotted once your exercise is done.\" at screen 0.5, 0.55 center; set label 2 \"${why}\" at screen 0.5, 0.45 center font 'sans,10'; plot [0:1][0:1] -1"
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
else()
  execute_process(COMMAND "${GNUPLOT}" -e "${setup}" "${SCRIPT}" OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
endif()
if(NOT rc EQUAL 0 OR NOT out STREQUAL "" OR NOT err STREQUAL "")
  message(FATAL_ERROR "gnuplot ${SCRIPT} (datadir='${DATADIR}') failed (${rc}):\n${out}${err}")
endif()
file(SIZE "${tmp}" size)
if(size LESS 200)
  message(FATAL_ERROR "gnuplot ${SCRIPT} made an empty figure")
endif()
file(RENAME "${tmp}" "${OUT}")
