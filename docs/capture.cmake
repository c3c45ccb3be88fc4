# Run a chapter program and keep what it prints, for the website (cmake -P; PROGRAM, OUT, WORKDIR).
# With UNFINISHED_OK (a student's copy: the programs are built from exercises/), a program that stops on
# a stub ("not implemented yet") leaves a note in the page instead of failing the build.
execute_process(COMMAND "${PROGRAM}" WORKING_DIRECTORY "${WORKDIR}" OUTPUT_FILE "${OUT}.tmp"
                ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  if(UNFINISHED_OK AND err MATCHES "not implemented yet")
    string(STRIP "${err}" err)
    file(WRITE "${OUT}.tmp" "(The program stops at a function not written yet:\n ${err}\n"
                            " Its output appears here once your exercise is done: ./course docs)\n")
  else()
    message(FATAL_ERROR "${PROGRAM} failed (${rc}): ${err}")
  endif()
endif()
file(RENAME "${OUT}.tmp" "${OUT}")
