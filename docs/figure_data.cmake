# Run a chapter program as `PROGRAM --figure-data DIR` into an emptied DIR, then touch STAMP
# (cmake -P; PROGRAM, DIR, STAMP).
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
execute_process(COMMAND "${PROGRAM}" --figure-data "${DIR}" WORKING_DIRECTORY "${DIR}"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} --figure-data ${DIR} failed (${rc}): ${out}${err}")
endif()
file(TOUCH "${STAMP}")
