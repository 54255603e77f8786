// Free lists: freed objects of a type that is made and dropped all the time (floats, short
// tuples, frame objects of tracebacks) are kept for reuse, as CPython keeps them, because a pop
// is far cheaper than operator new/delete. Each list is meant to be thread_local, so the
// free-threaded build needs no lock: an object freed by another thread than the one that made it
// goes to the freeing thread's list, which is fine, since the memory is plain heap memory either
// way. The owner resets an object's state before pushing it and re-initialises its header after
// popping it; the list only holds memory.
#pragma once

namespace minipy::rt {

/// Up to `Max` spare `T`s; `Release` frees one for good (when the list is full, and for every
/// spare when the thread exits).
template <class T, int Max, void (*Release)(T*)>
class FreeList {
 public:
  FreeList() = default;
  FreeList(const FreeList&) = delete;
  FreeList& operator=(const FreeList&) = delete;
  ~FreeList() {
    while (n_ > 0) Release(items_[--n_]);
  }

  /// A spare object, or null when there is none.
  T* pop() { return n_ > 0 ? items_[--n_] : nullptr; }
  /// Keeps `o` for reuse; frees it when the list is full.
  void push(T* o) {
    if (n_ < Max) {
      items_[n_++] = o;
    } else {
      Release(o);
    }
  }

 private:
  int n_ = 0;  // first: a list in use touches one page for the count and its top items
  T* items_[Max];
};

}  // namespace minipy::rt
