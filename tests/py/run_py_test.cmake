# Runs one corpus script under minipy and compares it with the expectations CPython produced.
#   cmake -DMINIPY=/path/to/minipy -DSCRIPT=/abs/tests/py/<area>/<name>.py -P run_py_test.cmake
# The script runs in its own directory with its bare file name as argument (so tracebacks say
# File "<name>.py"), stdin from <name>.in if present, else /dev/null. Checked:
#   stdout == <name>.exp exactly
#   exit status == <name>.code (default 0)
#   stderr == <name>.err when that file exists; for recursion_* scripts only the last non-empty
#   line of stderr is compared (traceback length depends on the recursion limit and frames)
# Any mismatch prints a report (first differing line, then expected and actual) and fails.
cmake_minimum_required(VERSION 3.20)
foreach(_var MINIPY SCRIPT)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "run_py_test.cmake: -D${_var}=... is required")
  endif()
endforeach()

get_filename_component(_dir ${SCRIPT} DIRECTORY)
get_filename_component(_file ${SCRIPT} NAME)
get_filename_component(_name ${SCRIPT} NAME_WE)
set(_base ${_dir}/${_name})

set(_input /dev/null)
if(EXISTS ${_base}.in)
  set(_input ${_base}.in)
endif()

execute_process(
  COMMAND ${MINIPY} ${_file}
  WORKING_DIRECTORY ${_dir}
  INPUT_FILE ${_input}
  OUTPUT_VARIABLE _out
  ERROR_VARIABLE _err
  RESULT_VARIABLE _rc)

set(_failures "")

# Splits off the first line of the variable named by rest_var (without its "\n") into line_var.
# Done with string(FIND) rather than lists: CMake lists mishandle "[", "]" and ";" in output.
macro(_next_line rest_var line_var)
  string(FIND "${${rest_var}}" "\n" _nl)
  if(_nl EQUAL -1)
    set(${line_var} "${${rest_var}}")
    set(${rest_var} "")
  else()
    string(SUBSTRING "${${rest_var}}" 0 ${_nl} ${line_var})
    math(EXPR _nl "${_nl} + 1")
    string(SUBSTRING "${${rest_var}}" ${_nl} -1 ${rest_var})
  endif()
endmacro()

# Prints expected vs actual with the first differing line marked, like a short unified diff.
function(_report what expected actual)
  set(_re "${expected}")
  set(_ra "${actual}")
  set(_lineno 1)
  while(1)
    if(_re STREQUAL "")
      set(_e "<end of output>")
    else()
      _next_line(_re _e)
    endif()
    if(_ra STREQUAL "")
      set(_a "<end of output>")
    else()
      _next_line(_ra _a)
    endif()
    if(NOT _e STREQUAL _a)
      break()
    endif()
    if(_re STREQUAL "" AND _ra STREQUAL "")
      set(_e "${_e}  (outputs differ only in a final newline)")
      break()
    endif()
    math(EXPR _lineno "${_lineno} + 1")
  endwhile()
  message("---- ${what} differs at line ${_lineno}\n-expected: ${_e}\n+actual:   ${_a}\n"
          "---- expected ${what}\n${expected}\n---- actual ${what}\n${actual}\n---- end of ${what}")
endfunction()

file(READ ${_base}.exp _exp_out)
if(NOT _out STREQUAL _exp_out)
  _report("stdout" "${_exp_out}" "${_out}")
  list(APPEND _failures stdout)
endif()

set(_exp_rc 0)
if(EXISTS ${_base}.code)
  file(READ ${_base}.code _exp_rc)
  string(STRIP "${_exp_rc}" _exp_rc)
endif()
if(NOT _rc STREQUAL _exp_rc)
  message("---- exit status: expected ${_exp_rc}, actual ${_rc}")
  if(NOT EXISTS ${_base}.err AND NOT _err STREQUAL "")
    message("---- stderr\n${_err}")
  endif()
  list(APPEND _failures "exit status")
endif()

# The same normalisation regen.sh applies to CPython's stderr: 'File "<script dir>/X.py"' is shown
# as 'File "X.py"', and library frames ('File "/abs/..."' or 'File "<frozen ...>"' plus their
# indented source/caret lines) are dropped, so embedded-stdlib line numbers don't matter.
function(_normalize_stderr text out_var)
  string(REPLACE "File \"${_dir}/" "File \"" _rest "${text}")
  set(_result "")
  set(_skipping FALSE)
  set(_first TRUE)
  while(NOT _rest STREQUAL "")
    _next_line(_rest _line)
    if(_line MATCHES "^  File \"[/<][^\"]*\", line [0-9]+")
      set(_skipping TRUE)
      continue()
    endif()
    if(_skipping AND _line MATCHES "^    ")
      continue()
    endif()
    set(_skipping FALSE)
    if(_first)
      set(_result "${_line}")
      set(_first FALSE)
    else()
      string(APPEND _result "\n${_line}")
    endif()
  endwhile()
  if(text MATCHES "\n$")
    string(APPEND _result "\n")
  endif()
  set(${out_var} "${_result}" PARENT_SCOPE)
endfunction()

if(EXISTS ${_base}.err)
  file(READ ${_base}.err _exp_err)
  _normalize_stderr("${_err}" _act_err)
  if(_name MATCHES "^recursion_")
    # Only the last non-empty line counts: the frames above it are implementation specific.
    string(STRIP "${_exp_err}" _exp_err)
    string(REGEX REPLACE "[\r\n]+$" "" _act_err "${_act_err}")
    string(REGEX REPLACE "^.*\n" "" _act_err "${_act_err}")
  endif()
  if(NOT _act_err STREQUAL _exp_err)
    _report("stderr" "${_exp_err}" "${_act_err}")
    list(APPEND _failures stderr)
  endif()
endif()

# A ThreadSanitizer report fails the test whatever the exit status: minipy leaves through _Exit
# (cli/main.cpp), which skips the sanitizer's exit-time step that turns reports into exit code
# 66, so a racy run could otherwise exit 0 with its output intact. (The TSan presets also set
# halt_on_error=1, which catches reports in child processes whose stderr the script swallows.)
if(_err MATCHES "WARNING: ThreadSanitizer")
  message("---- stderr (ThreadSanitizer report)\n${_err}")
  list(APPEND _failures "ThreadSanitizer report")
endif()

if(_failures)
  string(REPLACE ";" ", " _failures "${_failures}")
  message(FATAL_ERROR "${_file}: ${_failures} mismatch")
endif()
