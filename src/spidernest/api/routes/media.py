"""Media: download the files your jobs wrote (compendiums, screenshots)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import FileResponse

from spidernest.api.deps import CurrentClient, PlatformDep
from spidernest.errors import NotFound

router = APIRouter(prefix="/media", tags=["media"])

_MEDIA_TYPES = {".md": "text/markdown; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg"}


@router.get("/client-{client_id}/{filename:path}")
async def download(
    client_id: Annotated[str, Path(max_length=40)],
    filename: Annotated[str, Path(max_length=500)],
    client: CurrentClient,
    platform: PlatformDep,
) -> FileResponse:
    """Download one of your files. Another client's file is 404."""
    if client_id != client.id:
        raise NotFound("File not found")
    path = platform.media.open_path(client.id, filename)
    return FileResponse(path, media_type=_MEDIA_TYPES.get(path.suffix, "application/octet-stream"))
