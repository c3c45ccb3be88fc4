# Run a chapter program and keep what it prints, for the website (cmake -P; PROGRAM, OUT, WORKDIR).
execute_process(COMMAND "${PROGRAM}" WORKING_DIRECTORY "${WORKDIR}" OUTPUT_FILE "${OUT}.tmp"
                ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} failed (${rc}): ${err}")
endif()
file(RENAME "${OUT}.tmp" "${OUT}")
