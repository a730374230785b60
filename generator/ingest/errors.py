"""The one exception the per-article steps raise: the article cannot be used, and why."""

from __future__ import annotations


class ArticleError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
