# Determinism: the same seed gives bit-identical θ after training, across two runs and across the
# single- and multi-threaded OpenBLAS settings (cmake -P; PROGRAM = the chapter-7 program, DIR = scratch).
file(MAKE_DIRECTORY "${DIR}")
foreach(run one_thread two_threads again)
  if(run STREQUAL "one_thread")
    set(threads 1)
  else()
    set(threads 2)
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env OPENBLAS_NUM_THREADS=${threads} "${PROGRAM}" --seed 7 --epochs 300
                          --save "${DIR}/theta-${run}.txt"
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "training (${run}) failed: ${err}")
  endif()
endforeach()
foreach(run two_threads again)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${DIR}/theta-one_thread.txt" "${DIR}/theta-${run}.txt"
                  RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "the trained θ of '${run}' differs from the single-threaded run's (same seed 7)")
  endif()
endforeach()
message(STATUS "same seed, same θ to the last bit: one thread, two threads, and a second run")
