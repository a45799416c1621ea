"""Where documents come from. Each source yields RawDocuments or SourceErrors."""

from newsdesk.sources.files import SourceError, expand_paths, read_file

__all__ = ["SourceError", "expand_paths", "read_file"]
