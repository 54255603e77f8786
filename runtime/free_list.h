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
/// spare when the thread exits). The spares are chained through their own first word (the
/// header's type pointer, which the owner sets again after a pop), as CPython 3.11 chains its
/// tuple free lists through ob_item[0]: the list itself is two words of thread-local storage
/// whatever `Max` is. (An array of `Max` pointers was static TLS, which glibc zeroes for every
/// thread at its start: 2000-entry tuple lists made every process and thread touch 330 KB.)
template <class T, int Max, void (*Release)(T*)>
class FreeList {
 public:
  FreeList() = default;
  FreeList(const FreeList&) = delete;
  FreeList& operator=(const FreeList&) = delete;
  ~FreeList() {
    while (T* o = pop()) Release(o);
  }

  /// A spare object, or null when there is none.
  T* pop() {
    void* o = head_;
    if (o != nullptr) {
      head_ = *static_cast<void**>(o);
      n_--;
    }
    return static_cast<T*>(o);
  }
  /// Keeps `o` for reuse; frees it when the list is full.
  void push(T* o) {
    if (n_ < Max) {
      void* mem = o;
      *static_cast<void**>(mem) = head_;
      head_ = mem;
      n_++;
    } else {
      Release(o);
    }
  }

 private:
  void* head_ = nullptr;  // the last pushed spare; each spare's first word points to the next
  int n_ = 0;
};

}  // namespace minipy::rt
