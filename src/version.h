// Which tracker this is: its version, and the build's identity (a hash of
// its sources, theme and font metrics, made by cmake/build_id.cmake).
#pragma once
#include <string>

#include "build_id.h"

namespace tracker {

// "tracker 0.1.0 (3f2a9c1e0b7d)": what the records name as the tool, so a
// site built by another build of tracker is rebuilt in full, never kept.
inline std::string ToolIdentity() { return std::string("tracker ") + TRACKER_VERSION + " (" + TRACKER_BUILD_ID + ")"; }

}  // namespace tracker
