"""The one error every source raises."""

from __future__ import annotations


class SourceError(Exception):
    """A document could not be read; the message names it.

    ``kind`` says why, in one word that run summaries count by: ``read``,
    ``http``, ``timeout``, ``network``, ``robots``, ``blocked``, ``too-large``,
    ``malformed``, ``unsafe-xml``, ``content-type``, ``redirects``. ``status`` is
    the HTTP status when the server answered with an error.
    """

    def __init__(self, message: str, kind: str = "read", status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
