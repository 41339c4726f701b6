"""Makes a cross build look native to the package's own build.

Loaded by wheelsmith-cross.pth at the start of every Python of the cross image, it does nothing
unless WHEELSMITH_TARGET_MACHINE is set, which the build sets for the build step only. Then a
setup script that asks os.uname() or platform.machine() which machine it builds for (real ones
pick their prebuilt native library folder that way) gets the target's name, as it would in the
target's own image. _PYTHON_HOST_PLATFORM already gives sysconfig and the wheel tag the target,
but not these two.
"""
import os

_target = os.environ.get("WHEELSMITH_TARGET_MACHINE")
if _target:
    _host_uname = os.uname

    def _target_uname():
        host = _host_uname()
        return os.uname_result((host.sysname, host.nodename, host.release, host.version, _target))

    os.uname = _target_uname
