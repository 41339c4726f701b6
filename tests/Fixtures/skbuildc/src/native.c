/* What the extension was compiled for, so that a test tells a wheel built for the wrong machine. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if defined(__aarch64__)
#define COMPILED_FOR "aarch64"
#elif defined(__x86_64__)
#define COMPILED_FOR "x86_64"
#else
#define COMPILED_FOR "unknown"
#endif

static PyObject *compiled_for(PyObject *self, PyObject *args) { return PyUnicode_FromString(COMPILED_FOR); }

static PyObject *add(PyObject *self, PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b)) {
        return NULL;
    }
    return PyLong_FromLong(a + b);
}

static PyMethodDef methods[] = {
    {"compiled_for", compiled_for, METH_NOARGS, "The machine the extension was compiled for."},
    {"add", add, METH_VARARGS, "a + b."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_native", NULL, -1, methods};

PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
