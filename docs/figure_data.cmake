# Run a chapter program as `PROGRAM --figure-data DIR` into an emptied DIR, then touch STAMP
# (cmake -P; PROGRAM, DIR, STAMP). With UNFINISHED_OK (a student's copy), a program that stops on a stub
# leaves DIR/UNFINISHED with its message, and plot.cmake draws a placeholder instead of the figure.
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
execute_process(COMMAND "${PROGRAM}" --figure-data "${DIR}" WORKING_DIRECTORY "${DIR}"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  if(UNFINISHED_OK AND err MATCHES "not implemented yet")
    string(STRIP "${err}" err)
    file(WRITE "${DIR}/UNFINISHED" "${err}")
  else()
    message(FATAL_ERROR "${PROGRAM} --figure-data ${DIR} failed (${rc}): ${out}${err}")
  endif()
endif()
file(TOUCH "${STAMP}")
