// GLPK's C API as Debian's libglpk-dev installs it (no pkg-config file exists).
#include <glpk.h>
