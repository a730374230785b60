"""The story's paragraphs: the run of text after the headline, with page furniture inside it left out.

Besides sentence-shaped paragraphs, a person marking "the article text" keeps the story's own
subheadings, list items and one-word answers; they are recognised by position (inside the story,
next to its paragraphs) rather than by shape alone, because the same shapes outside the story are
menus and related headlines.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.ingest import dedupe
from generator.ingest import lines as L
from generator.ingest.lines import Kind

WEAK_END_SHARE = 0.5  # "Related" ends the story only once this share of its prose is behind us
MAX_SUBHEADING_WORDS = 12
MAX_ITEM_WORDS = 40
MAX_AD_WORDS = 6  # "Advertisement", "Story continues below this ad": the story goes on after them
RESUME_LOOKAHEAD = 30  # blocks searched after "Related" for the story to resume


@dataclass(frozen=True)
class Body:
    paragraphs: list[str]
    end: int  # index of the block where the story ended
    headings: tuple[str, ...] = ()  # the paragraphs that are the story's own subheadings
    items: tuple[str, ...] = ()  # the paragraphs that are items of a list without bullets ("It includes:")


def _is_body_text(text: str, kind: Kind) -> bool:
    if kind in (Kind.PROSE, Kind.SENTENCE):
        return True
    if kind is not Kind.OTHER:
        return False
    n = L.word_count(text)
    # long unpunctuated paragraphs and lead-ins to a list or quote ("He said:") are story text
    return n >= 20 or (text.endswith(":") and n >= 6)


def _is_paragraph_next(texts: list[str], kinds: list[Kind], i: int) -> bool:
    """A paragraph, or a list's lead-in ("The list includes:"), follows."""
    if i + 1 >= len(texts):
        return False
    kind, text = kinds[i + 1], texts[i + 1]
    lead_in = kind is Kind.OTHER and text.endswith(":")
    return kind is Kind.PROSE or lead_in or (kind is Kind.SENTENCE and L.word_count(text) >= 6)


def _story_resumes(texts: list[str], kinds: list[Kind], i: int) -> bool:
    """After a "Related" heading inside the story, two paragraphs in a row mean the story goes on.

    Related-story lists hold headlines, sometimes each with one summary sentence, never a run of
    paragraphs; the lookahead is bounded so the pass stays linear.
    """
    for j in range(i + 1, min(len(kinds) - 1, i + RESUME_LOOKAHEAD)):
        if kinds[j] in (Kind.END, Kind.TAGS):
            return False
        if kinds[j] is Kind.PROSE:
            return kinds[j + 1] is Kind.PROSE
    return False


def _in_story_item(text: str, kind: Kind, in_list: bool) -> bool:
    """A subheading-free line that still belongs to the story: a list item or a short answer."""
    n = L.word_count(text)
    if kind is not Kind.OTHER or n == 0:
        return False
    if text.startswith(L.BULLETS) and n <= MAX_ITEM_WORDS:
        return True
    if in_list and n <= MAX_ITEM_WORDS:
        return True
    # "A: Yes." is too short to count as a sentence on its own, but it is one
    return L.ends_sentence(text) and any(c.islower() for c in text)


def _headline_case(text: str) -> bool:
    """Every longer word capitalised, as a live page heads an update ("Hegseth Hold Bilateral Talks")."""
    long = [w for w in L.words(text) if len(w) > 3 and w[0].isalpha()]
    return len(long) >= 2 and all(w[0].isupper() for w in long)


def _is_question_heading(text: str, kind: Kind) -> bool:
    return (
        kind is Kind.SENTENCE
        and text.endswith("?")
        and ":" not in text
        and L.word_count(text) <= MAX_SUBHEADING_WORDS
    )


def collect(texts: list[str], kinds: list[Kind], start: int, skip: set[str]) -> Body:
    """The body paragraphs (repeats removed) and where the story ended."""
    total = sum(L.word_count(texts[i]) for i in range(start, len(texts)) if kinds[i] is Kind.PROSE)
    paragraphs: list[str] = []
    kept = 0
    after_insert = False
    in_story = False  # the last block that was not an ad or a time stamp was story text
    interrupted = False  # the story stopped for an insert ("Also Watch:") and did not go on yet
    in_list = False  # after a lead-in ending in ":", or a list item, inside the story
    dateline = ""
    headings: list[str] = []
    items: set[str] = set()
    lone_heads: set[str] = set()  # items that head the paragraph after them when no other item follows
    end = len(texts)
    for i in range(start, len(texts)):
        text, kind = texts[i], kinds[i]
        if paragraphs and (kind in (Kind.END, Kind.TAGS)):
            end = i
            break
        weak_end = paragraphs and kind is Kind.END_WEAK and kept >= WEAK_END_SHARE * total
        if weak_end and not _story_resumes(texts, kinds, i):
            end = i
            break
        if kind in (Kind.END_WEAK, Kind.INSERT, Kind.END, Kind.TAGS, Kind.LABEL):
            after_insert = kind is not Kind.INSERT or L.word_count(text) <= 4
            interrupted = kind is Kind.INSERT and (in_story or interrupted)
            in_story = in_list = False
            continue
        if after_insert and kind not in (Kind.PROSE, Kind.SENTENCE):
            continue  # the linked headline under "Also read" / "Related"
        after_insert = False
        if kind is Kind.OTHER and L.is_dateline_only(text):
            dateline = text
            continue
        story = _is_body_text(text, kind)
        # An explainer's question ("What happens next?") heads the paragraphs that answer it; an
        # interviewer's ("Q: ...") is the interview's text.
        heading = story and (in_story or interrupted) and not in_list and _is_question_heading(text, kind)
        heading = heading and _is_paragraph_next(texts, kinds, i)
        item = False
        if not story and in_story:
            if _in_story_item(text, kind, in_list):
                story = True
                item = in_list and not text.startswith(L.BULLETS) and not L.is_item(text)
                short = L.word_count(text) <= MAX_SUBHEADING_WORDS and not text.endswith(":")
                if item and short and _headline_case(text) and _is_paragraph_next(texts, kinds, i):
                    lone_heads.add(text)
            elif kind is Kind.OTHER and L.word_count(text) <= MAX_SUBHEADING_WORDS:
                # a subheading sits inside the story and introduces the next paragraph
                heading = not text.endswith(":") and _is_paragraph_next(texts, kinds, i)
                story = heading or text.endswith(":")
        if not story:
            ad_or_stamp = (kind is Kind.CHROME and L.word_count(text) <= MAX_AD_WORDS) or kind is Kind.DATE
            if not ad_or_stamp:
                in_story = in_list = False  # an ad or a time stamp does not interrupt the story
            continue
        in_story, interrupted = True, False
        # A list goes on after a lead-in ("The steps are:") and after an item: "3. Jet engines", short,
        # is the third item when "2. Regular exchange of data." was kept, as a bullet's would be.
        in_list = text.endswith(":") or L.is_item(text) or (in_list and kind is Kind.OTHER)
        if dedupe.key(text) in skip:
            continue
        if dateline:
            text, dateline = f"{dateline} {text}", ""
        elif heading:
            headings.append(text)
        elif item:
            items.add(text)
        paragraphs.append(text)
        if kind is Kind.PROSE:
            kept += L.word_count(text)
    paragraphs = dedupe.unique(paragraphs)
    listed = _lists(paragraphs, items)
    # After a lead-in ("Here are the live updates:"), one line in headline case over a paragraph is
    # the first update's heading, not a list of one.
    headings += [p for p in paragraphs if p in lone_heads and p not in listed]
    return Body(paragraphs, end, tuple(headings), listed)


def _lists(paragraphs: list[str], items: set[str]) -> tuple[str, ...]:
    """The items that stand in a run of two or more: one line after a lead-in ("He wrote:") is a
    paragraph, not a list."""
    listed = [p in items for p in paragraphs]
    return tuple(
        p
        for i, p in enumerate(paragraphs)
        if listed[i] and ((i > 0 and listed[i - 1]) or (i + 1 < len(listed) and listed[i + 1]))
    )
