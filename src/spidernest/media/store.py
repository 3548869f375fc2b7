"""Where job files (compendiums, screenshots) are written and how their download URLs look."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from spidernest.errors import InvalidInput, NotFound

__all__ = ["MediaStore", "StoredFile"]

_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A written file: its name relative to the client's folder, size, sha256 and URL."""

    filename: str
    size_bytes: int
    content_hash: str
    download_url: str
    path: Path


class MediaStore:
    """Files under ``<data_dir>/media/client-<client_id>/``, served by the API at ``/media/...``.

    Args:
        root: the media directory.
        public_url: the API's public base URL (``http://127.0.0.1:8000``), used in download URLs.
    """

    def __init__(self, root: Path, public_url: str) -> None:
        self.root = root
        self.public_url = public_url.rstrip("/")

    def _client_dir(self, client_id: str) -> str:
        return f"client-{client_id}"

    def path_for(self, client_id: str, filename: str) -> Path:
        """The absolute path of ``filename`` in the client's folder.

        Raises:
            InvalidInput: the name has empty, hidden or unsafe parts (no path traversal).
        """
        parts = filename.split("/")
        if not parts or not all(_SAFE_PART.match(part) for part in parts):
            raise InvalidInput(f"unsafe media file name: {filename!r}", field="filename")
        return self.root / self._client_dir(client_id) / Path(*parts)

    def url_for(self, client_id: str, filename: str) -> str:
        """The download URL the API serves ``filename`` at."""
        return f"{self.public_url}/media/{self._client_dir(client_id)}/{filename}"

    def write(self, client_id: str, filename: str, content: bytes) -> StoredFile:
        """Write ``content`` atomically (temp file + rename); overwriting is idempotent."""
        path = self.path_for(client_id, filename)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(content)
        tmp.replace(path)
        return StoredFile(
            filename=filename,
            size_bytes=len(content),
            content_hash=hashlib.sha256(content).hexdigest(),
            download_url=self.url_for(client_id, filename),
            path=path,
        )

    def open_path(self, client_id: str, filename: str) -> Path:
        """The path of an existing file of this client.

        Raises:
            NotFound: no such file in the client's folder.
        """
        path = self.path_for(client_id, filename)
        if not path.is_file():
            raise NotFound("File not found")
        return path
