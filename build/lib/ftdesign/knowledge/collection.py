"""Open the knowledge collection: an embedded PersistentClient, or a Chroma server.

`FTDESIGN_CHROMA_URL` selects a shared server (HttpClient), the path for teams; otherwise the
store is a local directory. Telemetry is off, and the collection carries our offline embedder so
Chroma never reaches for its default (downloading) one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ftdesign.knowledge import locations
from ftdesign.tools.errors import FtdesignError

_collections: dict[str, Any] = {}


def location_of(store_dir: Path | str | None) -> str:
    """The server URL when FTDESIGN_CHROMA_URL is set, else the resolved store directory."""
    server = locations.chroma_server()
    if server is not None:
        host, port, ssl = server
        return f"{'https' if ssl else 'http'}://{host}:{port}"
    path = Path(store_dir) if store_dir is not None else locations.default_store_dir()
    return str(path.expanduser().resolve())


def open_collection(store_dir: Path | str | None = None, *, fresh: bool = False) -> tuple[Any, str]:
    """(Chroma collection, location label); HttpClient when FTDESIGN_CHROMA_URL is set.

    The collection handle is cached per location (opening one costs tens of milliseconds);
    `fresh=True` re-reads it, including its metadata, from the store.
    """
    location = location_of(store_dir)
    if fresh or location not in _collections:
        import chromadb
        from chromadb.config import Settings

        from ftdesign.knowledge.embedding import shared_embedding

        settings = Settings(anonymized_telemetry=False)
        server = locations.chroma_server()
        # Chroma's annotation wants an embedder of texts *or* images; ours embeds texts only.
        embedder: Any = shared_embedding()
        try:
            if server is not None:
                host, port, ssl = server
                client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings)
            else:
                Path(location).mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=location, settings=settings)
            _collections[location] = client.get_or_create_collection(
                locations.COLLECTION_NAME, embedding_function=embedder
            )
        except (OSError, ValueError, RuntimeError) as error:  # what Chroma raises for these
            raise FtdesignError(
                f"cannot open the knowledge store at {location}: {error}",
                hint="start the Chroma server or unset FTDESIGN_CHROMA_URL"
                if server
                else "check the directory is writable, or delete it and run "
                "`ftdesign knowledge build`",
            ) from error
    return _collections[location], location
