# runfuzzer.cmake: one smoke run of a libFuzzer target for ctest (see CMakeLists.txt).
#   cmake -DFUZZER=<binary> -DRUNS=<n> -DSEEDS=<seed dir> -DDICT=<file or empty>
#         -DSCRATCH=<dir> -P runfuzzer.cmake
# libFuzzer writes every new input into the first corpus directory it is given and
# only reads the others, so the first is SCRATCH, emptied before each run: the
# committed seeds are never written to and every run starts from the same inputs.
# Crash, leak and timeout inputs go to SCRATCH too (-artifact_prefix).
foreach(var FUZZER RUNS SEEDS SCRATCH)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "runfuzzer.cmake: -D${var}=... is missing")
    endif()
endforeach()
if(NOT EXISTS "${FUZZER}")
    message(FATAL_ERROR "runfuzzer.cmake: no fuzzer at ${FUZZER} (build the target `fuzzers` "
                        "of the FUMIBAKO_FUZZ build first)")
endif()
file(REMOVE_RECURSE "${SCRATCH}")
file(MAKE_DIRECTORY "${SCRATCH}/corpus")
set(args -runs=${RUNS} -seed=1 -artifact_prefix=${SCRATCH}/)
if(DICT)
    list(APPEND args -dict=${DICT})
endif()
list(APPEND args "${SCRATCH}/corpus")
if(EXISTS "${SEEDS}")
    list(APPEND args "${SEEDS}")
endif()
list(JOIN args " " shown)
message(STATUS "${FUZZER} ${shown}")
execute_process(COMMAND "${FUZZER}" ${args} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${FUZZER} failed (${rc}); the input is in ${SCRATCH}/")
endif()
