// CPNGWriter: libpng's classic write API behind one C call, so that libpng's longjmp
// (its only way to report an error) lands in a C frame and never unwinds through Swift.
//
// Why not png_image_write_to_memory (the simplified API, which needs no setjmp)? It cannot set
// the zlib level, the row filters or tEXt chunks; on a 1200×800 chart it took 4× as long as
// this at level 1 with the Up filter, or with its FAST flag gave files twice as large
// (BENCHMARKS.md, "Image writers").
//
// No policy lives here: ImageIO validates the input, picks the settings and turns the status
// code and message into Swift errors.
#ifndef VIZ_CPNGWRITER_H
#define VIZ_CPNGWRITER_H

#include <stddef.h>
#include <stdint.h>

/// One tEXt chunk; both strings NUL-terminated Latin-1 (ImageIO checks the PNG rules first).
typedef struct {
    const char *keyword;
    const char *text;
} viz_png_text;

/// Encoded bytes, allocated by C; release with viz_png_output_free.
typedef struct {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
} viz_png_output;

/// Status of viz_png_encode.
enum {
    VIZ_PNG_OK = 0,
    /// libpng reported an error; `message` holds its text.
    VIZ_PNG_LIBPNG_ERROR = 1,
    /// libpng could not even be set up (out of memory).
    VIZ_PNG_SETUP_FAILED = 2,
};

/// Encodes `height` rows of `width` RGBA8 pixels (row stride width*4) as an 8-bit PNG.
///   keep_alpha: 1 writes RGBA8, 0 writes RGB8 (libpng strips every 4th byte).
///   compression_level: zlib level 0…9.
///   filters: a mask of PNG_FILTER_NONE/SUB/UP/AVG/PAETH, or -1 for libpng's own choice.
/// On success returns VIZ_PNG_OK and fills `output` (the caller frees it). On failure returns a
/// status, writes libpng's message into `message` (always NUL-terminated) and leaves `output` empty.
int viz_png_encode(const unsigned char *rgba, uint32_t width, uint32_t height, int keep_alpha,
                   int compression_level, int filters,
                   const viz_png_text *texts, int text_count,
                   viz_png_output *output, char *message, size_t message_capacity);

void viz_png_output_free(viz_png_output *output);

#endif
