# The command line of a chapter program, the same in every chapter (nn::run_program, src/base/program.hpp),
# checked without running the program's work (cmake -P; PROGRAM, DIR = a scratch folder):
#   --help                    exit 0, the usage on stdout
#   an unknown option         exit 2, "chNN-name: unknown option '…'" and the usage on stderr
#   --figure-data, no value   exit 2, the same
#   --figure-data FILE        exit 1, "chNN-name: --figure-data FILE: cannot make that folder (…)", no usage
# With TRAINING (chapters 7 and 8): a bad value (exit 2) and --figure-data with options (exit 2).
# With FIGURE (a file that --figure-data DIR writes): `PROGRAM` and `PROGRAM --figure-data DIR` both exit 0
# and print the same, and the second writes DIR/FIGURE.
get_filename_component(name "${PROGRAM}" NAME)
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# run(EXIT_STATUS ARGS...): runs PROGRAM ARGS, fails unless it exits with EXIT_STATUS; sets out and err.
function(run expected)
  execute_process(COMMAND "${PROGRAM}" ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  list(JOIN ARGN " " args)
  set(shown "${name} ${args}")
  if(NOT rc STREQUAL "${expected}")
    message(FATAL_ERROR "${shown}: exit status ${rc}, expected ${expected}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
  set(shown "${shown}" PARENT_SCOPE)
endfunction()

# expect(STREAM REGEX): fails unless the variable STREAM (out or err) matches REGEX.
function(expect stream regex)
  if(NOT "${${stream}}" MATCHES "${regex}")
    message(FATAL_ERROR "${shown}: its std${stream} does not match '${regex}':\n${${stream}}")
  endif()
endfunction()

run(0 --help)
expect(out "^Usage: ${name} .*\n  --figure-data DIR .*\n  --help ")
expect(err "^$")

run(2 --no-such-option)
expect(err "^${name}: unknown option '--no-such-option'\n\nUsage: ${name} ")
expect(out "^$")

run(2 --figure-data)
expect(err "^${name}: --figure-data needs a value.*\n\nUsage: ${name} ")

file(WRITE "${DIR}/a-file" "")
run(1 --figure-data "${DIR}/a-file")
expect(err "^${name}: --figure-data ${DIR}/a-file: cannot make that folder \\([^\n]+\\)\n$")

if(TRAINING)
  run(2 --epochs ten)
  expect(err "^${name}: --epochs: expected a whole number ≥ 1, got 'ten'\n\nUsage: ${name} ")
  run(2 --figure-data "${DIR}/figures" --epochs 5)
  expect(err "^${name}: --figure-data DIR goes alone")
endif()

if(DEFINED FIGURE)
  run(0)
  set(plain "${out}")
  run(0 --figure-data "${DIR}/figures")
  if(NOT out STREQUAL plain OR plain STREQUAL "")
    message(FATAL_ERROR "${shown} printed\n${out}\ninstead of what ${name} alone prints:\n${plain}")
  endif()
  if(NOT EXISTS "${DIR}/figures/${FIGURE}")
    message(FATAL_ERROR "${shown} did not write ${DIR}/figures/${FIGURE}")
  endif()
endif()
message(STATUS "${name}: --help, a bad option, a folder it cannot make: the same command line as every chapter")
