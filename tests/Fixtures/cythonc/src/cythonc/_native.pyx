# What the extension was compiled for, so that a test tells a wheel built for the wrong machine.
cdef extern from *:
    """
    #if defined(__aarch64__)
    #define COMPILED_FOR "aarch64"
    #elif defined(__x86_64__)
    #define COMPILED_FOR "x86_64"
    #else
    #define COMPILED_FOR "unknown"
    #endif
    """
    const char *COMPILED_FOR


def compiled_for():
    return COMPILED_FOR.decode()


def add(long a, long b):
    return a + b
