# Plot one figure: gnuplot runs SCRIPT with `datadir` and `output` set and the SVG terminal chosen;
# any message from gnuplot (a warning too) fails the build, so does an empty figure
# (cmake -P; GNUPLOT, SCRIPT, DATADIR, OUT).
set(tmp "${OUT}.tmp.svg")
file(REMOVE "${tmp}")
execute_process(
  COMMAND "${GNUPLOT}" -e "set encoding utf8; set terminal svg size 640,400 font 'sans,13' background rgb 'white'; datadir='${DATADIR}'; output='${tmp}'; set output output"
          "${SCRIPT}"
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "" OR NOT err STREQUAL "")
  message(FATAL_ERROR "gnuplot ${SCRIPT} (datadir='${DATADIR}') failed (${rc}):\n${out}${err}")
endif()
file(SIZE "${tmp}" size)
if(size LESS 200)
  message(FATAL_ERROR "gnuplot ${SCRIPT} made an empty figure")
endif()
file(RENAME "${tmp}" "${OUT}")
