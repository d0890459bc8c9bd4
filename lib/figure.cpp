// Implemented in a later commit; declared in include/verbatim/figure.hpp.
#include "verbatim/figure.hpp"
