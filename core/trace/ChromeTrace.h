#pragma once

// Chrome Trace Event JSON (the format chrome://tracing and Perfetto open), both ways, and the reader
// of either trace format. The mapping is specified in docs/trace-format.md, "Chrome Trace Event
// export"; keep the two in sync.
#include "AnyTraceFile.h"
#include "ChromeTraceExport.h"
#include "ChromeTraceImport.h"
