"""Response formats for GET endpoints: JSON (default), YAML (fewer tokens), Markdown (readable)."""

from __future__ import annotations

from typing import Any

import yaml
from fastapi import Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

__all__ = ["render", "to_markdown"]


def _plain(content: BaseModel | dict[str, Any]) -> dict[str, Any]:
    if isinstance(content, BaseModel):
        return content.model_dump(mode="json")
    return content


def _title(data: dict[str, Any]) -> str:
    for key, label in (("job_id", "Job"), ("campaign_id", "Campaign")):
        if data.get(key):
            return f"## {label}: {data[key]}"
    return "## Result"


def _md_value(value: Any, indent: int) -> list[str]:
    pad = "  " * indent
    if isinstance(value, dict):
        lines: list[str] = []
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}- **{key}**:")
                lines.extend(_md_value(item, indent + 1))
            else:
                lines.append(f"{pad}- **{key}**: {_md_scalar(item)}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}-")
                lines.extend(_md_value(item, indent + 1))
            else:
                lines.append(f"{pad}- {_md_scalar(item)}")
        return lines
    return [f"{pad}{_md_scalar(value)}"]


def _md_scalar(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict | list):
        return "none"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def to_markdown(data: dict[str, Any]) -> str:
    """A readable Markdown rendering of a response (headline, then nested bullet lists)."""
    lines = [_title(data), ""]
    for key, value in data.items():
        if isinstance(value, dict | list) and value:
            lines.append(f"**{key}**:")
            lines.extend(_md_value(value, 0))
            lines.append("")
        else:
            lines.append(f"**{key}**: {_md_scalar(value)}  ")
    return "\n".join(lines).rstrip() + "\n"


def render(
    request: Request,
    content: BaseModel | dict[str, Any],
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """Render ``content`` in the format the query asks for (``?format=json|yaml|md``)."""
    fmt = request.query_params.get("format", "json")
    if fmt == "json" and isinstance(content, BaseModel):
        # Straight to bytes in pydantic-core: no intermediate dict, no json.dumps.
        return Response(
            content.model_dump_json(), status_code, headers, media_type="application/json"
        )
    data = _plain(content)
    if fmt == "yaml":
        body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        return Response(body, status_code, headers, media_type="application/yaml")
    if fmt == "md":
        return Response(to_markdown(data), status_code, headers, media_type="text/markdown")
    return JSONResponse(data, status_code, headers)
