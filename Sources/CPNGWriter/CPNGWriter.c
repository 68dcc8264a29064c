// See include/CPNGWriter.h. The setjmp below is the only one in viz: every libpng call that may
// raise an error runs between it and the return, so a longjmp only ever crosses this C frame.
#include "CPNGWriter.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    viz_png_output *output;
    char *message;
    size_t message_capacity;
} encode_context;

static void copy_message(encode_context *context, const char *text) {
    if (context->message_capacity == 0) return;
    strncpy(context->message, text, context->message_capacity - 1);
    context->message[context->message_capacity - 1] = '\0';
}

static void on_error(png_structp png, png_const_charp text) {
    copy_message((encode_context *)png_get_error_ptr(png), text);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text; // Warnings (e.g. a benign chunk note) do not stop the image; nothing to report.
}

/// Appends to the growable output, doubling so that a file costs O(log n) reallocations.
static void on_write(png_structp png, png_bytep data, size_t length) {
    encode_context *context = (encode_context *)png_get_error_ptr(png);
    viz_png_output *output = context->output;
    if (length > SIZE_MAX - output->count) png_error(png, "PNG output larger than memory");
    size_t needed = output->count + length;
    if (needed > output->capacity) {
        size_t capacity = output->capacity ? output->capacity : 65536;
        while (capacity < needed) capacity = capacity > SIZE_MAX / 2 ? needed : capacity * 2;
        unsigned char *grown = realloc(output->bytes, capacity);
        if (grown == NULL) png_error(png, "out of memory for the PNG output");
        output->bytes = grown;
        output->capacity = capacity;
    }
    memcpy(output->bytes + output->count, data, length);
    output->count = needed;
}

static void on_flush(png_structp png) { (void)png; }

int viz_png_encode(const unsigned char *rgba, uint32_t width, uint32_t height, int keep_alpha,
                   int compression_level, int filters,
                   const viz_png_text *texts, int text_count,
                   viz_png_output *output, char *message, size_t message_capacity) {
    output->bytes = NULL;
    output->count = 0;
    output->capacity = 0;
    encode_context context = {output, message, message_capacity};
    copy_message(&context, "");

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &context, on_error, on_warning);
    if (png == NULL) {
        copy_message(&context, "png_create_write_struct failed");
        return VIZ_PNG_SETUP_FAILED;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        copy_message(&context, "png_create_info_struct failed");
        return VIZ_PNG_SETUP_FAILED;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        viz_png_output_free(output);
        return VIZ_PNG_LIBPNG_ERROR;
    }

    png_set_write_fn(png, NULL, on_write, on_flush);
    png_set_compression_level(png, compression_level);
    if (filters >= 0) png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    png_set_IHDR(png, info, width, height, 8,
                 keep_alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    for (int i = 0; i < text_count; i++) {
        png_text chunk;
        memset(&chunk, 0, sizeof chunk);
        chunk.compression = PNG_TEXT_COMPRESSION_NONE;
        chunk.key = (png_charp)texts[i].keyword;
        chunk.text = (png_charp)texts[i].text;
        chunk.text_length = strlen(texts[i].text);
        png_set_text(png, info, &chunk, 1); // appends; libpng copies the strings
    }
    png_write_info(png, info);
    if (!keep_alpha) png_set_filler(png, 0, PNG_FILLER_AFTER); // on write: drop the 4th byte

    size_t stride = (size_t)width * 4;
    for (uint32_t y = 0; y < height; y++) {
        png_write_row(png, rgba + (size_t)y * stride);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return VIZ_PNG_OK;
}

void viz_png_output_free(viz_png_output *output) {
    free(output->bytes);
    output->bytes = NULL;
    output->count = 0;
    output->capacity = 0;
}
