/* A Lets-Plot-shaped bridge: ImageMagick's MagickWand linked in statically, nothing of it left to load. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <MagickWand/MagickWand.h>

/* canvas(width, height, colour) -> (width, height, red, green, blue) of a new image filled with the colour. */
static PyObject *canvas(PyObject *self, PyObject *args)
{
    unsigned long width, height;
    const char *colour;
    if (!PyArg_ParseTuple(args, "kks", &width, &height, &colour))
        return NULL;
    MagickWand *wand = NewMagickWand();
    PixelWand *fill = NewPixelWand();
    PyObject *result = NULL;
    if (!PixelSetColor(fill, colour)) {
        PyErr_Format(PyExc_ValueError, "not a colour: %s", colour);
    } else if (MagickNewImage(wand, width, height, fill) == MagickFalse) {
        PyErr_SetString(PyExc_RuntimeError, "MagickNewImage failed");
    } else {
        PixelWand *pixel = NewPixelWand();
        MagickGetImagePixelColor(wand, (ssize_t)(width / 2), (ssize_t)(height / 2), pixel);
        result = Py_BuildValue("(kkiii)", (unsigned long)MagickGetImageWidth(wand), (unsigned long)MagickGetImageHeight(wand),
                               (int)(PixelGetRed(pixel) * 255 + 0.5), (int)(PixelGetGreen(pixel) * 255 + 0.5), (int)(PixelGetBlue(pixel) * 255 + 0.5));
        DestroyPixelWand(pixel);
    }
    DestroyPixelWand(fill);
    DestroyMagickWand(wand);
    return result;
}

static PyObject *version(PyObject *self, PyObject *unused)
{
    size_t number;
    return PyUnicode_FromString(MagickGetVersion(&number));
}

static PyMethodDef methods[] = {
    {"canvas", canvas, METH_VARARGS, "A new image filled with a colour: its size and centre pixel."},
    {"version", version, METH_NOARGS, "ImageMagick's version string."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_bridge", NULL, -1, methods};

PyMODINIT_FUNC PyInit__bridge(void)
{
    MagickWandGenesis();
    return PyModule_Create(&module);
}
