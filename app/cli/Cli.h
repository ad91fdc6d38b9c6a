#pragma once

namespace coroscope::cli {

// Parses the command line and runs one command; returns the process exit code
// (0 ok, 1 the program or file failed, 2 bad usage or a bad file).
int run(int argc, char **argv);

} // namespace coroscope::cli
