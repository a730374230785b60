"""Characters no page or feed may hold.

XML 1.0 forbids the C0 controls but tab, line feed and carriage return (a feed with one cannot be
written at all), and HTML calls every control and noncharacter a parse error. None is ever meant in
a brief: they come from scrapes of terminals and PDFs, or from text pasted out of a word processor.
"""

from __future__ import annotations

import re

UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def problem(char: str, remedy: str = "delete it") -> str:
    """What is wrong with one of ``UNFIT``'s characters, for an error that names where it is."""
    return f"an invisible control character (U+{ord(char):04X}) that pages and feeds cannot hold; {remedy}"
