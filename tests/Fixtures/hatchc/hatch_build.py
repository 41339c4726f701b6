"""Compiles src/native.c into the wheel as hatchc/_native, with the compiler and the Python headers the build sees."""

import os
import shlex
import subprocess
import sysconfig
import tempfile

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        built = os.path.join(tempfile.mkdtemp(), "_native" + sysconfig.get_config_var("EXT_SUFFIX"))
        compiler = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC"))
        subprocess.run([*compiler, "-shared", "-fPIC", "-O2", "-I" + sysconfig.get_paths()["include"], "src/native.c", "-o", built], check=True)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"][built] = "hatchc/" + os.path.basename(built)
