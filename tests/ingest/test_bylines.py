"""Who wrote a story and who published it, in each shape pages give them, and the lines that only
look like a name (a section label, a share bar, a dateline's place)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from generator.ingest.html_reader import read_html
from generator.ingest.model import CleanArticle

LEAD = (
    "India and the United States on Tuesday agreed to co-develop autonomous underwater vehicles and to "
    "speed up talks on the co-production of armoured vehicles, officials said after a meeting in Delhi."
)
MORE = (
    "The meeting of the defence policy group also reviewed the progress of the jet engine deal and the "
    "plan to build a maintenance facility for American ships at an Indian yard on the east coast."
)
HEADLINE = "India, US to co-develop underwater drones under new road map"


def page(*header: str, first_line: str = "", top: str = "") -> str:
    """A dump whose lines under the headline are ``header``, its first line ``first_line``."""
    above = f"{first_line}\n\n" if first_line else ""
    return (
        f" date 2025-07-01 {top}\n{above}{HEADLINE}\n\n"
        + "".join(f"{h}\n\n" for h in header)
        + f"{LEAD}\n\n{MORE}\n"
    )


DATE = "July 1, 2025 10:10 pm IST"


@pytest.mark.parametrize(
    ("header", "byline"),
    [
        (["By Aaron Mehta on July 01, 2025"], "Aaron Mehta"),
        (["Dinakar Peri", DATE], "Dinakar Peri"),  # a bare name over the date
        (["India Today News Desk", DATE], "India Today News Desk"),
        (["Soutik Biswas", "India correspondent"], "Soutik Biswas"),  # over its role
        ([DATE, "Elara Sen"], "Elara Sen"),  # under the date
        (["KENJI KAWASE, Nikkei staff writer", DATE], "Kenji Kawase"),
        (["Dan Sabbagh Defence and security editor", DATE], "Dan Sabbagh"),  # a role, no comma
        (["Peter Beaumont Senior international correspondent", DATE], "Peter Beaumont"),
        (["Hannah Ellis-Petersen in Delhi", DATE], "Hannah Ellis-Petersen"),  # where from
        (["Press Trust of India New Delhi", DATE], "Press Trust of India"),
        (["Commentary by Richard M. Rossow", DATE], "Richard M. Rossow"),
        (["FP Explainers • July 1, 2025, 22:10:05 IST"], "FP Explainers"),
        (["Sorwar Alam |01.07.2025 - Update : 01.07.2025"], "Sorwar Alam"),
        (["SNS | New Delhi | July 1, 2025 10:20 pm"], "SNS"),
        (["Edited By Moohita Kaur Garg", DATE], "Moohita Kaur Garg"),
        (["Published by: पवन पांडेय", DATE], "पवन पांडेय"),
        (["By MATTHEW LEE and AAMER MADHANI", DATE], "Matthew Lee and Aamer Madhani"),
        (["By Haley Britzky, CNN", DATE], "Haley Britzky"),
        (["By Manu Pubby, ET Bureau", DATE], "Manu Pubby"),
        (["By AFP - Agence France Presse", DATE], "AFP"),
        (["By Ravi Kumar, PTI", DATE], "Ravi Kumar, PTI"),  # the agency's copy: said
        (["By John Smith, Ann Lee", DATE], "John Smith, Ann Lee"),  # two authors
    ],
)
def test_the_byline_in_each_shape(
    clean_text: Callable[[str], CleanArticle], header: list[str], byline: str
) -> None:
    assert clean_text(page(*header)).byline == byline


@pytest.mark.parametrize(
    "header",
    [
        ["Available Downloads", "Download the Commentary (PDF)"],  # a label, by no date or role
        ["Whatsapp Facebook Twitter", DATE],  # a share bar
        ["Office of the Spokesperson", DATE],  # an office, not a name
        ["New Delhi | July 1, 2025 10:20 pm"],  # a dateline's place
        ["India News | Updated: July 01, 2025 22:10 pm IST"],  # a section
        ["Readout", DATE],
    ],
)
def test_lines_that_only_look_like_a_name_are_no_byline(
    clean_text: Callable[[str], CleanArticle], header: list[str]
) -> None:
    assert clean_text(page(*header)).byline is None


@pytest.mark.parametrize(
    ("first_line", "top", "source"),
    [
        ("ThePrint", "", "ThePrint"),  # the page's masthead
        ("Breaking Defense", "", "Breaking Defense"),
        ("India", "", None),  # a section, not a masthead
        ("Home", "", None),
        ("", "अमर उजाला", "अमर उजाला"),  # a header in another script names its publisher in it
        ("", "हिंदी में पढ़ें", None),  # "read in Hindi": a language link
        ("ThePrint", "The Wire", "The Wire"),  # the header first
    ],
)
def test_the_publisher_from_the_header_or_the_masthead(
    clean_text: Callable[[str], CleanArticle], first_line: str, top: str, source: str | None
) -> None:
    assert clean_text(page(DATE, first_line=first_line, top=top)).source_name == source


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        ("Asha Rao", "Asha Rao"),
        ("MATTHEW LEE", "Matthew Lee"),
        ("Haley Britzky, CNN", "Haley Britzky"),  # trafilatura gives "Haley Britzky; CNN"
        ("Asha Rao; Ben Lee", "Asha Rao, Ben Lee"),
    ],
)
def test_a_saved_pages_author_is_tidied_as_a_byline_is(author: str, byline: str) -> None:
    html = f"""<html><head><title>India, US hold naval talks</title>
    <meta property="article:published_time" content="2025-06-02T10:15:00+05:30">
    <meta name="author" content="{author}"></head><body><article><h1>India, US hold naval talks</h1>
    <p>{LEAD}</p><p>{MORE}</p></article></body></html>"""
    assert read_html(html, UTC, datetime(2025, 8, 1, tzinfo=UTC)).byline == byline
