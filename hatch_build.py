"""Build the compiled near-duplicate join (rolemap/core/analysis/_cjoin.c) into the package.

A plain C library loaded with ctypes (no Python headers needed, any C compiler). When no
compiler is found or the build fails, rolemap installs anyway and uses its Python join, which
gives the same answers, only slower (``rolemap check --version`` says which one runs).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script in a checkout: only ``build`` is needed
    BuildHookInterface = object

SOURCE = "rolemap/core/analysis/_cjoin.c"


def library_name() -> str:
    return "_cjoin.dll" if sys.platform == "win32" else "_cjoin.so"


def compiler() -> list[str] | None:
    configured = os.environ.get("CC") or sysconfig.get_config_var("CC") or ""
    for candidate in (shlex.split(configured), ["cc"], ["gcc"], ["clang"]):
        if candidate and shutil.which(candidate[0]):
            return candidate
    return None


def build(root: Path) -> Path | None:
    """Compile the library next to its source; its path, or None (a message says why)."""
    source = root / SOURCE
    target = source.with_name(library_name())
    cc = compiler()
    if cc is None:
        print("rolemap: no C compiler found: the Python near-duplicate join will be used")
        return None
    command = [*cc, "-O2", "-std=c99", "-shared", "-fPIC", "-o", str(target), str(source), "-lm"]
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        print(f"rolemap: building {SOURCE} failed, the Python join will be used:\n{detail}")
        return None
    return target


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        built = build(Path(self.root))
        if built is None:
            return
        build_data["artifacts"].append(str(built.relative_to(self.root)).replace(os.sep, "/"))
        if version == "standard":
            build_data["pure_python"] = False
            build_data["infer_tag"] = True


if __name__ == "__main__":  # python hatch_build.py: rebuild in a checkout after editing the C
    print(build(Path(__file__).resolve().parent) or "not built")
