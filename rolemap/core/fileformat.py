"""Reading and writing role-chart files (format v1 and v2), under one name.

Reading is rolemap.core.chartread (total loading: a chart, or every problem with its place);
writing is rolemap.core.chartwrite (deterministic text, atomic saves). Both are offered here
as they always were.
"""

from __future__ import annotations

from rolemap.core.chartread import ChartLoadError, YamlHook, load, loads, read_header
from rolemap.core.chartwrite import (
    DEFAULT_HEADER,
    dump_yaml,
    dumps,
    save,
    to_plain,
    write_atomic,
)
from rolemap.core.safeio import MAX_FILE_BYTES

__all__ = [
    "DEFAULT_HEADER",
    "MAX_FILE_BYTES",
    "ChartLoadError",
    "YamlHook",
    "dump_yaml",
    "dumps",
    "load",
    "loads",
    "read_header",
    "save",
    "to_plain",
    "write_atomic",
]
