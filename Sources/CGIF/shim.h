// giflib's public header, nothing else.
#include <gif_lib.h>
