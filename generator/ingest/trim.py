"""Author bios: paragraphs at the end that look like story text but describe the writer.

A bio is judged by shape and against the article rather than by a list of sites' sentences: a
trailing "<Name> is a <role>" paragraph about the byline's author, or one naming a job.
"""

from __future__ import annotations

import re

from generator.ingest import lines as L

MAX_BIO_WORDS = 90

_BIO = re.compile(
    r"^(?:(?:Dr|Prof|Professor|Gen|Lt|Col|Adm|Amb|Ambassador|Mr|Ms|Mrs)\.?\s+)?"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s+"
    r"(?:is|was|has been|covers|writes|reports|serves|holds|leads|heads|teaches|works)\b"
)
_ROLE = re.compile(
    r"\b(?:fellow|correspondent|editor|professor|researcher|reporter|journalist|author|director|chair"
    r"|adviser|advisor|analyst|lecturer|columnist|writer|scholar|contributor|chief|officer|associate"
    r"|president|founder|head of|member of|student|candidate|expert|retired|former)\b",
    re.IGNORECASE,
)


def is_bio(paragraph: str, byline: str | None) -> bool:
    """ "Jane Doe is a senior fellow at ...": a note about the author, not the story."""
    if L.word_count(paragraph) > MAX_BIO_WORDS:
        return False
    match = _BIO.match(paragraph)
    if not match:
        return False
    name = {w.lower() for w in L.words(match["name"])}
    if byline and name & {w.lower() for w in L.words(byline)}:
        return True
    return len(name) >= 2 and bool(_ROLE.search(paragraph))


def trailing_bios(paragraphs: list[str], byline: str | None) -> int:
    """How many paragraphs at the end are author bios."""
    count = 0
    for paragraph in reversed(paragraphs):
        if not is_bio(paragraph, byline):
            break
        count += 1
    return count
