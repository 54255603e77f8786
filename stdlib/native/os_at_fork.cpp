// os.register_at_fork: Python callables run around os.fork() — `before` hooks in reverse order of
// registration before the fork, `after_in_parent` and `after_in_child` hooks in registration order
// after it, in the process each names (CPython's semantics). A hook that raises is reported as
// unraisable and the others still run. The lists belong to the interpreter: a forked child
// inherits them with everything else.
#include "stdlib/native/os_at_fork.h"

#include <algorithm>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace {

struct AtForkHooks {
  std::vector<Ref> before, after_in_parent, after_in_child;
};

AtForkHooks& hooks() {
  static auto* h = new AtForkHooks();  // never destroyed: hooks may run during exit
  return *h;
}

void run_hooks(const std::vector<Ref>& list, bool reverse) {
  // A copy: a hook may register more hooks.
  std::vector<Ref> calls;
  for (const Ref& r : list) calls.push_back(Ref::new_ref(r.get()));
  if (reverse) std::reverse(calls.begin(), calls.end());
  for (const Ref& f : calls) {
    Ref r = call0(f.get());
    if (!r) write_unraisable(f.get(), nullptr);  // "Exception ignored in: <hook>"
  }
}

}  // namespace

void run_fork_hooks_before() { run_hooks(hooks().before, true); }
void run_fork_hooks_after(bool child) { run_hooks(child ? hooks().after_in_child : hooks().after_in_parent, false); }

Ref os_register_at_fork(Value, const Value* args, size_t nargs, TupleObject* kw) {
  static const char* const kNames[3] = {"before", "after_in_child", "after_in_parent"};
  if (nargs > 0) return raise(&exc_TypeError, "register_at_fork() takes no positional arguments");
  Value given[3] = {Value(), Value(), Value()};
  for (size_t i = 0; kw != nullptr && i < kw->size; i++) {
    std::string_view name = as_str(kw->at(i))->view();
    size_t k = 0;
    while (k < 3 && name != kNames[k]) k++;
    if (k == 3) {
      return raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for register_at_fork()", name);
    }
    given[k] = args[nargs + i];
  }
  bool any = false;
  for (int k = 0; k < 3; k++) {
    if (!given[k]) continue;
    if (!callable(given[k])) {  // None included, as on CPython
      return raise_fmt(&exc_TypeError, "'{}' must be callable, not {}", kNames[k], type_name(given[k]));
    }
    any = true;
  }
  if (!any) return raise(&exc_TypeError, "At least one argument is required.");
  AtForkHooks& h = hooks();
  std::vector<Ref>* lists[3] = {&h.before, &h.after_in_child, &h.after_in_parent};
  for (int k = 0; k < 3; k++) {
    if (given[k]) lists[k]->push_back(Ref::new_ref(given[k]));
  }
  return none_ref();
}

}  // namespace minipy::lib
