// dict: the compact ordered hash table, its views and iterators, and the dict methods.
// Every mutation is one step under the GIL, so `d[k] = v` is atomic as in CPython. The public
// functions below also take a CriticalSection on the dict for every mutation and every read of
// its tables (the internal helpers lookup/insert/rebuild expect it held), which is what keeps
// them atomic in free-threaded builds. Lookups that hand a value to another thread's caller use
// the *_ref variants: the new reference is taken while the dict is still locked, so a concurrent
// `del d[k]` cannot free the value in between.
#include "runtime/objects/dict.h"

#include <algorithm>
#include <atomic>
#include <cstddef>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/list.h"
#include "runtime/objects/mappingproxy.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject dict_type;
TypeObject dict_keys_type, dict_values_type, dict_items_type;
TypeObject dict_keyiter_type, dict_valueiter_type, dict_itemiter_type;

namespace {

constexpr int32_t kEmpty = -1;
constexpr int32_t kDummy = -2;

/// Hash of a key with fast paths for str and small int.
bool key_hash(Value key, int64_t* h) {
  if (key.is_small()) {
    *h = int_hash(key);
    return true;
  }
  if (is_str_exact(key)) {
    *h = str_hash(as_str(key));
    return true;
  }
  return hash(key, h);
}

/// lookup's answer, with `eq_allowed` false, when deciding would call a key's __eq__.
constexpr int64_t kNeedsEq = -3;

/// Finds the entry index for key (or -1), and the index slot where it is / would go.
/// Returns -2 on error. With `eq_allowed` false it runs no Python code: it returns kNeedsEq
/// where a key's __eq__ would have to decide (the caller then holds `d` and asks again: that
/// __eq__ may run code that drops the last reference to `d`, e.g. by replacing the instance
/// __dict__ that `d` is).
int64_t lookup(DictObject* d, Value key, int64_t h, size_t* slot_out, bool eq_allowed = true) {
  if (d->index.empty()) {
    if (slot_out) *slot_out = 0;
    return -1;
  }
restart:
  size_t mask = d->index.size() - 1;
  size_t i = static_cast<size_t>(h) & mask;
  uint64_t perturb = static_cast<uint64_t>(h);
  size_t first_dummy = SIZE_MAX;
  for (;;) {
    int32_t ix = d->index[i];
    if (ix == kEmpty) {
      if (slot_out) *slot_out = first_dummy != SIZE_MAX ? first_dummy : i;
      return -1;
    }
    if (ix == kDummy) {
      if (first_dummy == SIZE_MAX) first_dummy = i;
    } else {
      DictEntry& e = d->entries[ix];
      // The cheap answers first (the same key, another hash, two small ints, two exact strs):
      // they run no Python code, so nothing can change under them and no reference is needed.
      int eq;
      if (e.key == key) {
        eq = 1;
      } else if (e.hash != h || (e.key.is_small() && key.is_small())) {
        eq = 0;
      } else if (is_str_exact(e.key) && is_str_exact(key)) {
        eq = str_equal(as_str(e.key), as_str(key));
      } else {
        if (!eq_allowed) return kNeedsEq;
        size_t index_size = d->index.size();
        Ref start_key = Ref::new_ref(e.key);  // held: __eq__ may delete it from the dict
        eq = equal(e.key, key);
        if (eq < 0) return -2;
        if (d->index.size() != index_size || d->index[i] != ix ||
            d->entries[ix].key != start_key.get()) {
          // An __eq__ changed the dict's keys under the probe: start again (as CPython does). A
          // value rebound meanwhile is no reason to: that would loop for ever when __eq__
          // rebinds.
          if (d->index.empty()) {
            if (slot_out) *slot_out = 0;
            return -1;
          }
          goto restart;
        }
      }
      if (eq) {
        if (slot_out) *slot_out = i;
        return ix;
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

void rebuild(DictObject* d, size_t min_capacity) {
  // Compact the entries and rebuild the index with room for 3/2 * used.
  size_t cap = 8;
  while (cap * 2 < (std::max(min_capacity, d->used) * 3)) cap *= 2;
  // The entries get room for every insertion until the next rebuild (insert rebuilds when a new
  // entry would pass 2/3 of the index): one allocation instead of the vector's doublings from 1
  // (a small instance __dict__ filled by __init__ used to reallocate three times).
  std::vector<DictEntry> live;
  live.reserve(std::max(d->used, cap * 2 / 3));
  for (DictEntry& e : d->entries) {
    if (e.key) live.push_back(e);
  }
  d->entries = std::move(live);
  d->index.assign(cap, kEmpty);
  size_t mask = cap - 1;
  for (size_t k = 0; k < d->entries.size(); k++) {
    uint64_t h = static_cast<uint64_t>(d->entries[k].hash);
    size_t i = h & mask;
    uint64_t perturb = h;
    while (d->index[i] != kEmpty) {
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    d->index[i] = static_cast<int32_t>(k);
  }
}

/// A fresh version for a dict that just changed. One counter for all dicts, so that a version
/// names one state of one dict: a cache keyed by (dict, version) never matches a new dict that
/// reuses a freed one's address (a new dict has version 0 only while it is empty).
#ifdef MINIPY_FREE_THREADING
std::atomic<uint64_t> g_dict_versions{0};
uint64_t next_version() { return g_dict_versions.fetch_add(1, std::memory_order_relaxed) + 1; }
#else
uint64_t g_dict_versions = 0;  // mutated under the GIL only
uint64_t next_version() { return ++g_dict_versions; }
#endif

/// d[key] = value: 1 done, 0 error; with `eq_allowed` false kNeedsEq (nothing done) where a
/// key's __eq__ would have to decide (see lookup).
int insert(DictObject* d, Value key, int64_t h, Value value, bool eq_allowed = true) {
  size_t slot;
  int64_t ix = lookup(d, key, h, &slot, eq_allowed);
  if (ix == -2) return 0;
  if (ix == kNeedsEq) return kNeedsEq;
  if (ix >= 0) {
    Value old = d->entries[ix].value;
    incref(value);
    d->entries[ix].value = value;
    d->version = next_version();
    decref(old);
    return 1;
  }
  if (d->index.empty() || (d->entries.size() + 1) * 3 > d->index.size() * 2) {
    rebuild(d, d->used + 1);
    lookup(d, key, h, &slot);  // cannot fail: key is absent and equality was already checked
  }
  incref(key);
  incref(value);
  d->index[slot] = static_cast<int32_t>(d->entries.size());
  d->entries.push_back(DictEntry{h, key, value});
  d->used++;
  d->version = next_version();
  return 1;
}

}  // namespace

Ref dict_new() { return Ref::steal(Value(alloc_instance<DictObject>(&dict_type))); }

Value dict_get(DictObject* d, Value key) {
  int64_t h;
  if (!key_hash(key, &h)) return Value();
  CriticalSection cs(d);
  int64_t ix = lookup(d, key, h, nullptr);
  if (ix < 0) return Value();
  return d->entries[ix].value;
}

Ref dict_get_ref(DictObject* d, Value key) {
  CriticalSection cs(d);
  return Ref::new_ref(dict_get(d, key));
}

namespace {
constexpr int64_t kStrLookupGeneral = -3;
/// The entry index of str `key` (caller holds d's critical section), -1 when missing, or
/// kStrLookupGeneral when a non-str key with the same hash is met (a str subclass that may be
/// equal: only the general lookup, which can run __eq__, may decide).
int64_t str_lookup_index(DictObject* d, StrObject* key) {
  if (d->index.empty()) return -1;
  int64_t h = str_hash(key);
  size_t mask = d->index.size() - 1;
  size_t i = static_cast<size_t>(h) & mask;
  uint64_t perturb = static_cast<uint64_t>(h);
  for (;;) {
    int32_t ix = d->index[i];
    if (ix == kEmpty) return -1;
    if (ix >= 0) {
      DictEntry& e = d->entries[ix];
      if (e.key == Value(key)) return ix;
      if (e.hash == h && is_str_exact(e.key) && str_equal(as_str(e.key), key)) return ix;
      if (e.hash == h && !is_str_exact(e.key)) return kStrLookupGeneral;
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}
}  // namespace

// The str-key functions below look up without running Python code while they can. Where a key
// of a str subclass with the same hash is met, its __eq__ decides, and it may run code that
// drops the last reference to `d` (replacing the instance __dict__ that `d` is: test
// hostile/instance_dict_replaced_during_lookup): that general path holds `d` until it is done,
// as CPython's generic getattr/setattr hold the instance dict, and takes that reference before
// the critical section (a reference dropped inside it would free the lock it is about to release).

/// Dicts that general lookups held (str_get_general), each kept until the thread's next one
/// starts: the value such a lookup returns is borrowed from its dict, which the lookup's __eq__
/// may have unlinked, and its caller takes its own reference right after the return. A plain
/// vector of raw pointers: thread_local destructors run where no reference may be dropped (a
/// thread's exit, without the GIL), so a thread that ends leaves these few dicts behind.
thread_local std::vector<DictObject*> t_general_held;

/// The general lookup of str `key`: `d` is held during it (its __eq__ may drop d's last
/// reference) and after it, until the thread's next general lookup (see t_general_held). The
/// hot paths stay as they were: only this rare path pays.
[[gnu::noinline]] static Value str_get_general(DictObject* d, StrObject* key) {
  incref(Value(d));  // first: the releases below may run code that drops the caller's reference
  std::vector<DictObject*> done;
  done.swap(t_general_held);  // earlier lookups' callers are done with their values
  for (DictObject* o : done) decref(Value(o));
  Value v = dict_get(d, Value(key));
  t_general_held.push_back(d);
  return v;
}

Value dict_get_str(DictObject* d, StrObject* key) {
  {
    CriticalSection cs(d);
    int64_t ix = str_lookup_index(d, key);
    if (ix >= 0) return d->entries[ix].value;
    if (ix != kStrLookupGeneral) return Value();
  }
  return str_get_general(d, key);
}

Ref dict_get_str_ref(DictObject* d, StrObject* key) {
  {
    CriticalSection cs(d);
    int64_t ix = str_lookup_index(d, key);
    if (ix >= 0) return Ref::new_ref(d->entries[ix].value);
    if (ix != kStrLookupGeneral) return Ref();
  }
  return Ref::new_ref(str_get_general(d, key));
}

Value dict_get_str_hint(DictObject* d, StrObject* key, uint32_t* hint) {
  {
    CriticalSection cs(d);
    uint32_t h = *hint;
    if (h < d->entries.size() && d->entries[h].key == Value(key)) return d->entries[h].value;
    int64_t ix = str_lookup_index(d, key);
    if (ix >= 0) {
      *hint = static_cast<uint32_t>(ix);
      return d->entries[ix].value;
    }
    if (ix != kStrLookupGeneral) return Value();
  }
  return str_get_general(d, key);
}

/// dict_set_str's general path (an __eq__ decides), `d` held meanwhile.
[[gnu::noinline]] static bool str_set_general(DictObject* d, StrObject* key, Value value) {
  Ref keep = Ref::new_ref(Value(d));
  CriticalSection cs(d);
  return insert(d, Value(key), str_hash(key), value) == 1;
}

bool dict_set_str_hint(DictObject* d, StrObject* key, Value value, uint32_t* hint) {
  {
    CriticalSection cs(d);
    uint32_t h = *hint;
    if (h < d->entries.size() && d->entries[h].key == Value(key)) {
      DictEntry& e = d->entries[h];
      Value old = e.value;
      incref(value);
      e.value = value;
      d->version = next_version();
      decref(old);  // last: may run a __del__ that changes d
      return true;
    }
    int r = insert(d, Value(key), str_hash(key), value, /*eq_allowed=*/false);
    if (r != 1) [[unlikely]] {
      if (r == 0) return false;
      goto general;
    }
    int64_t ix = str_lookup_index(d, key);
    if (ix >= 0) *hint = static_cast<uint32_t>(ix);
    return true;
  }
general:
  if (!str_set_general(d, key, value)) return false;
  return true;
}

Value dict_get_cstr(DictObject* d, const char* key) { return dict_get_str(d, intern(key)); }

bool dict_set(DictObject* d, Value key, Value value) {
  int64_t h;
  if (!key_hash(key, &h)) return false;
  CriticalSection cs(d);
  return insert(d, key, h, value);
}

int dict_contains_hashed(DictObject* d, Value key, int64_t hash) {
  CriticalSection cs(d);
  int64_t ix = lookup(d, key, hash, nullptr);
  return ix == -2 ? -1 : ix >= 0;
}

bool dict_set_hashed(DictObject* d, Value key, int64_t hash, Value value) {
  CriticalSection cs(d);
  return insert(d, key, hash, value);
}

bool dict_set_str(DictObject* d, StrObject* key, Value value) {
  {
    CriticalSection cs(d);
    int r = insert(d, Value(key), str_hash(key), value, /*eq_allowed=*/false);
    if (r != kNeedsEq) [[likely]] return r == 1;
  }
  return str_set_general(d, key, value);
}
bool dict_set_cstr(DictObject* d, const char* key, Value value) {
  return dict_set_str(d, intern(key), value);
}

int dict_del(DictObject* d, Value key) {
  int64_t h;
  if (!key_hash(key, &h)) return -1;
  CriticalSection cs(d);
  size_t slot;
  int64_t ix = lookup(d, key, h, &slot);
  if (ix == -2) return -1;
  if (ix == -1) return 0;
  DictEntry e = d->entries[ix];
  d->entries[ix].key = Value();
  d->entries[ix].value = Value();
  d->index[slot] = kDummy;
  d->used--;
  d->version = next_version();
  // Holes stay until the next rebuild: entries.size() bounds the used index slots, which keeps
  // probing finite.
  if (d->used == 0) {
    d->entries.clear();
    d->index.clear();
  }
  decref(e.key);
  decref(e.value);
  return 1;
}

Ref dict_pop(DictObject* d, Value key) {
  CriticalSection cs(d);  // the lookup and the removal are one step
  Value v = dict_get(d, key);
  if (!v) return Ref();
  Ref r = Ref::new_ref(v);
  if (dict_del(d, key) < 0) return Ref();
  return r;
}

void dict_clear(DictObject* d) {
  std::vector<DictEntry> old;
  {
    CriticalSection cs(d);
    old = std::move(d->entries);
    d->entries.clear();
    d->index.clear();
    d->used = 0;
    d->version = next_version();
  }
  for (DictEntry& e : old) {
    decref(e.key);
    decref(e.value);
  }
}

std::vector<Ref> dict_keys_snapshot(DictObject* d) {
  CriticalSection cs(d);
  std::vector<Ref> keys;
  keys.reserve(d->used);
  for (DictEntry& e : d->entries) {
    if (e.key) keys.push_back(Ref::new_ref(e.key));
  }
  return keys;
}

bool dict_next(DictObject* d, size_t* pos, Value* key, Value* value) {
  CriticalSection cs(d);
  while (*pos < d->entries.size()) {
    DictEntry& e = d->entries[(*pos)++];
    if (e.key) {
      if (key) *key = e.key;
      if (value) *value = e.value;
      return true;
    }
  }
  return false;
}

static Ref dict_iter(Value v);

/// A dict whose iteration order is its storage order: an exact dict or a subclass that keeps
/// dict's __iter__. A subclass with its own (collections.OrderedDict after move_to_end) is
/// merged and copied through keys() and [], as CPython's dict_merge checks tp_iter.
static bool iterates_as_stored(Value d) { return type_of(d)->iter == dict_iter; }

Ref dict_copy(DictObject* d) {
  if (!iterates_as_stored(Value(d))) {
    Ref r = dict_new();
    if (!dict_update(as_dict(r.get()), Value(d))) return Ref();
    return r;
  }
  Ref r = dict_new();
  DictObject* n = as_dict(r.get());
  CriticalSection cs(d);
  n->entries.reserve(d->used);
  for (DictEntry& e : d->entries) {
    if (!e.key) continue;
    incref(e.key);
    incref(e.value);
    n->entries.push_back(e);
  }
  n->used = n->entries.size();
  n->version = next_version();
  rebuild(n, n->used);
  return r;
}

bool dict_update(DictObject* d, Value other) {
  if (is_dict(other) && iterates_as_stored(other)) {
    DictObject* o = as_dict(other);
    if (o == d) return true;
    CriticalSection2 cs(d, o);
    std::vector<DictEntry> snapshot;
    for (DictEntry& e : o->entries) {
      if (e.key) snapshot.push_back(e);
    }
    for (DictEntry& e : snapshot) {
      incref(e.key);
      incref(e.value);
    }
    bool ok = true;
    for (DictEntry& e : snapshot) {
      if (ok) ok = insert(d, e.key, e.hash, e.value);
      decref(e.key);
      decref(e.value);
    }
    return ok;
  }
  Ref keys_fn = getattr_opt(other, names::keys);
  if (keys_fn) {
    Ref keys = call0(keys_fn.get());
    if (!keys) return false;
    Ref it = get_iter(keys.get());
    if (!it) return false;
    for (;;) {
      Ref k = iter_next(it.get());
      if (!k) return !error_pending();
      Ref v = getitem(other, k.get());
      if (!v || !dict_set(d, k.get(), v.get())) return false;
    }
  }
  if (error_pending()) return false;
  Ref it = get_iter(other);
  if (!it) return false;
  for (int64_t n = 0;; n++) {
    Ref item = iter_next(it.get());
    if (!item) return !error_pending();
    Ref seq = list_from_iterable(item.get());
    if (!seq) {
      clear_exception();
      raise_fmt(&exc_TypeError,
                "cannot convert dictionary update sequence element #{} to a sequence", n);
      return false;
    }
    ListObject* l = as_list(seq.get());
    if (l->items.size() != 2) {
      raise_fmt(&exc_ValueError,
                "dictionary update sequence element #{} has length {}; 2 is required", n,
                l->items.size());
      return false;
    }
    if (!dict_set(d, l->items[0], l->items[1])) return false;
  }
}

// ---------------------------------------------------------------- slots

static void dict_dealloc(Object* o) {
  auto* d = static_cast<DictObject*>(o);
  std::vector<DictEntry> entries = std::move(d->entries);
  for (DictEntry& e : entries) {
    decref(e.key);
    decref(e.value);
  }
  delete d;
}

static void dict_clear_slot(Object* o) { dict_clear(static_cast<DictObject*>(o)); }

static void dict_traverse(Object* o, VisitFn visit, void* arg) {
  for (DictEntry& e : static_cast<DictObject*>(o)->entries) {
    if (e.key.is_object()) visit(e.key.obj(), arg);
    if (e.value.is_object()) visit(e.value.obj(), arg);
  }
}

static Ref dict_repr(Value v) {
  DictObject* d = as_dict(v);
  if (d->used == 0) return str_new(std::string_view("{}"));
  ReprGuard repr_guard(v.obj());
  if (!repr_guard.entered()) return str_new("{...}");
  CriticalSection cs(d);
  if (!enter_recursive_call(" while getting the repr of an object")) return Ref();
  std::string out = "{";
  bool first = true;
  for (size_t i = 0; i < d->entries.size(); i++) {
    DictEntry e = d->entries[i];
    if (!e.key) continue;
    Ref k = Ref::new_ref(e.key), val = Ref::new_ref(e.value);
    std::string ks, vs;
    if (!repr_text(k.get(), &ks) || !repr_text(val.get(), &vs)) {
      leave_recursive_call();
      return Ref();
    }
    if (!first) out += ", ";
    first = false;
    out += ks + ": " + vs;
  }
  leave_recursive_call();
  out += "}";
  return str_new(std::move(out));
}

static bool dict_len(Value v, int64_t* out) {
  CriticalSection cs(v);
  *out = static_cast<int64_t>(as_dict(v)->used);
  return true;
}

static Ref dict_getitem(Value v, Value key) {
  DictObject* d = as_dict(v);
  Ref r = dict_get_ref(d, key);
  if (r) return r;
  if (error_pending()) return Ref();
  if (type_of(v) != &dict_type) {
    bool found = false;
    Ref m = call_special(v, names::missing, &key, 1, &found);
    if (found || error_pending()) return m;
  }
  return raise_with_value(&exc_KeyError, key);
}

static bool dict_setitem(Value v, Value key, Value value) {
  if (value) return dict_set(as_dict(v), key, value);
  int r = dict_del(as_dict(v), key);
  if (r == 0) raise_with_value(&exc_KeyError, key);
  return r == 1;
}

static int dict_contains(Value v, Value key) {
  Value r = dict_get(as_dict(v), key);
  if (r) return 1;
  return error_pending() ? -1 : 0;
}

static Ref dict_richcompare(Value a, Value b, CmpOp op) {
  if (!is_dict(b) || (op != CmpOp::Eq && op != CmpOp::Ne)) return not_implemented_ref();
  DictObject* x = as_dict(a);
  DictObject* y = as_dict(b);
  CriticalSection2 cs(x, y);
  bool eq = x->used == y->used;
  for (size_t i = 0; eq && i < x->entries.size(); i++) {
    DictEntry e = x->entries[i];
    if (!e.key) continue;
    Ref k = Ref::new_ref(e.key), val = Ref::new_ref(e.value);
    Value other = dict_get(y, k.get());
    if (!other) {
      if (error_pending()) return Ref();
      eq = false;
      break;
    }
    Ref o = Ref::new_ref(other);
    int r = equal(val.get(), o.get());
    if (r < 0) return Ref();
    eq = r == 1;
  }
  return bool_ref(op == CmpOp::Eq ? eq : !eq);
}

// Iterators and views.
struct DictIterObject : Object {
  Ref dict;
  size_t pos;
  size_t expected_used;
  int kind;            // 0 keys, 1 values, 2 items
};

struct DictViewObject : Object {
  Ref dict;
};

static Ref make_iter(Value d, int kind) {
  static TypeObject* kTypes[3] = {&dict_keyiter_type, &dict_valueiter_type, &dict_itemiter_type};
  auto* it = alloc_instance<DictIterObject>(kTypes[kind]);
  it->dict = Ref::new_ref(d);
  it->pos = 0;
  CriticalSection cs(d);
  it->expected_used = as_dict(d)->used;
  it->kind = kind;
  return Ref::steal(Value(it));
}

static Ref dict_iter(Value v) { return make_iter(v, 0); }

static Ref dict_iter_next(Value v) {
  auto* it = static_cast<DictIterObject*>(v.obj());
  // An exhausted iterator drops its dict into `done`, destroyed after the sections end: it may be
  // the last reference, and unlocking a freed dict would write freed memory.
  Ref done;
  CriticalSection its(it);  // threads may share one iterator
  if (!it->dict) return Ref();
  DictObject* d = as_dict(it->dict.get());
  CriticalSection cs(d);  // held while the item's references are taken
  if (d->used != it->expected_used) {
    it->expected_used = SIZE_MAX;
    return raise(&exc_RuntimeError, "dictionary changed size during iteration");
  }
  Value k, val;
  if (!dict_next(d, &it->pos, &k, &val)) {
    done = std::move(it->dict);
    return Ref();
  }
  if (it->kind == 0) return Ref::new_ref(k);
  if (it->kind == 1) return Ref::new_ref(val);
  return tuple_of({k, val});
}

/// The items a dict iterator has yet to produce, as a list, without advancing it (its
/// __reduce__ and __length_hint__); RuntimeError as its __next__ would after a size change.
static Ref dict_iter_remaining(DictIterObject* it) {
  Ref out = list_new();
  Ref d_ref;
  size_t pos;
  {
    CriticalSection its(it);
    if (!it->dict) return out;
    d_ref = it->dict.dup();
    pos = it->pos;
  }
  DictObject* d = as_dict(d_ref.get());
  CriticalSection cs(d);
  if (d->used != it->expected_used) {
    return raise(&exc_RuntimeError, "dictionary changed size during iteration");
  }
  Value k, val;
  while (dict_next(d, &pos, &k, &val)) {
    if (it->kind == 0) {
      list_append(as_list(out.get()), k);
    } else if (it->kind == 1) {
      list_append(as_list(out.get()), val);
    } else {
      Ref pair = tuple_of({k, val});
      list_append(as_list(out.get()), pair.get());
    }
  }
  return out;
}
static Ref dict_iter_length_hint(Value self, NativeArgs&) {
  auto* it = static_cast<DictIterObject*>(self.obj());
  // CPython keeps a count and reports 0 once the dict changed size.
  CriticalSection its(it);
  if (!it->dict) return Ref::small(0);
  DictObject* d = as_dict(it->dict.get());
  CriticalSection cs(d);
  if (d->used != it->expected_used) return Ref::small(0);
  size_t pos = it->pos, n = 0;
  Value k, val;
  while (dict_next(d, &pos, &k, &val)) n++;
  return int_from_int64(static_cast<int64_t>(n));
}
/// (iter, (list of the remaining keys, values or items,)), as CPython's dictiter_reduce.
static Ref dict_iter_reduce(Value self, NativeArgs&) {
  Ref items = dict_iter_remaining(static_cast<DictIterObject*>(self.obj()));
  if (!items) return items;
  return iter_reduce_items(items.get());
}
static const NativeDef kDictIterMethods[] = {
    {"__length_hint__($self, /)", dict_iter_length_hint, 0,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__($self, /)", dict_iter_reduce, 0, "Return state information for pickling."},
};

static Ref make_view(Value d, TypeObject* t) {
  auto* v = alloc_instance<DictViewObject>(t);
  v->dict = Ref::new_ref(d);
  return Ref::steal(Value(v));
}

static Ref view_iter(Value v) {
  auto* view = static_cast<DictViewObject*>(v.obj());
  int kind = view->type == &dict_keys_type ? 0 : view->type == &dict_values_type ? 1 : 2;
  return make_iter(view->dict.get(), kind);
}

static bool view_len(Value v, int64_t* out) {
  CriticalSection cs(static_cast<DictViewObject*>(v.obj())->dict.get());
  *out = static_cast<int64_t>(as_dict(static_cast<DictViewObject*>(v.obj())->dict.get())->used);
  return true;
}

static int view_contains(Value v, Value x) {
  auto* view = static_cast<DictViewObject*>(v.obj());
  DictObject* d = as_dict(view->dict.get());
  if (view->type == &dict_keys_type) return dict_contains(view->dict.get(), x);
  // items: (key, value) in d.items() looks the key up (dict_values has no contains slot).
  if (!is_tuple(x) || as_tuple(x)->size != 2) return 0;
  Ref val = dict_get_ref(d, as_tuple(x)->at(0));
  if (!val) return error_pending() ? -1 : 0;
  return equal(val.get(), as_tuple(x)->at(1));
}

static Ref view_repr(Value v) {
  auto* view = static_cast<DictViewObject*>(v.obj());
  Ref l = list_from_iterable(v);
  if (!l) return l;
  std::string inner;
  if (!repr_text(l.get(), &inner)) return Ref();
  return str_new(fmt::format("{}({})", view->type->name, inner));
}

static Ref view_richcompare(Value a, Value b, CmpOp op) {
  if (op != CmpOp::Eq && op != CmpOp::Ne) return not_implemented_ref();
  Ref sa = set_from_iterable(a);
  if (!sa) return sa;
  Ref sb;
  if (is_set(b) || type_of(b) == &dict_keys_type || type_of(b) == &dict_items_type) {
    sb = set_from_iterable(b);
  } else {
    return not_implemented_ref();
  }
  if (!sb) return sb;
  return compare(sa.get(), sb.get(), op);
}

static Ref view_binop(Value a, Value b, NumOp op) {
  Ref sa = set_from_iterable(a);
  if (!sa) return sa;
  Ref sb = set_from_iterable(b);
  if (!sb) return sb;
  return binary_op(sa.get(), sb.get(), op);
}
static Ref view_and(Value a, Value b) { return view_binop(a, b, NumOp::And); }
static Ref view_or(Value a, Value b) { return view_binop(a, b, NumOp::Or); }
static Ref view_sub(Value a, Value b) { return view_binop(a, b, NumOp::Sub); }
static Ref view_xor(Value a, Value b) { return view_binop(a, b, NumOp::Xor); }

/// d.keys().isdisjoint(other) and d.items().isdisjoint(other), as CPython's dictviews_isdisjoint:
/// probes the larger side with the smaller one's items.
static Ref view_isdisjoint(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("isdisjoint", nargs, kw, 1, 1)) return Ref();
  Value other = args[0];
  if (other == self) {
    int64_t n = 0;
    view_len(self, &n);
    return bool_ref(n == 0);
  }
  Value probe = self, in = other;
  TypeObject* ot = type_of(other);
  if (is_set(other) || ot == &dict_keys_type || ot == &dict_items_type) {
    int64_t mine = 0, theirs = 0;
    view_len(self, &mine);
    if (!length(other, &theirs)) return Ref();
    if (theirs > mine) std::swap(probe, in);
  } else {
    std::swap(probe, in);  // iterate the arbitrary iterable, look its items up in the view
  }
  Ref it = get_iter(probe);
  if (!it) return it;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) return error_pending() ? Ref() : bool_ref(true);
    int c = contains(in, x.get());
    if (c < 0) return Ref();
    if (c) return bool_ref(false);
  }
}

/// d.keys().mapping: a read-only proxy of the dict (PEP 3118's successor, bpo-40890).
static Ref view_get_mapping(Value self) {
  return mappingproxy_new(static_cast<DictViewObject*>(self.obj())->dict.get());
}

static Ref view_reversed(Value self, const Value*, size_t, TupleObject*) {
  Ref l = list_from_iterable(self);
  if (!l) return l;
  std::reverse(as_list(l.get())->items.begin(), as_list(l.get())->items.end());
  return get_iter(l.get());
}

// ---------------------------------------------------------------- methods

#define DICT_METHOD(name) \
  static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

DICT_METHOD(m_get) {
  if (!check_nargs("get", nargs, kw, 1, 2)) return Ref();
  Ref v = dict_get_ref(as_dict(self), args[0]);
  if (v) return v;
  if (error_pending()) return Ref();
  return Ref::new_ref(nargs > 1 ? args[1] : None());
}

DICT_METHOD(m_setdefault) {
  if (!check_nargs("setdefault", nargs, kw, 1, 2)) return Ref();
  CriticalSection cs(self);  // atomic as in CPython: one thread's default wins
  Value v = dict_get(as_dict(self), args[0]);
  if (v) return Ref::new_ref(v);
  if (error_pending()) return Ref();
  Value def = nargs > 1 ? args[1] : None();
  if (!dict_set(as_dict(self), args[0], def)) return Ref();
  return Ref::new_ref(def);
}

DICT_METHOD(m_pop) {
  if (!check_nargs("pop", nargs, kw, 1, 2)) return Ref();
  Ref r = dict_pop(as_dict(self), args[0]);
  if (r || error_pending()) return r;
  if (nargs > 1) return Ref::new_ref(args[1]);
  return raise_with_value(&exc_KeyError, args[0]);
}

DICT_METHOD(m_popitem) {
  if (!check_nargs("popitem", nargs, kw, 0, 0)) return Ref();
  DictObject* d = as_dict(self);
  CriticalSection cs(d);
  if (d->used == 0) return raise(&exc_KeyError, "popitem(): dictionary is empty");
  size_t i = d->entries.size();
  while (!d->entries[i - 1].key) i--;
  DictEntry e = d->entries[i - 1];
  Ref r = tuple_of({e.key, e.value});
  dict_del(d, e.key);
  return r;
}

DICT_METHOD(m_keys) {
  if (!check_nargs("keys", nargs, kw, 0, 0)) return Ref();
  return make_view(self, &dict_keys_type);
}
DICT_METHOD(m_values) {
  if (!check_nargs("values", nargs, kw, 0, 0)) return Ref();
  return make_view(self, &dict_values_type);
}
DICT_METHOD(m_items) {
  if (!check_nargs("items", nargs, kw, 0, 0)) return Ref();
  return make_view(self, &dict_items_type);
}

DICT_METHOD(m_update) {
  if (nargs > 1)
    return raise_fmt(&exc_TypeError, "update expected at most 1 argument, got {}", nargs);
  if (nargs == 1 && !dict_update(as_dict(self), args[0])) return Ref();
  if (kw) {
    for (size_t i = 0; i < kw->size; i++) {
      if (!dict_set(as_dict(self), kw->at(i), args[nargs + i])) return Ref();
    }
  }
  return none_ref();
}

DICT_METHOD(m_copy) {
  if (!check_nargs("copy", nargs, kw, 0, 0)) return Ref();
  return dict_copy(as_dict(self));
}

DICT_METHOD(m_clear) {
  if (!check_nargs("clear", nargs, kw, 0, 0)) return Ref();
  dict_clear(as_dict(self));
  return none_ref();
}

DICT_METHOD(m_fromkeys) {
  if (!check_nargs("fromkeys", nargs, kw, 1, 2)) return Ref();
  Ref d = call0(self);
  if (!d) return d;
  Value val = nargs > 1 ? args[1] : None();
  // An exact dict filled from an exact dict, set or frozenset takes the stored hashes, as
  // CPython's _PyDict_FromKeys (a key's __hash__ is not called again).
  TypeObject* src_type = type_of(args[0]);
  if (type_of(d.get()) == &dict_type &&
      (src_type == &dict_type || src_type == &set_type || src_type == &frozenset_type)) {
    std::vector<std::pair<Ref, int64_t>> keys;
    {
      CriticalSection cs(args[0]);
      if (src_type == &dict_type) {
        for (const DictEntry& e : as_dict(args[0])->entries) {
          if (e.key) keys.emplace_back(Ref::new_ref(e.key), e.hash);
        }
      } else {
        size_t pos = 0;
        Value k;
        int64_t h;
        while (set_next(as_set(args[0]), &pos, &k, &h)) keys.emplace_back(Ref::new_ref(k), h);
      }
    }
    for (const auto& [k, h] : keys) {
      if (!dict_set_hashed(as_dict(d.get()), k.get(), h, val)) return Ref();
    }
    return d;
  }
  Ref it = get_iter(args[0]);
  if (!it) return it;
  for (;;) {
    Ref k = iter_next(it.get());
    if (!k) break;
    if (!setitem(d.get(), k.get(), val)) return Ref();
  }
  if (error_pending()) return Ref();
  return d;
}

DICT_METHOD(m_reversed) {
  Ref keys = list_new();
  DictObject* d = as_dict(self);
  CriticalSection cs(d);
  for (auto it = d->entries.rbegin(); it != d->entries.rend(); ++it) {
    if (it->key) list_append(as_list(keys.get()), it->key);
  }
  return get_iter(keys.get());
}

static bool dict_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  Ref r = m_update(self, args, nargs, kwnames);
  return static_cast<bool>(r);
}

static Ref dict_new_slot(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<DictObject>(type)));
}

static Ref dict_or(Value a, Value b) {
  if (!is_dict(a) || !is_dict(b)) return not_implemented_ref();
  Ref r = dict_copy(as_dict(a));
  if (!r || !dict_update(as_dict(r.get()), b)) return Ref();
  return r;
}

static Ref dict_ior(Value a, Value b) {
  if (!dict_update(as_dict(a), b)) return Ref();
  return Ref::new_ref(a);
}

static void dict_iter_dealloc(Object* o) { delete static_cast<DictIterObject*>(o); }
static void dict_iter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<DictIterObject*>(o)->dict, visit, arg);
}
static void dict_view_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<DictViewObject*>(o)->dict, visit, arg);
}
static void dict_view_dealloc(Object* o) { delete static_cast<DictViewObject*>(o); }
static Ref self_iter(Value v) { return Ref::new_ref(v); }

void dict_type_init() {
  dict_type.name = "dict";
  dict_type.flags = kTypeBaseType | kTypeDictSubclass;
  dict_type.basic_size = sizeof(DictObject);
  dict_type.subclass_dict_offset = offsetof(DictObject, dict);
  dict_type.dealloc = dict_dealloc;
  dict_type.traverse = dict_traverse;
  dict_type.clear = dict_clear_slot;
  dict_type.repr = dict_repr;
  dict_type.richcompare = dict_richcompare;
  dict_type.len = dict_len;
  dict_type.getitem = dict_getitem;
  dict_type.setitem = dict_setitem;
  dict_type.contains = dict_contains;
  dict_type.iter = dict_iter;
  dict_type.init = dict_init;
  dict_type.new_ = dict_new_slot;
  dict_type.nb[static_cast<int>(NumOp::Or)] = dict_or;
  dict_type.nb_inplace[static_cast<int>(NumOp::Or)] = dict_ior;
  dict_type.flags |= kTypeMapping | kTypeMatchSelf;  // pattern matching (PEP 634)
  type_ready(&dict_type, &object_type);
  dict_type.hash = nullptr;
  add_method(&dict_type, "get", m_get);
  add_method(&dict_type, "setdefault", m_setdefault);
  add_method(&dict_type, "pop", m_pop);
  add_method(&dict_type, "popitem", m_popitem);
  add_method(&dict_type, "keys", m_keys);
  add_method(&dict_type, "values", m_values);
  add_method(&dict_type, "items", m_items);
  add_method(&dict_type, "update", m_update);
  add_method(&dict_type, "copy", m_copy);
  add_method(&dict_type, "clear", m_clear);
  add_method(&dict_type, "fromkeys", m_fromkeys, kNativeClassMethod);
  add_method(&dict_type, "__reversed__", m_reversed);
  add_attr(&dict_type, "__hash__", None());

  struct {
    TypeObject* t;
    const char* name;
  } views[] = {{&dict_keys_type, "dict_keys"},
               {&dict_values_type, "dict_values"},
               {&dict_items_type, "dict_items"}};
  for (auto& v : views) {
    v.t->name = v.name;
    v.t->basic_size = sizeof(DictViewObject);
    v.t->dealloc = dict_view_dealloc;
    v.t->traverse = dict_view_traverse;
    v.t->iter = view_iter;
    v.t->len = view_len;
    // CPython's dict_values has no sq_contains (so no __contains__ in its dir): `in` falls
    // back to iteration, with the same result.
    if (v.t != &dict_values_type) v.t->contains = view_contains;
    v.t->repr = view_repr;
    if (v.t != &dict_values_type) {
      v.t->richcompare = view_richcompare;
      v.t->nb[static_cast<int>(NumOp::And)] = view_and;
      v.t->nb[static_cast<int>(NumOp::Or)] = view_or;
      v.t->nb[static_cast<int>(NumOp::Sub)] = view_sub;
      v.t->nb[static_cast<int>(NumOp::Xor)] = view_xor;
    }
    type_ready(v.t, &object_type);
    add_method(v.t, "__reversed__", view_reversed);
    add_getset(v.t, "mapping", view_get_mapping);
    if (v.t != &dict_values_type) add_method(v.t, "isdisjoint", view_isdisjoint);
  }
  struct {
    TypeObject* t;
    const char* name;
  } iters[] = {{&dict_keyiter_type, "dict_keyiterator"},
               {&dict_valueiter_type, "dict_valueiterator"},
               {&dict_itemiter_type, "dict_itemiterator"}};
  for (auto& v : iters) {
    v.t->name = v.name;
    v.t->basic_size = sizeof(DictIterObject);
    v.t->dealloc = dict_iter_dealloc;
    v.t->traverse = dict_iter_traverse;
    v.t->iter = self_iter;
    v.t->iternext = dict_iter_next;
    type_ready(v.t, &object_type);
    add_methods(v.t, kDictIterMethods);
  }
}

}  // namespace minipy::rt
