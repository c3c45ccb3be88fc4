# Run a chapter program for the website, once (cmake -P; PROGRAM, OUT, WORKDIR, and for a chapter with
# figures DIR and STAMP): `PROGRAM`, or `PROGRAM --figure-data DIR` into an emptied DIR, which prints the
# same and also writes the figures' data (src/base/program.hpp); what it prints becomes OUT (the page's
# \verbinclude), and STAMP is touched.
# With UNFINISHED_OK (a student's copy: the programs are built from exercises/), a program that stops on a
# stub ("not implemented yet") leaves a note in OUT, and DIR/UNFINISHED with its message, from which
# plot.cmake draws a placeholder; any other failure fails the build.
function(run)
  execute_process(COMMAND "${PROGRAM}" ${ARGN} WORKING_DIRECTORY "${WORKDIR}" OUTPUT_VARIABLE out
                  ERROR_VARIABLE err RESULT_VARIABLE rc)
  set(out "${out}" PARENT_SCOPE)
  set(unfinished "" PARENT_SCOPE)
  if(NOT rc EQUAL 0)
    if(UNFINISHED_OK AND err MATCHES "not implemented yet")
      string(STRIP "${err}" err)
      set(unfinished "${err}" PARENT_SCOPE)
    else()
      list(JOIN ARGN " " args)
      message(FATAL_ERROR "${PROGRAM} ${args} failed (${rc}): ${err}")
    endif()
  endif()
endfunction()

if(DEFINED DIR)
  file(REMOVE_RECURSE "${DIR}")
  file(MAKE_DIRECTORY "${DIR}")
  run(--figure-data "${DIR}")
  if(unfinished)
    file(WRITE "${DIR}/UNFINISHED" "${unfinished}")
  endif()
else()
  run()
endif()
if(out STREQUAL "" AND NOT unfinished)
  message(FATAL_ERROR "${PROGRAM} printed nothing: its page shows what it prints")
endif()
if(unfinished)
  string(CONCAT out "(The program stops at a function not written yet:\n ${unfinished}\n"
                    " Its output appears here once your exercise is done: ./course docs)\n")
endif()
file(WRITE "${OUT}.tmp" "${out}")
file(RENAME "${OUT}.tmp" "${OUT}")
if(DEFINED STAMP)
  file(TOUCH "${STAMP}")
endif()
