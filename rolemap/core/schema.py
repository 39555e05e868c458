"""The JSON Schema of the role-chart format, for editors that validate YAML."""

from __future__ import annotations

from typing import Any

from rolemap.core.model import Chart


def json_schema() -> dict[str, Any]:
    schema = Chart.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "rolemap role chart, formats 1 and 2"
    schema["required"] = sorted({"rolemap", *schema.get("required", [])})
    return schema
