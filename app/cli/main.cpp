// coroscope-cli: the project's headless face, built on the core alone.
#include "Cli.h"

int main(int argc, char **argv)
{
    return coroscope::cli::run(argc, argv);
}
