"""``newsdesk.toml``: the sources to follow and how to fetch them, and other sections.

    [fetch]                  # how newsdesk fetches (all optional)
    contact = "https://example.org/about-our-crawler"
    delay = 1.0              # seconds between requests to one host

    [[sources]]              # one table per source
    url = "https://example.org/feed.xml"
    name = "Example"         # optional
    kind = "feed"            # auto | feed | sitemap | page | warc (default auto)
    interval = 600           # seconds between polls (default [fetch] poll_interval)

Sections this module does not know (``[web]``, ``[summarize.llm]``, ...) are
kept as plain dicts in ``Config.sections`` for the modules that read them.
The file is found by ``--config``, else ``$NEWSDESK_CONFIG``, else
``./newsdesk.toml``; without one, the defaults apply and there are no
configured sources.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field, fields
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

DEFAULT_CONTACT = "https://example.invalid/newsdesk"
KINDS = ("auto", "feed", "sitemap", "page", "warc")


def _version() -> str:
    try:
        return version("newsdesk")
    except PackageNotFoundError:
        return "0"


class ConfigError(ValueError):
    """The config file is unreadable or holds a wrong value; the message names it."""


@dataclass(frozen=True)
class FetchConfig:
    """How newsdesk fetches: identity, politeness, limits. Times in seconds, sizes in bytes."""

    user_agent: str = "newsdesk"
    contact: str = DEFAULT_CONTACT
    delay: float = 1.0
    per_host: int = 2
    concurrency: int = 16
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    url_timeout: float = 120.0
    poll_timeout: float = 600.0
    max_bytes: int = 10 * 2**20
    warc_max_bytes: int = 4 * 2**30
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_retry_after: float = 300.0
    max_articles: int = 200
    poll_interval: float = 900.0
    max_poll_interval: float = 6 * 3600.0
    allow_private: bool = False
    http2: bool = True

    @property
    def user_agent_header(self) -> str:
        """The User-Agent sent: product token, version and contact URL."""
        return f"{self.user_agent}/{_version()} (+{self.contact})"


@dataclass(frozen=True)
class SourceConfig:
    """One source as the config file declares it."""

    url: str
    name: str | None = None
    kind: str = "auto"
    interval: float | None = None


@dataclass(frozen=True)
class Config:
    """The whole file: fetch settings, sources and every other section untouched."""

    fetch: FetchConfig = field(default_factory=FetchConfig)
    sources: tuple[SourceConfig, ...] = ()
    sections: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def section(self, name: str) -> dict[str, Any]:
        """Another module's section (``"web"``, ``"summarize.llm"``), empty if absent."""
        value: Any = self.sections
        for part in name.split("."):
            value = value.get(part, {}) if isinstance(value, dict) else {}
        return value if isinstance(value, dict) else {}


def typed_settings(cls: type, values: dict[str, Any], where: str) -> Any:
    """Build a dataclass from a TOML table, checking names and types."""
    known = {f.name: f for f in fields(cls)}
    kwargs = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(known)})")
        expected = known[key].type.split(" | ")[0]  # annotations are strings here
        ok = {
            "str": isinstance(value, str),
            "bool": isinstance(value, bool),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "float": isinstance(value, int | float) and not isinstance(value, bool),
        }.get(expected, True)
        if not ok:
            raise ConfigError(f"{where}: {key} must be a {expected}, not {value!r}")
        if expected in ("int", "float") and not 0 <= value < math.inf:
            raise ConfigError(f"{where}: {key} must be a finite number ≥ 0, not {value!r}")
        kwargs[key] = float(value) if expected == "float" else value
    return cls(**kwargs)


def find_config(path: str | Path | None = None) -> Path | None:
    """The config file to read: ``path``, ``$NEWSDESK_CONFIG``, ``./newsdesk.toml`` or none."""
    if path is not None:
        return Path(path)
    if os.environ.get("NEWSDESK_CONFIG"):
        return Path(os.environ["NEWSDESK_CONFIG"])
    local = Path("newsdesk.toml")
    return local if local.exists() else None


def load_config(path: str | Path | None = None) -> Config:
    """Read and check the config file (see the module docstring); defaults when there is none."""
    found = find_config(path)
    if found is None:
        return Config()
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{found}: cannot read ({exc.strerror or exc})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{found}: not valid TOML ({exc})") from exc
    fetch = data.pop("fetch", {})
    sources = data.pop("sources", [])
    if not isinstance(fetch, dict):
        raise ConfigError(f"{found}: [fetch] must be a table")
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        raise ConfigError(f"{found}: sources must be [[sources]] tables")
    parsed = []
    for i, table in enumerate(sources, 1):
        where = f"{found}: source {i}"
        if "url" not in table:
            raise ConfigError(f"{where}: has no url")
        source = typed_settings(SourceConfig, table, where)
        if source.kind not in KINDS:
            raise ConfigError(f"{where}: kind {source.kind!r} is not one of {', '.join(KINDS)}")
        parsed.append(source)
    return Config(
        fetch=typed_settings(FetchConfig, fetch, f"{found}: [fetch]"),
        sources=tuple(parsed),
        sections=data,
        path=found,
    )
