// set and frozenset: the hash table (CPython's probing, resizing and merging rules, so iteration
// order matches CPython's) and the set algebra, whose operand and iteration choices are
// CPython's too, since they decide which equal key survives and in which order keys land.
// Mutations and multi-word reads of a set's table run inside a CriticalSection on the set (an
// empty guard in the default build; the set's lock in the free-threaded one); reading another
// set's table (merge, snapshots, comparisons) locks that one too.
#include "runtime/objects/set.h"

#include <cstddef>
#include <utility>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject set_type;
TypeObject frozenset_type;
TypeObject set_iter_type;

namespace {

constexpr size_t kMinSize = 8;       // PySet_MINSIZE
constexpr size_t kLinearProbes = 9;  // neighbours tried before jumping (cache locality)
constexpr int kPerturbShift = 5;

bool is_dummy(const SetEntry& e) { return e.key == kSetDummy; }
bool is_active(const SetEntry& e) { return e.key && !is_dummy(e); }

void reset_to_minsize(SetObject* s) {
  s->table.assign(kMinSize, SetEntry{});
  s->mask = kMinSize - 1;
  s->fill = 0;
  s->used = 0;
  s->hash = -1;
}

/// The hash of a key: str caches its own.
bool key_hash(Value key, int64_t* h) {
  if (is_str_exact(key)) {
    *h = str_hash(as_str(key));  // cached in the str (atomically in free-threaded builds)
    return true;
  }
  return hash(key, h);
}

/// Finds key's entry, or the unused slot that ends its probe sequence; null on a comparison
/// error. An __eq__ that mutates the set makes the search start over (CPython does the same).
SetEntry* lookkey(SetObject* s, Value key, int64_t hash) {
restart:
  size_t mask = s->mask;
  size_t i = static_cast<size_t>(hash) & mask;
  size_t perturb = static_cast<size_t>(hash);
  for (;;) {
    SetEntry* entry = &s->table[i];
    size_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
    for (;;) {
      if (entry->hash == 0 && !entry->key) return entry;
      if (entry->hash == hash) {
        Value start = entry->key;
        if (start == key) return entry;
        if (is_str_exact(start) && is_str_exact(key) && str_equal(as_str(start), as_str(key)))
          return entry;
        const SetEntry* table = s->table.data();
        Ref hold = Ref::new_ref(start);
        int cmp = equal(start, key);
        if (cmp < 0) return nullptr;
        if (table != s->table.data() || entry->key != start) goto restart;
        if (cmp > 0) return entry;
        mask = s->mask;
      }
      if (probes-- == 0) break;
      entry++;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

/// Inserts a key known to be absent into a table without dummies (resizing, merging).
void insert_clean(std::vector<SetEntry>& table, size_t mask, Value key, int64_t hash) {
  size_t perturb = static_cast<size_t>(hash);
  size_t i = static_cast<size_t>(hash) & mask;
  for (;;) {
    SetEntry* entry = &table[i];
    if (!entry->key) {
      *entry = SetEntry{key, hash};
      return;
    }
    if (i + kLinearProbes <= mask) {
      for (size_t j = 0; j < kLinearProbes; j++) {
        entry++;
        if (!entry->key) {
          *entry = SetEntry{key, hash};
          return;
        }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

/// Rebuilds the table with the smallest power of two above minused, dropping dummies.
void table_resize(SetObject* s, size_t minused) {
  size_t newsize = kMinSize;
  while (newsize <= minused) newsize <<= 1;
  if (newsize == kMinSize && s->mask == kMinSize - 1 && s->fill == s->used)
    return;  // nothing to gain
  std::vector<SetEntry> old(newsize, SetEntry{});
  old.swap(s->table);
  s->mask = newsize - 1;
  s->fill = s->used;
  for (const SetEntry& e : old) {
    if (is_active(e)) insert_clean(s->table, s->mask, e.key, e.hash);
  }
}

/// Adds key (a new reference is taken) unless an equal key is present. false on error.
bool add_entry(SetObject* s, Value key, int64_t hash) {
  Ref keep = Ref::new_ref(key);  // an __eq__ below may drop the caller's last reference
restart:
  size_t mask = s->mask;
  size_t i = static_cast<size_t>(hash) & mask;
  size_t perturb = static_cast<size_t>(hash);
  SetEntry* freeslot = nullptr;
  SetEntry* entry;
  for (;;) {
    entry = &s->table[i];
    size_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
    for (;;) {
      if (entry->hash == 0 && !entry->key) goto found_unused_or_dummy;
      if (entry->hash == hash) {
        Value start = entry->key;
        if (start == key) return true;
        if (is_str_exact(start) && is_str_exact(key) && str_equal(as_str(start), as_str(key)))
          return true;
        const SetEntry* table = s->table.data();
        Ref hold = Ref::new_ref(start);
        int cmp = equal(start, key);
        if (cmp > 0) return true;
        if (cmp < 0) return false;
        if (table != s->table.data() || entry->key != start) goto restart;
        mask = s->mask;
      } else if (entry->hash == -1) {
        freeslot = entry;  // the last dummy seen, as CPython 3.11
      }
      if (probes-- == 0) break;
      entry++;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
found_unused_or_dummy:
  if (freeslot) {
    s->used++;
    *freeslot = SetEntry{keep.release(), hash};
    return true;
  }
  s->fill++;
  s->used++;
  *entry = SetEntry{keep.release(), hash};
  if (s->fill * 5 < mask * 3) return true;
  table_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
  return true;
}

/// 1 removed, 0 absent, -1 error.
int discard_entry(SetObject* s, Value key, int64_t hash) {
  SetEntry* entry = lookkey(s, key, hash);
  if (!entry) return -1;
  if (!entry->key) return 0;
  Value old = entry->key;
  *entry = SetEntry{kSetDummy, -1};
  s->used--;
  decref(old);
  return 1;
}

int contains_entry(SetObject* s, Value key, int64_t hash) {
  SetEntry* entry = lookkey(s, key, hash);
  if (!entry) return -1;
  return entry->key ? 1 : 0;
}

bool add_key(SetObject* s, Value key) {
  int64_t h;
  return key_hash(key, &h) && add_entry(s, key, h);
}

int contains_key(SetObject* s, Value key) {
  int64_t h;
  if (!key_hash(key, &h)) return -1;
  return contains_entry(s, key, h);
}

int discard_key(SetObject* s, Value key) {
  int64_t h;
  if (!key_hash(key, &h)) return -1;
  return discard_entry(s, key, h);
}

/// Empties the set; the keys are released only once the set is consistent again (a key's
/// __del__ may look at the set).
void clear_internal(SetObject* s) {
  std::vector<SetEntry> old;
  old.swap(s->table);
  reset_to_minsize(s);
  for (const SetEntry& e : old) {
    if (is_active(e)) decref(e.key);
  }
}

/// other's keys into s (both sets), as CPython's set_merge: one resize up front, then a plain
/// copy or clean inserts when s is empty, else ordinary adds.
bool merge(SetObject* s, SetObject* other) {
  if (other == s) return true;
  CriticalSection2 cs(s, other);
  if (other->used == 0) return true;
  if ((s->fill + other->used) * 5 >= s->mask * 3) table_resize(s, (s->used + other->used) * 2);
  if (s->fill == 0 && s->mask == other->mask && other->fill == other->used) {
    for (size_t i = 0; i <= other->mask; i++) {
      const SetEntry& e = other->table[i];
      if (e.key) {
        incref(e.key);
        s->table[i] = e;
      }
    }
    s->fill = other->fill;
    s->used = other->used;
    return true;
  }
  if (s->fill == 0) {
    s->fill = other->used;
    s->used = other->used;
    for (const SetEntry& e : other->table) {
      if (is_active(e)) {
        incref(e.key);
        insert_clean(s->table, s->mask, e.key, e.hash);
      }
    }
    return true;
  }
  // Keys copied first: an __eq__ run by add_entry may mutate `other`.
  std::vector<SetEntry> keys;
  for (const SetEntry& e : other->table) {
    if (is_active(e)) keys.push_back(e);
  }
  std::vector<Ref> hold;
  hold.reserve(keys.size());
  for (const SetEntry& e : keys) hold.push_back(Ref::new_ref(e.key));
  for (const SetEntry& e : keys) {
    if (!add_entry(s, e.key, e.hash)) return false;
  }
  return true;
}

/// set_update_internal: sets merge, exact dicts add their keys with the stored hashes after one
/// resize, anything else is iterated.
bool update_internal(SetObject* s, Value other) {
  if (is_set(other)) return merge(s, as_set(other));
  if (other.is_object() && other.obj()->type == &dict_type) {
    DictObject* d = as_dict(other);
    if ((s->fill + d->used) * 5 >= s->mask * 3) table_resize(s, (s->used + d->used) * 2);
    std::vector<std::pair<Ref, int64_t>> keys;
    keys.reserve(d->used);
    for (const DictEntry& e : d->entries) {
      if (e.key) keys.emplace_back(Ref::new_ref(e.key), e.hash);
    }
    for (const auto& [k, h] : keys) {
      if (!add_entry(s, k.get(), h)) return false;
    }
    return true;
  }
  Ref it = get_iter(other);
  if (!it) return false;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) return !error_pending();
    if (!add_key(s, x.get())) return false;
  }
}

TypeObject* base_type_of(Value v) {
  return is_subtype(type_of(v), &set_type) ? &set_type : &frozenset_type;
}

/// set_copy: a new set of v's base type holding v's keys.
Ref copy_of(Value v) {
  Ref r = set_new(base_type_of(v));
  if (!merge(as_set(r.get()), as_set(v))) return Ref();
  return r;
}

Ref make_set(TypeObject* type, Value iterable) {
  Ref r = set_new(type);
  if (iterable && !update_internal(as_set(r.get()), iterable)) return Ref();
  return r;
}

void swap_bodies(SetObject* a, SetObject* b) {
  std::swap(a->table, b->table);
  std::swap(a->mask, b->mask);
  std::swap(a->fill, b->fill);
  std::swap(a->used, b->used);
  std::swap(a->hash, b->hash);
  if (!(is_subtype(a->type, &frozenset_type) && is_subtype(b->type, &frozenset_type))) {
    a->hash = -1;
    b->hash = -1;
  }
}

/// Active entries of s, with references held (for loops that call back into Python).
struct Snapshot {
  std::vector<SetEntry> entries;
  std::vector<Ref> hold;
  explicit Snapshot(SetObject* s) {
    CriticalSection cs(s);
    for (const SetEntry& e : s->table) {
      if (is_active(e)) {
        entries.push_back(e);
        hold.push_back(Ref::new_ref(e.key));
      }
    }
  }
};

// ---------------------------------------------------------------- the algebra (CPython's choices)

Ref intersection(Value self, Value other) {
  if (self == other) return copy_of(self);
  Ref result = set_new(base_type_of(self));
  SetObject* r = as_set(result.get());
  if (is_set(other)) {
    SetObject* a = as_set(self);
    SetObject* b = as_set(other);
    if (b->used > a->used) std::swap(a, b);  // iterate the smaller set; its keys are kept
    Snapshot snap(b);
    for (const SetEntry& e : snap.entries) {
      int c = contains_entry(a, e.key, e.hash);
      if (c < 0) return Ref();
      if (c && !add_entry(r, e.key, e.hash)) return Ref();
    }
    return result;
  }
  Ref it = get_iter(other);
  if (!it) return Ref();
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) {
      if (error_pending()) return Ref();
      return result;
    }
    int64_t h;
    if (!key_hash(x.get(), &h)) return Ref();
    int c = contains_entry(as_set(self), x.get(), h);
    if (c < 0) return Ref();
    if (c && !add_entry(r, x.get(), h)) return Ref();
  }
}

bool difference_update_internal(SetObject* s, Value other) {
  if (Value(s) == other) {
    clear_internal(s);
    return true;
  }
  if (is_set(other)) {
    Ref o = Ref::new_ref(other);
    // When other is much larger, only the keys the two share matter.
    if ((as_set(other)->used >> 3) > s->used) {
      o = intersection(Value(s), other);
      if (!o) return false;
    }
    Snapshot snap(as_set(o.get()));
    for (const SetEntry& e : snap.entries) {
      if (discard_entry(s, e.key, e.hash) < 0) return false;
    }
  } else if (other.is_object() && other.obj()->type == &dict_type) {
    // An exact dict's keys come with their stored hashes (CPython's _PyDict_Next path).
    std::vector<std::pair<Ref, int64_t>> keys;
    {
      CriticalSection cs(other);
      for (const DictEntry& e : as_dict(other)->entries) {
        if (e.key) keys.emplace_back(Ref::new_ref(e.key), e.hash);
      }
    }
    for (const auto& [k, h] : keys) {
      if (discard_entry(s, k.get(), h) < 0) return false;
    }
  } else {
    Ref it = get_iter(other);
    if (!it) return false;
    for (;;) {
      Ref x = iter_next(it.get());
      if (!x) {
        if (error_pending()) return false;
        break;
      }
      if (discard_key(s, x.get()) < 0) return false;
    }
  }
  // More than a quarter dummies: resize them away.
  if (s->fill - s->used <= s->mask / 4) return true;
  table_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
  return true;
}

Ref copy_and_difference(Value self, Value other) {
  Ref r = copy_of(self);
  if (!r || !difference_update_internal(as_set(r.get()), other)) return Ref();
  return r;
}

Ref difference(Value self, Value other) {
  size_t other_size;
  bool exact_dict = other.is_object() && other.obj()->type == &dict_type;
  if (is_set(other))
    other_size = as_set(other)->used;
  else if (exact_dict)
    other_size = as_dict(other)->used;
  else
    return copy_and_difference(self, other);
  SetObject* s = as_set(self);
  if ((s->used >> 2) > other_size) return copy_and_difference(self, other);
  Ref result = set_new(base_type_of(self));
  SetObject* r = as_set(result.get());
  Snapshot snap(s);
  for (const SetEntry& e : snap.entries) {
    int c;
    if (exact_dict) {
      c = dict_contains_hashed(as_dict(other), e.key, e.hash);
      if (c < 0) return Ref();
    } else {
      c = contains_entry(as_set(other), e.key, e.hash);
      if (c < 0) return Ref();
    }
    if (!c && !add_entry(r, e.key, e.hash)) return Ref();
  }
  return result;
}

bool symmetric_difference_update(SetObject* s, Value other) {
  if (Value(s) == other) {
    clear_internal(s);
    return true;
  }
  auto toggle = [s](Value key, int64_t h) {
    Ref hold = Ref::new_ref(key);
    int r = discard_entry(s, key, h);
    if (r < 0) return false;
    return r == 1 || add_entry(s, key, h);
  };
  if (other.is_object() && other.obj()->type == &dict_type) {
    std::vector<std::pair<Ref, int64_t>> keys;
    for (const DictEntry& e : as_dict(other)->entries) {
      if (e.key) keys.emplace_back(Ref::new_ref(e.key), e.hash);
    }
    for (const auto& [k, h] : keys) {
      if (!toggle(k.get(), h)) return false;
    }
    return true;
  }
  Ref o = is_set(other) ? Ref::new_ref(other) : make_set(base_type_of(Value(s)), other);
  if (!o) return false;
  Snapshot snap(as_set(o.get()));
  for (const SetEntry& e : snap.entries) {
    if (!toggle(e.key, e.hash)) return false;
  }
  return true;
}

Ref symmetric_difference(Value self, Value other) {
  Ref r = make_set(base_type_of(self), other);
  if (!r || !symmetric_difference_update(as_set(r.get()), self)) return Ref();
  return r;
}

/// Is a a subset of b (b a set)?
int issubset(SetObject* a, SetObject* b) {
  if (a->used > b->used) return 0;
  Snapshot snap(a);
  for (const SetEntry& e : snap.entries) {
    int c = contains_entry(b, e.key, e.hash);
    if (c <= 0) return c;
  }
  return 1;
}

int issubset_any(Value self, Value other) {
  if (is_set(other)) return issubset(as_set(self), as_set(other));
  Ref tmp = make_set(&set_type, other);
  if (!tmp) return -1;
  return issubset(as_set(self), as_set(tmp.get()));
}

int issuperset_any(Value self, Value other) {
  if (is_set(other)) return issubset(as_set(other), as_set(self));
  Ref it = get_iter(other);
  if (!it) return -1;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) return error_pending() ? -1 : 1;
    int c = contains_key(as_set(self), x.get());
    if (c <= 0) return c;
  }
}

// ---------------------------------------------------------------- slots

void set_dealloc(Object* o) {
  auto* s = static_cast<SetObject*>(o);
  std::vector<SetEntry> table;
  table.swap(s->table);
  for (const SetEntry& e : table) {
    if (is_active(e)) decref(e.key);
  }
  delete s;
}

/// The collector's clear slot (frozensets too: a key's attribute can point back at one).
void set_clear_slot(Object* o) { clear_internal(static_cast<SetObject*>(o)); }

void set_traverse(Object* o, VisitFn visit, void* arg) {
  for (const SetEntry& e : static_cast<SetObject*>(o)->table) {
    if (is_active(e) && e.key.is_object()) visit(e.key.obj(), arg);
  }
}

Ref set_repr(Value v) {
  SetObject* s = as_set(v);
  CriticalSection cs(s);
  const std::string& tn = type_of(v)->name;
  ReprGuard repr_guard(v.obj());
  if (!repr_guard.entered()) return str_new(tn + "(...)");
  if (s->used == 0) return str_new(tn + "()");
  if (!enter_recursive_call(" while getting the repr of an object")) return Ref();
  Snapshot snap(s);
  std::string out = "{";
  bool first = true;
  for (const SetEntry& e : snap.entries) {
    std::string r;
    if (!repr_text(e.key, &r)) {
      leave_recursive_call();
      return Ref();
    }
    if (!first) out += ", ";
    first = false;
    out += r;
  }
  leave_recursive_call();
  out += "}";
  if (type_of(v) != &set_type) out = tn + "(" + out + ")";
  return str_new(std::move(out));
}

bool set_len(Value v, int64_t* out) {
  CriticalSection cs(v);
  *out = static_cast<int64_t>(as_set(v)->used);
  return true;
}

int set_contains_slot(Value v, Value key) { return set_contains(as_set(v), key); }

Ref set_richcompare(Value a, Value b, CmpOp op) {
  if (!is_set(b)) return not_implemented_ref();
  SetObject* x = as_set(a);
  SetObject* y = as_set(b);
  CriticalSection2 cs(x, y);
  int r = 0;
  switch (op) {
    case CmpOp::Eq:
    case CmpOp::Ne:
      if (x->used != y->used)
        r = 0;
      else if (x->hash != -1 && y->hash != -1 && x->hash != y->hash)
        r = 0;
      else
        r = issubset(x, y);
      if (r < 0) return Ref();
      return bool_ref(op == CmpOp::Eq ? r : !r);
    case CmpOp::Le:
      r = issubset(x, y);
      break;
    case CmpOp::Ge:
      r = issubset(y, x);
      break;
    case CmpOp::Lt:
      r = x->used < y->used ? issubset(x, y) : 0;
      break;
    case CmpOp::Gt:
      r = x->used > y->used ? issubset(y, x) : 0;
      break;
  }
  if (r < 0) return Ref();
  return bool_ref(r);
}

uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747ull) ^ (h << 16)) * 3644798167ull; }

/// CPython's frozenset hash: order-independent xor of shuffled entry hashes, then mixing.
bool frozenset_hash(Value v, int64_t* out) {
  SetObject* s = as_set(v);
  if (s->hash != -1) {
    *out = s->hash;
    return true;
  }
  uint64_t h = 0;
  for (const SetEntry& e : s->table) {
    if (is_active(e)) h ^= shuffle_bits(static_cast<uint64_t>(e.hash));
  }
  h ^= (static_cast<uint64_t>(s->used) + 1) * 1927868237ull;
  h ^= (h >> 11) ^ (h >> 25);
  h = h * 69069u + 907133923ull;
  auto r = static_cast<int64_t>(h);
  if (r == -1) r = 590923713;
  s->hash = r;
  *out = r;
  return true;
}

Ref set_or(Value a, Value b) {
  if (!is_set(a) || !is_set(b)) return not_implemented_ref();
  Ref r = copy_of(a);
  if (!r || a == b) return r;
  if (!update_internal(as_set(r.get()), b)) return Ref();
  return r;
}
Ref set_and(Value a, Value b) {
  if (!is_set(a) || !is_set(b)) return not_implemented_ref();
  return intersection(a, b);
}
Ref set_sub(Value a, Value b) {
  if (!is_set(a) || !is_set(b)) return not_implemented_ref();
  return difference(a, b);
}
Ref set_xor(Value a, Value b) {
  if (!is_set(a) || !is_set(b)) return not_implemented_ref();
  return symmetric_difference(a, b);
}

Ref set_ior(Value a, Value b) {
  if (!is_set(b)) return not_implemented_ref();
  CriticalSection cs(a);
  if (!update_internal(as_set(a), b)) return Ref();
  return Ref::new_ref(a);
}
Ref set_iand(Value a, Value b) {
  if (!is_set(b)) return not_implemented_ref();
  CriticalSection cs(a);
  Ref tmp = intersection(a, b);
  if (!tmp) return tmp;
  swap_bodies(as_set(a), as_set(tmp.get()));
  return Ref::new_ref(a);
}
Ref set_isub(Value a, Value b) {
  if (!is_set(b)) return not_implemented_ref();
  CriticalSection cs(a);
  if (!difference_update_internal(as_set(a), b)) return Ref();
  return Ref::new_ref(a);
}
Ref set_ixor(Value a, Value b) {
  if (!is_set(b)) return not_implemented_ref();
  CriticalSection cs(a);
  if (!symmetric_difference_update(as_set(a), b)) return Ref();
  return Ref::new_ref(a);
}

struct SetIterObject : Object {
  Ref set;
  size_t pos = 0;
  size_t expected = 0;
};

Ref set_iter(Value v) {
  auto* it = alloc_instance<SetIterObject>(&set_iter_type);
  it->set = Ref::new_ref(v);
  CriticalSection cs(v);
  it->expected = as_set(v)->used;
  return Ref::steal(Value(it));
}

Ref set_iter_next(Value v) {
  auto* it = static_cast<SetIterObject*>(v.obj());
  // An exhausted iterator drops its set into `done`, destroyed after the sections end: it may be
  // the last reference, and unlocking a freed set would write freed memory.
  Ref done;
  CriticalSection its(it);  // threads may share one iterator
  if (!it->set) return Ref();
  SetObject* s = as_set(it->set.get());
  CriticalSection cs(s);  // held while the key's reference is taken
  if (s->used != it->expected) {
    it->expected = SIZE_MAX;  // stays broken, as CPython's
    return raise(&exc_RuntimeError, "Set changed size during iteration");
  }
  Value k;
  if (!set_next(s, &it->pos, &k)) {
    done = std::move(it->set);
    return Ref();
  }
  return Ref::new_ref(k);
}

void set_iter_traverse(Object* o, VisitFn visit, void* arg) {
  auto* it = static_cast<SetIterObject*>(o);
  if (it->set) visit(it->set.get().obj(), arg);
}

Ref set_iter_length_hint(Value self, const Value*, size_t, TupleObject*) {
  auto* it = static_cast<SetIterObject*>(self.obj());
  if (!it->set || it->expected != as_set(it->set.get())->used) return int_from_int64(0);
  // Active entries at or after pos.
  SetObject* s = as_set(it->set.get());
  int64_t n = 0;
  for (size_t i = it->pos; i <= s->mask; i++) n += is_active(s->table[i]);
  return int_from_int64(n);
}

/// (iter, (list of the keys still to come,)), without advancing the iterator (CPython's
/// setiter_reduce iterates a copy, so a size change raises as __next__ would).
Ref set_iter_reduce(Value self, NativeArgs&) {
  auto* it = static_cast<SetIterObject*>(self.obj());
  Ref out = list_new();
  Ref set_ref;
  size_t pos;
  {
    CriticalSection its(it);
    if (it->set) set_ref = it->set.dup();
    pos = it->pos;
  }
  if (set_ref) {
    SetObject* s = as_set(set_ref.get());
    CriticalSection cs(s);
    if (s->used != it->expected)
      return raise(&exc_RuntimeError, "Set changed size during iteration");
    Value k;
    while (set_next(s, &pos, &k)) list_append(as_list(out.get()), k);
  }
  return iter_reduce_items(out.get());
}
const NativeDef kSetIterMethods[] = {
    {"__reduce__($self, /)", set_iter_reduce, 0, "Return state information for pickling."},
};

bool set_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  // frozenset has no __init__ of its own (object's, which ignores the arguments __new__ took):
  // a subclass's __new__ may take keywords (test_set's subclass_with_new).
  if (isinstance(self, &frozenset_type)) return true;
  if (!check_nargs(type_of(self)->name.c_str(), nargs, kwnames, 0, 1)) return false;
  CriticalSection cs(self);
  SetObject* s = as_set(self);
  if (s->fill) clear_internal(s);
  if (nargs == 1) return update_internal(s, args[0]);
  return true;
}

Ref set_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (is_subtype(type, &frozenset_type)) {
    // As CPython's frozenset_new: keyword arguments are refused unless a subclass's own __init__
    // takes them (class F(frozenset) with def __init__(self, arg, newarg=None)).
    size_t nkw = kwnames ? kwnames->size : 0;
    if (nkw && (type == &frozenset_type || type->init == frozenset_type.init)) {
      raise(&exc_TypeError, "frozenset() takes no keyword arguments");
      return Ref();
    }
    if (!check_nargs(type->name.c_str(), nargs, nullptr, 0, 1)) return Ref();
    // frozenset(f) is f itself when both are exactly frozensets (immutable: nothing to copy).
    if (type == &frozenset_type && nargs == 1 && type_of(args[0]) == &frozenset_type) {
      return Ref::new_ref(args[0]);
    }
    return make_set(type, nargs == 1 ? args[0] : Value());
  }
  return set_new(type);
}

#define SET_METHOD(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

/// An unhashable set argument of `in`, remove() or discard() is used as a frozenset.
template <class F>
int with_frozen_fallback(Value key, F op) {
  int r = op(key);
  if (r >= 0 || !(key.is_object() && is_subtype(type_of(key), &set_type)) ||
      !exception_matches(&exc_TypeError)) {
    return r;
  }
  clear_exception();
  Ref f = make_set(&frozenset_type, key);
  if (!f) return -1;
  return op(f.get());
}

SET_METHOD(m_add) {
  if (!check_nargs("add", nargs, kw, 1, 1)) return Ref();
  if (!set_add(as_set(self), args[0])) return Ref();
  return none_ref();
}
SET_METHOD(m_discard) {
  if (!check_nargs("discard", nargs, kw, 1, 1)) return Ref();
  if (set_discard(as_set(self), args[0]) < 0) return Ref();
  return none_ref();
}
SET_METHOD(m_remove) {
  if (!check_nargs("remove", nargs, kw, 1, 1)) return Ref();
  int r = set_discard(as_set(self), args[0]);
  if (r < 0) return Ref();
  if (r == 0) return raise_with_value(&exc_KeyError, args[0]);
  return none_ref();
}
SET_METHOD(m_pop) {
  if (!check_nargs("pop", nargs, kw, 0, 0)) return Ref();
  CriticalSection cs(self);
  SetObject* s = as_set(self);
  if (s->used == 0) return raise(&exc_KeyError, "pop from an empty set");
  size_t i = s->finger & s->mask;
  while (!is_active(s->table[i])) i = i + 1 > s->mask ? 0 : i + 1;
  Ref key = Ref::steal(s->table[i].key);
  s->table[i] = SetEntry{kSetDummy, -1};
  s->used--;
  s->finger = i + 1;
  return key;
}
SET_METHOD(m_clear) {
  if (!check_nargs("clear", nargs, kw, 0, 0)) return Ref();
  CriticalSection cs(self);
  clear_internal(as_set(self));
  return none_ref();
}
SET_METHOD(m_copy) {
  if (!check_nargs("copy", nargs, kw, 0, 0)) return Ref();
  if (type_of(self) == &frozenset_type) return Ref::new_ref(self);
  return copy_of(self);
}

SET_METHOD(m_union) {
  if (!check_nargs("union", 0, kw, 0, 0)) return Ref();
  Ref r = copy_of(self);
  for (size_t i = 0; r && i < nargs; i++) {
    if (args[i] == self) continue;
    if (!update_internal(as_set(r.get()), args[i])) return Ref();
  }
  return r;
}
Ref intersection_multi(Value self, const Value* args, size_t nargs) {
  if (nargs == 0) return copy_of(self);
  Ref r = Ref::new_ref(self);
  for (size_t i = 0; r && i < nargs; i++) r = intersection(r.get(), args[i]);
  return r;
}
SET_METHOD(m_intersection) {
  if (!check_nargs("intersection", 0, kw, 0, 0)) return Ref();
  return intersection_multi(self, args, nargs);
}
SET_METHOD(m_difference) {
  if (!check_nargs("difference", 0, kw, 0, 0)) return Ref();
  if (nargs == 0) return copy_of(self);
  Ref r = difference(self, args[0]);
  for (size_t i = 1; r && i < nargs; i++) {
    if (!difference_update_internal(as_set(r.get()), args[i])) return Ref();
  }
  return r;
}
SET_METHOD(m_symmetric_difference) {
  if (!check_nargs("symmetric_difference", nargs, kw, 1, 1)) return Ref();
  return symmetric_difference(self, args[0]);
}
SET_METHOD(m_update) {
  if (!check_nargs("update", 0, kw, 0, 0)) return Ref();
  CriticalSection cs(self);
  for (size_t i = 0; i < nargs; i++) {
    if (!update_internal(as_set(self), args[i])) return Ref();
  }
  return none_ref();
}
SET_METHOD(m_intersection_update) {
  if (!check_nargs("intersection_update", 0, kw, 0, 0)) return Ref();
  CriticalSection cs(self);
  Ref tmp = intersection_multi(self, args, nargs);
  if (!tmp) return tmp;
  if (tmp.get() != self) swap_bodies(as_set(self), as_set(tmp.get()));
  return none_ref();
}
SET_METHOD(m_difference_update) {
  if (!check_nargs("difference_update", 0, kw, 0, 0)) return Ref();
  CriticalSection cs(self);
  for (size_t i = 0; i < nargs; i++) {
    if (!difference_update_internal(as_set(self), args[i])) return Ref();
  }
  return none_ref();
}
SET_METHOD(m_symmetric_difference_update) {
  if (!check_nargs("symmetric_difference_update", nargs, kw, 1, 1)) return Ref();
  CriticalSection cs(self);
  if (!symmetric_difference_update(as_set(self), args[0])) return Ref();
  return none_ref();
}

SET_METHOD(m_issubset) {
  if (!check_nargs("issubset", nargs, kw, 1, 1)) return Ref();
  int r = issubset_any(self, args[0]);
  return r < 0 ? Ref() : bool_ref(r);
}
SET_METHOD(m_issuperset) {
  if (!check_nargs("issuperset", nargs, kw, 1, 1)) return Ref();
  int r = issuperset_any(self, args[0]);
  return r < 0 ? Ref() : bool_ref(r);
}
SET_METHOD(m_isdisjoint) {
  if (!check_nargs("isdisjoint", nargs, kw, 1, 1)) return Ref();
  Value other = args[0];
  SetObject* s = as_set(self);
  if (other == self) return bool_ref(s->used == 0);
  if (is_set(other)) {
    SetObject* a = s;
    SetObject* b = as_set(other);
    if (b->used > a->used) std::swap(a, b);
    Snapshot snap(b);
    for (const SetEntry& e : snap.entries) {
      int c = contains_entry(a, e.key, e.hash);
      if (c < 0) return Ref();
      if (c) return bool_ref(false);
    }
    return bool_ref(true);
  }
  Ref it = get_iter(other);
  if (!it) return it;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) return error_pending() ? Ref() : bool_ref(true);
    int c = contains_key(s, x.get());
    if (c < 0) return Ref();
    if (c) return bool_ref(false);
  }
}

/// __reduce__: (type, (list_of_keys,), __dict__ or None), as CPython's set_reduce.
SET_METHOD(m_reduce) {
  if (!check_nargs("__reduce__", nargs, kw, 0, 0)) return Ref();
  Ref keys = list_new(0);
  Value k;
  size_t pos = 0;
  while (set_next(as_set(self), &pos, &k)) list_append(as_list(keys.get()), k);
  Ref args_t = tuple_new(1);
  tuple_set_steal(as_tuple(args_t.get()), 0, keys.release());
  Ref state = Ref::new_ref(as_set(self)->dict ? Value(as_set(self)->dict) : None());
  Ref r = tuple_new(3);
  tuple_set_steal(as_tuple(r.get()), 0, Ref::new_ref(Value(type_of(self))).release());
  tuple_set_steal(as_tuple(r.get()), 1, args_t.release());
  tuple_set_steal(as_tuple(r.get()), 2, state.release());
  return r;
}

SET_METHOD(m_sizeof) {
  if (!check_nargs("__sizeof__", nargs, kw, 0, 0)) return Ref();
  // CPython's layout: a 200-byte object with an inline 8-slot table; larger tables are separate.
  size_t n = 200;
  if (as_set(self)->mask + 1 > kMinSize) n += (as_set(self)->mask + 1) * 16;
  return int_from_int64(static_cast<int64_t>(n));
}

void set_iter_dealloc(Object* o) { delete static_cast<SetIterObject*>(o); }
Ref self_iter(Value v) { return Ref::new_ref(v); }

}  // namespace

// ---------------------------------------------------------------- public API

Ref set_new(TypeObject* type) {
  auto* s = alloc_instance<SetObject>(type);
  reset_to_minsize(s);
  return Ref::steal(Value(s));
}

bool set_add(SetObject* s, Value key) {
  CriticalSection cs(s);
  return add_key(s, key);
}

int set_contains(SetObject* s, Value key) {
  CriticalSection cs(s);
  return with_frozen_fallback(key, [s](Value k) { return contains_key(s, k); });
}

int set_discard(SetObject* s, Value key) {
  CriticalSection cs(s);
  return with_frozen_fallback(key, [s](Value k) { return discard_key(s, k); });
}

bool set_update(SetObject* s, Value iterable) {
  CriticalSection cs(s);
  return update_internal(s, iterable);
}

Ref set_from_iterable(Value iterable, TypeObject* type) { return make_set(type, iterable); }

bool set_next(SetObject* s, size_t* pos, Value* key, int64_t* hash) {
  size_t i = *pos;
  while (i <= s->mask && !is_active(s->table[i])) i++;
  *pos = i + 1;
  if (i > s->mask) return false;
  *key = s->table[i].key;
  if (hash) *hash = s->table[i].hash;
  return true;
}

void set_types_init() {
  for (TypeObject* t : {&set_type, &frozenset_type}) {
    t->name = t == &set_type ? "set" : "frozenset";
    t->flags = kTypeBaseType | kTypeWeakrefable;
    t->basic_size = sizeof(SetObject);
    t->subclass_dict_offset = offsetof(SetObject, dict);
    t->dealloc = set_dealloc;
    t->traverse = set_traverse;
    t->clear = set_clear_slot;
    t->repr = set_repr;
    t->richcompare = set_richcompare;
    t->len = set_len;
    t->contains = set_contains_slot;
    t->iter = set_iter;
    t->init = set_init;
    t->new_ = set_new_slot;
    t->nb[static_cast<int>(NumOp::Or)] = set_or;
    t->nb[static_cast<int>(NumOp::And)] = set_and;
    t->nb[static_cast<int>(NumOp::Sub)] = set_sub;
    t->nb[static_cast<int>(NumOp::Xor)] = set_xor;
    t->flags |= kTypeMatchSelf;  // `case set(x)` binds the subject
    type_ready(t, &object_type);
    add_method(t, "copy", m_copy);
    add_method(t, "union", m_union);
    add_method(t, "intersection", m_intersection);
    add_method(t, "difference", m_difference);
    add_method(t, "symmetric_difference", m_symmetric_difference);
    add_method(t, "issubset", m_issubset);
    add_method(t, "issuperset", m_issuperset);
    add_method(t, "isdisjoint", m_isdisjoint);
    add_method(t, "__reduce__", m_reduce);
    add_method(t, "__sizeof__", m_sizeof);
  }
  set_type.hash = nullptr;
  add_attr(&set_type, "__hash__", None());
  frozenset_type.hash = frozenset_hash;
  set_type.nb_inplace[static_cast<int>(NumOp::Or)] = set_ior;
  set_type.nb_inplace[static_cast<int>(NumOp::And)] = set_iand;
  set_type.nb_inplace[static_cast<int>(NumOp::Sub)] = set_isub;
  set_type.nb_inplace[static_cast<int>(NumOp::Xor)] = set_ixor;
  add_method(&set_type, "add", m_add);
  add_method(&set_type, "discard", m_discard);
  add_method(&set_type, "remove", m_remove);
  add_method(&set_type, "pop", m_pop);
  add_method(&set_type, "clear", m_clear);
  add_method(&set_type, "update", m_update);
  add_method(&set_type, "intersection_update", m_intersection_update);
  add_method(&set_type, "difference_update", m_difference_update);
  add_method(&set_type, "symmetric_difference_update", m_symmetric_difference_update);

  set_iter_type.name = "set_iterator";
  set_iter_type.basic_size = sizeof(SetIterObject);
  set_iter_type.dealloc = set_iter_dealloc;
  set_iter_type.traverse = set_iter_traverse;
  set_iter_type.iter = self_iter;
  set_iter_type.iternext = set_iter_next;
  type_ready(&set_iter_type, &object_type);
  add_method(&set_iter_type, "__length_hint__", set_iter_length_hint);
  add_methods(&set_iter_type, kSetIterMethods);
}

}  // namespace minipy::rt
