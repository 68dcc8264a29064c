// libpng's public header, nothing else. Kept as a shim so the modulemap has one stable entry point.
#include <png.h>
