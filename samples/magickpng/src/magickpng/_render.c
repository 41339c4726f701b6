/* Draws a disc on a plain background with MagickWand and returns it as PNG bytes. Small, but it
 * needs ImageMagick and libpng at build time, at link time and at run time. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <png.h>
#include <string.h>

#if defined(__has_include) && __has_include(<MagickWand/MagickWand.h>)
#include <MagickWand/MagickWand.h>
#else
#include <wand/MagickWand.h> /* ImageMagick 6, as in manylinux2014's yum */
#endif

static PyObject *raise_wand_error(MagickWand *wand)
{
    ExceptionType severity;
    char *description = MagickGetException(wand, &severity);
    PyErr_SetString(PyExc_RuntimeError, description && *description ? description : "MagickWand failed");
    MagickRelinquishMemory(description);
    return NULL;
}

/* PNG encoding is done here with libpng, from the pixels MagickWand drew: ImageMagick's own PNG
 * coder is a loadable module that links the system's MagickCore, which a repaired wheel must not
 * depend on (it carries its own copy). */
struct png_buffer {
    unsigned char *data;
    size_t size;
    size_t capacity;
};

static void append_png_data(png_structp png, png_bytep data, png_size_t length)
{
    struct png_buffer *buffer = png_get_io_ptr(png);
    if (buffer->size + length > buffer->capacity) {
        size_t capacity = (buffer->size + length) * 2;
        unsigned char *grown = PyMem_Realloc(buffer->data, capacity);
        if (grown == NULL)
            png_error(png, "out of memory");
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->size, data, length);
    buffer->size += length;
}

static void flush_png_data(png_structp png) { (void)png; }

/* Filter type 0 on every row, so a reader needs only zlib to check the pixels. */
static int encode_png(const unsigned char *rgb, png_uint_32 width, png_uint_32 height, struct png_buffer *out)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (info == NULL || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        return 0;
    }
    png_set_write_fn(png, out, append_png_data, flush_png_data);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, 0, PNG_FILTER_NONE);
    png_write_info(png, info);
    for (png_uint_32 y = 0; y < height; y++)
        png_write_row(png, (png_const_bytep)(rgb + (size_t)y * width * 3));
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 1;
}

static PyObject *render(PyObject *self, PyObject *args)
{
    unsigned long width, height;
    const char *color = "#1f77b4";
    if (!PyArg_ParseTuple(args, "kk|s", &width, &height, &color))
        return NULL;
    if (width == 0 || height == 0 || width > 10000 || height > 10000) {
        PyErr_SetString(PyExc_ValueError, "width and height must be between 1 and 10000");
        return NULL;
    }

    MagickWand *wand = NewMagickWand();
    PixelWand *background = NewPixelWand();
    PixelWand *fill = NewPixelWand();
    DrawingWand *draw = NewDrawingWand();
    unsigned char *rgb = NULL;
    struct png_buffer png = {NULL, 0, 0};
    PyObject *result = NULL;

    PixelSetColor(background, "white");
    if (PixelSetColor(fill, color) == MagickFalse) {
        PyErr_Format(PyExc_ValueError, "not a colour ImageMagick knows: %s", color);
        goto done;
    }
    if (MagickNewImage(wand, width, height, background) == MagickFalse) {
        result = raise_wand_error(wand);
        goto done;
    }
    DrawSetFillColor(draw, fill);
    double radius = (width < height ? width : height) / 2.5;
    DrawCircle(draw, width / 2.0, height / 2.0, width / 2.0 + radius, height / 2.0);
    rgb = PyMem_Malloc((size_t)width * height * 3);
    if (rgb == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (MagickDrawImage(wand, draw) == MagickFalse
        || MagickExportImagePixels(wand, 0, 0, width, height, "RGB", CharPixel, rgb) == MagickFalse) {
        result = raise_wand_error(wand);
        goto done;
    }
    if (!encode_png(rgb, (png_uint_32)width, (png_uint_32)height, &png)) {
        PyErr_SetString(PyExc_RuntimeError, "libpng could not encode the image");
        goto done;
    }
    result = PyBytes_FromStringAndSize((const char *)png.data, (Py_ssize_t)png.size);

done:
    PyMem_Free(png.data);
    PyMem_Free(rgb);
    DestroyDrawingWand(draw);
    DestroyPixelWand(fill);
    DestroyPixelWand(background);
    DestroyMagickWand(wand);
    return result;
}

static PyObject *imagemagick_version(PyObject *self, PyObject *unused)
{
    size_t number;
    return PyUnicode_FromString(MagickGetVersion(&number));
}

static PyMethodDef methods[] = {
    {"render", render, METH_VARARGS, "render(width, height, color='#1f77b4') -> PNG bytes of a disc on white"},
    {"imagemagick_version", imagemagick_version, METH_NOARGS, "The ImageMagick version linked in"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_render", NULL, -1, methods};

PyMODINIT_FUNC PyInit__render(void)
{
    MagickWandGenesis();
    return PyModule_Create(&module);
}
