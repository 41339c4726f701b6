// C++ on purpose: std::string, std::vector and exceptions need the C++ compiler and libstdc++.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "native_machine.h"

namespace {

// What the compiler targeted, from its own predefined macros: proves the code is for that machine.
const char *CompiledFor() {
#if defined(__aarch64__)
    return "aarch64";
#elif defined(__x86_64__)
    return "x86_64";
#else
    return "unknown";
#endif
}

std::string Join(const std::vector<std::string> &parts, const std::string &separator) {
    if (parts.empty()) {
        throw std::invalid_argument("nothing to join");
    }
    std::string joined = parts.front();
    for (size_t i = 1; i < parts.size(); ++i) {
        joined += separator + parts[i];
    }
    return joined;
}

PyObject *compiled_for(PyObject *, PyObject *) { return PyUnicode_FromString(CompiledFor()); }

PyObject *folder(PyObject *, PyObject *) { return PyUnicode_FromString(NATIVE_FOLDER); }

PyObject *join(PyObject *, PyObject *args) {
    PyObject *sequence;
    const char *separator;
    if (!PyArg_ParseTuple(args, "Os", &sequence, &separator)) {
        return nullptr;
    }
    PyObject *fast = PySequence_Fast(sequence, "join() takes a sequence of strings");
    if (fast == nullptr) {
        return nullptr;
    }
    std::vector<std::string> parts;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); ++i) {
        const char *text = PyUnicode_AsUTF8(PySequence_Fast_ITEMS(fast)[i]);
        if (text == nullptr) {
            Py_DECREF(fast);
            return nullptr;
        }
        parts.emplace_back(text);
    }
    Py_DECREF(fast);
    try {
        return PyUnicode_FromString(Join(parts, separator).c_str());
    } catch (const std::invalid_argument &error) {
        PyErr_SetString(PyExc_ValueError, error.what());
        return nullptr;
    }
}

PyMethodDef methods[] = {
    {"compiled_for", compiled_for, METH_NOARGS, "The machine the compiler targeted."},
    {"folder", folder, METH_NOARGS, "The native folder the setup script picked."},
    {"join", join, METH_VARARGS, "Joins strings in C++; ValueError for an empty sequence."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef module = {PyModuleDef_HEAD_INIT, "_native", "C++ part of machinecxx.", -1, methods};

}  // namespace

PyMODINIT_FUNC PyInit__native() { return PyModule_Create(&module); }
