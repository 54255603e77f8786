// -X gil-top: once a period, print each thread's GIL share and the switch rate to stderr.
#pragma once

namespace minipy::rt {

/// Starts the monitor thread (it runs until the process exits).
void gil_top_start(double period_s);

}  // namespace minipy::rt
