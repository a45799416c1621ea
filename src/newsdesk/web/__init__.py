"""The site, the JSON API and the feeds over a Store: ``create_app(store)``."""

from newsdesk.web.app import create_app

__all__ = ["create_app"]
