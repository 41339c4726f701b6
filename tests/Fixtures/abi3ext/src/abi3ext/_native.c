/* From CPython 3.11 on, only its stable ABI (Py_LIMITED_API, from setup.py): the same binary imports on every later CPython. */
#include <Python.h>
#include <unistd.h>

static PyObject *answer(PyObject *self, PyObject *args)
{
    /* A call into the C library, so that the extension needs it and auditwheel finds which libc it is for. */
    return PyLong_FromLong(getpid() > 0 ? 42 : 0);
}

static PyMethodDef methods[] = {
    {"answer", answer, METH_NOARGS, "The answer."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_native", NULL, -1, methods};

PyMODINIT_FUNC PyInit__native(void)
{
    return PyModule_Create(&module);
}
