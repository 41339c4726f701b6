// What the extension was compiled for, so that a test tells a wheel built for the wrong machine.
#include <pybind11/pybind11.h>

#include <string>

#if defined(__aarch64__)
#define COMPILED_FOR "aarch64"
#elif defined(__x86_64__)
#define COMPILED_FOR "x86_64"
#else
#define COMPILED_FOR "unknown"
#endif

PYBIND11_MODULE(_native, module)
{
    module.def("add", [](long a, long b) { return a + b; });
    module.def("compiled_for", []() { return std::string(COMPILED_FOR); });
}
