// Delayed release (free-threaded builds): dropping the last reference to an object that other
// threads may still be reading through a borrowed pointer they loaded before it was unlinked.
//
// Without a GIL, `obj.__dict__ = d` can free the old dict while another thread, which loaded
// the instance-dict pointer a moment earlier, is about to lock and search it; `C.x = v` can free
// the old value of `x` while another thread holds it borrowed from the MRO lookup cache.
// Borrowed pointers of this kind never live past an eval-breaker check point (nothing on the
// eval loop's own stack is borrowed at an instruction boundary), so an unlinked object is safe
// to free once every other thread has been at a check point, or detached, since it was
// unlinked: exactly what stop-the-world establishes. Such objects wait in one list; when it
// reaches a batch, the next check point stops the world once and releases the whole batch
// (CPython's QSBR, Python/qsbr.c, uses per-thread sequence numbers instead; stop-the-world is
// the mechanism this runtime already has, and unlinking a live object is rare).
//
// With the GIL on (the default build, or -X gil=1) nobody runs alongside the holder, and with
// one thread there is nobody to wait for: the reference is dropped at once.
#pragma once

#include "runtime/object.h"

namespace minipy::rt {

#ifdef MINIPY_FREE_THREADING
/// Drops `r` once no other thread can still hold a borrowed pointer to it (see above). The
/// caller has already made the object unreachable through the slot it came from.
void delayed_release(Ref r);
/// The eval breaker's kBreakDelayedRelease: stops the world, then drops the waiting batch.
void delayed_release_run();
#else
inline void delayed_release(Ref) {}  // dropped here: the GIL holder is the only reader
#endif

}  // namespace minipy::rt
