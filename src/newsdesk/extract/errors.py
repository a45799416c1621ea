"""Errors raised by extractors."""


class ExtractionError(ValueError):
    """A page yielded no article; the message names the input."""
