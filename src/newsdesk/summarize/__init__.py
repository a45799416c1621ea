"""Story summaries. ``ExtractiveSummarizer`` is the default and needs no model."""

from newsdesk.summarize.extractive import ExtractiveSummarizer, story_headline

__all__ = ["ExtractiveSummarizer", "story_headline"]
