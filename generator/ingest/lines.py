"""What one line of a page dump is: story text, or one of the kinds of page furniture around it.

Each test looks at a single line (shape, length, known phrases), so classifying a page is linear.
Known phrases are the last resort; shape (sentence or not, length, separators) does most of the work.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from generator.ingest import dates
from generator.ingest.scripts import CJK, FIRST_CJK, FULL_WIDTH_STOPS, INDIC, SPACED_STOPS, compiled


class Kind(Enum):
    PROSE = "prose"  # a long sentence: body material
    SENTENCE = "sentence"  # a short sentence: body if it sits in the story
    OTHER = "other"  # no sentence shape: headline, subheading, link or label
    CHROME = "chrome"  # share buttons, ads, prompts, notes about the page
    CAPTION = "caption"
    BYLINE = "byline"
    DATE = "date"
    NAV = "nav"  # breadcrumbs and link lists
    END = "end"  # a heading after which only page furniture follows
    END_WEAK = "end_weak"  # "Related", "Trending": usually after the story, sometimes inside it
    INSERT = "insert"  # "Also Read: ..." inside the story
    LABEL = "label"  # "Summary", "Story highlights": the summary under it is not the story
    TAGS = "tags"


PROSE_WORDS = 12


def _alt(pattern: str) -> str:
    """A long pattern written over several lines, with the line breaks and indents taken out."""
    return re.sub(r"\n\s*", "", pattern)


# Indic scripts write vowel signs as combining marks, which \w does not match: keep them in the word.
_LETTERS = rf"(?:[^\W_]|[\u0300-\u036f{INDIC}])+"
_WORD_INDIC = re.compile(rf"{_LETTERS}(?:['’.-]{_LETTERS})*")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")  # the same for text without Indic letters, and faster
# The same for ASCII text, where [^\W_] is [A-Za-z0-9] and ’ cannot occur: ~1.4x faster again, and most
# story paragraphs are ASCII. Possessive: nothing follows the repeat, so backtracking into it never helps.
_WORD_ASCII = re.compile(r"[A-Za-z0-9]+(?:['.\-][A-Za-z0-9]+)*+")
# Chinese and Japanese put no spaces between words, and a word there is about two characters: each
# pair counts as one, so a line's length in words means what it means in other scripts (a line
# of them was one long "word", and every story in them was page furniture).
_WORD_CJK = rf"[{CJK}]{{1,2}}|[^\W_{CJK}]+(?:['’.-][^\W_{CJK}]+)*"  # compiled when first needed
_SCRIPT = re.compile(f"[{INDIC}{CJK}]")  # a script that needs its own word pattern
# Other scripts' marks too: without Urdu's "۔", every story in Urdu was page furniture.
_TERMINAL = re.compile(rf"""[.!?…{SPACED_STOPS}{FULL_WIDTH_STOPS}]["'”’)\]」』）]*\s*$|[.!?]\s*["'”’]\s*$""")
_CLOSING = re.compile(r"""["'”’)\]]+$""")
BULLETS = ("•", "·", "-", "–", "—", "*", "▪", "■", "►", "✓")  # what starts a page's list item
# A numbered item ("2. Joint production", "2) ..."): a year ending a sentence ("In 2025. ") is not one.
_BULLET = re.compile("(?:" + "|".join(map(re.escape, BULLETS)) + r"|[0-9]{1,3}[.)])\s+")

_CHROME_FULL = re.compile(
    _alt(r"""^(?:advertisements?|ad|ads|sponsored|story continues below(?: (?:this )?ad(?:vertisement)?)?
    |skip advertisement|ad feedback|advertisement\W+scroll to continue|link copied!?|विज्ञापन
    |list of \d+ items|list \d+ of \d+|end of list
    |continue reading(?: below)?
    |scroll (?:down )?to (?:continue|read)(?: more)?|share|shares|share (?:this|the) (?:article|story
    |post)|share on \w+
    |share via \w+|whatsapp|facebook|twitter|x|linkedin|telegram|reddit|email|e-mail|print|copy link
    |link copied
    |copied|listen(?: to (?:this|the) (?:article|story))?|\d+\s*min(?:ute)?s? (?:read|listen)|font size
    |a\+|a-|aa|a\+ a-
    |author img|author image|image|photo|photos|video|videos|watch|watch video|play|pause|loading\.*
    |follow|follow us
    |subscribe(?: now)?|sign in|sign up|log ?in|log ?out|register|menu|search|home|close|next|previous
    |prev|back to top
    |skip to (?:main )?content|read more|read less|show more|show less|view all|see all|load more|more
    |view comments
    |accept(?: all)?(?: cookies)?|reject(?: all)?|decline|cookie settings|manage (?:cookies|preferences
    |consent)|got it
    |okay|ok|e-?paper|live tv|live|breaking(?: news)?|google news|download(?: the)? app|get(?: the)? app
    |also read
    |also see|also watch|read also|trending|gallery|listen to this story|bookmark|save|saved
    |add to (?:my )?(?:list|feed)
    |notifications?|allow|block|recommended|premium|exclusive|updated|edited by .{1,40}|[\W_]+)$"""),
    re.IGNORECASE,
)
_CHROME_PREFIX = re.compile(
    _alt(r"""^\(?(?:also read|read also|also watch|also see|see also|read more|read next|watch\s*[:|]
    |related\s*[:|]
    |must read|don'?t miss|click here|tap here|catch (?:all )?the latest|catch up on|follow (?:us
    |the live|all the)
    |join (?:us|our)|subscribe to|sign up (?:for|to)|download the|get (?:the )?(?:latest|current)
    |catch all the
    |for (?:all )?(?:the )?latest
    |never miss|stay (?:updated|tuned|informed|ahead)|(?:photo|image|video|picture)s? (?:credit|courtesy
    |source)s?
    |disclaimer\s*[:|-]|advertisement|sponsored\s*[:|]|share (?:on|via|this)\b|copyright\b|©
    |all rights reserved
    |(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?\s*[:|-]|listen to (?:this
    |the) )"""),
    re.IGNORECASE,
)
# Sentences that describe the page rather than the story (only trusted on lines of modest length).
# Searched in the lowered line: re.IGNORECASE made the search several times slower.
_CHROME_CONTAINS = re.compile(
    _alt(r"""we use cookies|(?:site|website) uses cookies|cookie policy|accept (?:all )?cookies
    |consent to (?:the use of )?cookies
    |comments? below|leave a comment|post a comment|share your (?:views|thoughts|opinion|comments)
    |join the conversation
    |(?:sign up|subscribe)\b.{0,60}\bnewsletter|newsletter.{0,60}\b(?:inbox|sign up|subscribe)
    |whatsapp channel
    |on google news|(?:app store|play store|google play)\b.{0,40}$|allow notifications|push notifications
    |already a subscriber|subscribe (?:now|today) to|unlock (?:this|premium|unlimited)
    |premium (?:article|story|content)
    |reach us at|write to us at|contact us at|rights reserved|terms of (?:use|service)|privacy policy
    |you (?:can|may) also (?:read|watch)|download (?:the|our) .{1,30} app|follow us on|click here
    |comments (?:are|have been) (?:closed|disabled)|opens new tab|(?:sign up|subscribe|log in) to (?:read
    |continue)
    |available (?:only )?to subscribers|(?:support|supporting) (?:our|independent) (?:work|journalism)
    |becoming a member|delivered (?:daily|to your inbox)|want delivered to your inbox
    |(?:top )?stories of the day$""")
)
# Notes about the text itself: always chrome, whatever their length. Anchored notes are matched at the
# start; the others are searched only when one of their keywords occurs, since searching every
# paragraph for a dozen unanchored phrases dominates the cost of classifying a page.
_NOTE_START = re.compile(
    _alt(r"""\(?\s*with inputs? from [^)]{1,60}\)?\.?$|\(?this (?:story|article|report|copy) (?:has
    |was) (?:been )?(?:not )?(?:edited|published)
    |\(?(?:edited|written|reporting|additional reporting|compiled) by [^.]{1,60}(?:;[^.]{1,60})*\)?\.?$
    |\((?:[a-z]{2,12} )?(?:inputs?|reporting) [^)]{1,60}\)\.?$
    |[—–-]*\s*with assistance from|\(updates? (?:with|to|throughout)|commentary is produced by
    |(?:the (?:below|following) is )?attribut(?:ed|able) to [^.]{1,80}:$
    |\[\d{1,3}\]\s*\S|privacy notice\s*:|[—–-]\s*[^()]{1,60}\(@\w+\)"""),
    re.IGNORECASE,
)
_NOTE_ANY = re.compile(
    _alt(r"""syndicated feed|reworked by (?:the )?.{1,40}? staff|not been edited by .{1,40}? staff
    |contributed (?:to )?(?:this|the) (?:report|story|article)
    |a version of this (?:article|story) appears in print
    |views expressed (?:above |here(?:in)? |in this \w+ )?(?:are|belong)
    |do(?:es)? not (?:necessarily )?reflect (?:the )?(?:views|official|position|those)
    |does not take (?:specific |institutional )?(?:policy )?positions"""),
    re.IGNORECASE,
)
_NOTE_KEYS = ("syndicated", "staff", "contributed", "a version of", "views", "positions", "reflect")
_SYNDICATION_NAME = re.compile(
    r"(?:reworked|edited|written) by (?:the )?(?P<name>[A-Z][\w&'.]*(?: [A-Z][\w&'.]*){0,4}) staff"
)
_LOGO = re.compile(r"^(?P<name>[A-Z][\w&'.]*(?: [A-Z][\w&'.]*){0,4}) logo$", re.IGNORECASE)

AGENCIES = (  # news agencies, as an alternation
    r"PTI|ANI|IANS|UNI|AP|AFP|Reuters|Bloomberg|Xinhua|DPA|EFE|Yonhap|Kyodo|TASS|NYT|WPost|PIB|ETV Bharat"
)
_CAPTION_PREFIX = re.compile(
    _alt(r"""^(?:file (?:photo|image|pic|picture)|representational (?:image|photo|picture|pic)
    |representative (?:image|photo|picture)
    |(?:photo|image|picture|pic|photograph|photos|images|credit|courtesy|screengrab|screenshot|visuals
    |graphic)s?\s*(?:credit\s*|caption\s*|source\s*)?[:|/,-]|item \d+ of \d+\b|\[\d+/\d+\])"""),
    re.IGNORECASE,
)
_CAPTION_SUFFIX = re.compile(
    _alt(rf"""(?:\((?:[^()]*\b(?:photo|photos|image|images|pic|file|credit|courtesy|getty|screengrab
    |screenshot|x\.com|via)\b[^()]*
    |(?:{AGENCIES})(?:\s*/\s*\w+)?|@\w+|x/@?\w+)\)\s*$
    |[|/–—-]\s*(?:photo|image|pic|picture)s?\b(?:\s*credit)?\s*[:-]?.{{0,60}}$
    |\b(?:photo|photograph|image|picture|pic)s?\s*(?:credit|courtesy|source)?\s*:\s*\S.{{0,50}}$
    |\b(?:photo|image)s?\s+(?:by|courtesy)\s+[A-Z].{{0,50}}$
    |\b(?:REUTERS|AFP|AP|EPA|Getty Images|ANI|PTI)/[A-Z][a-z])"""),
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|reported by|written by|story by|words by|posted by|author|authored by|reporter)"
    r"\s*[:\-–]?\s+(?P<who>.+)$",
    re.IGNORECASE,
)
_NAME_JOINERS = {"and", "&", "with", "in", "for", "of", "de", "van", "von", "bin", "al", "el", "da", "the"}
_DATE_FILLER = re.compile(
    _alt(r"""\b(?:published|updated|last|first|on|at|posted|modified|created|date|time|am|pm|a\.m|p\.m
    |hrs|ist|utc|gmt
    |edt|est|bst|cet|cest|pdt|pst|cdt|cst|jst|sgt|aedt|aest|monday|tuesday|wednesday|thursday|friday
    |saturday|sunday
    |mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|jan|january|feb|february|mar|march|apr|april|may|jun
    |june|jul|july
    |aug|august|sep|sept|september|oct|october|nov|november|dec|december|st|nd|rd|th|t\d\d|z|ago|hours?
    |mins?|minutes?
    |read|min|story|news|edition|india|new delhi)\b|\d+"""),
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s(?:/|>|»|›|\||•|·|::)\s|\s?\|\s?")
_CRUMB = re.compile(r"\s[»›>]\s")
_END = re.compile(
    _alt(r"""^(?:tags?|tagged|topics?|keywords|filed under|related (?:tags|topics)|comments?
    |comments? \(\d+\)|\d+ comments?|leave a (?:reply|comment)
    |post (?:a|your) comment|add (?:a )?comment|join the (?:discussion|conversation)|for all latest updates
    |quick links.*|copyright.*|©.*|all rights reserved.*|about us|contact us|privacy policy
    |terms (?:of use|and conditions|&\s?conditions)
    |first published.*|get us on|follow us(?: on.*)?|connect with us|download (?:our|the) apps?.*
    |disclaimer|about the authors?)\s*:?$"""),
    re.IGNORECASE,
)
_END_WEAK = re.compile(
    _alt(r"""^(?:more from .*|more on .*|more stories|more news|related(?: articles| stories| news
    | posts| content| coverage| reads)?
    |you may (?:also )?like|you might (?:also )?like|recommended(?: for you| stories| articles| videos)?
    |trending(?: now| stories| news| today| topics)?|latest (?:news|stories|updates|videos)
    |top (?:stories|news|headlines)
    |most (?:read|popular|viewed|shared)|featured(?: stories| news| videos)?|read next|up next
    |what to read next
    |must read|editor'?s picks?|popular(?: stories| now| on .*)?|in case you missed it|also in .*
    |explore more
    |stories you may like|from around the web|sponsored (?:stories|content|links)|partner content
    |more videos
    |other stories|recent (?:posts|stories|news))\s*:?$"""),
    re.IGNORECASE,
)
# Appeals for money or sign-ups that close a story; their paragraphs read like prose, so the heading
# has to end the story.
_APPEAL = re.compile(
    r"^(?:why news media is in crisis|support (?:our|independent|quality) journalism|make a contribution"
    r"|become a (?:member|subscriber|supporter)|go deeper|subscribe for)",
    re.IGNORECASE,
)
_ABOUT_NAME = re.compile(r"^About(?: [A-Z][\w.'’-]*){2,3}$")  # "About Vivienne Machi" heads a bio
# Labels of the page's own summary, which sits between the headline and the story.
_LABEL = re.compile(
    r"^(?:summary|synopsis|story highlights|highlights|in short|in brief|key (?:takeaways|points|highlights)"
    r"|at a glance|quick read|tl;?dr|सार)\s*:?$",
    re.IGNORECASE,
)
_INSERT = re.compile(
    r"^(?:also read|read also|also see|see also|read more|also watch|must read|don'?t miss)\b", re.IGNORECASE
)
_TAGS = re.compile(
    r"^(?:tagged|tags?|topics?|keywords|filed under)\b\s*[:|-]?\s*(?P<rest>.*)$", re.IGNORECASE
)
_DATELINE_ONLY = re.compile(
    r"^[A-Z][A-Za-z.'’ -]{1,30}(?:,\s*[A-Z][A-Za-z ]{1,20})?\s*(?:\([A-Za-z ]+\))?\s*[:–—-]$"
)
_PLACE = r"[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3}"
# "New Delhi:", "NEW DELHI/WASHINGTON, July 1 (Reuters) -", "Chennai (Tamil Nadu) [India], July 1
# (ANI):", "New Delhi, Jul 1 (IANS) India ...": an agency's name ends a dateline by itself.
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}(?:/{_PLACE})?(?: \([A-Z][A-Za-z ]*\))?(?: \[[A-Z][A-Za-z ]*\])?"
    r"(?:,\s*[A-Z][A-Za-z. ]{1,20})?)"
    r"(?:,? \(?[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?\)?)?\s*"
    rf"(?:\((?P<agency>{AGENCIES})\)|\([A-Z][A-Za-z ]*\))?"
    r"(?:\s*(?::|–|—|-{1,2})\s+|(?(agency)\s+|(?!)))(?=\S)"
)


def is_item(text: str) -> bool:
    """A list item: a bullet or a number first ("• Joint production", "2. Joint production")."""
    return _BULLET.match(text) is not None


def without_bullet(text: str) -> str:
    """A list item's text without its bullet or number ("• Joint production", "2. Joint production"
    -> "Joint production"); other text as it is, the same object."""
    bullet = _BULLET.match(text)
    return text[bullet.end() :] if bullet else text


@lru_cache(maxsize=8192)  # each line is measured by several rules
def word_count(text: str) -> int:
    return len(words(text))


def words(text: str) -> list[str]:
    # isascii() first: a scan in C, far cheaper than searching for an Indic letter
    if text.isascii():
        return _WORD_ASCII.findall(text)
    script = _SCRIPT.search(text)
    if script is None:
        return _WORD.findall(text)
    return (compiled(_WORD_CJK) if script[0] >= FIRST_CJK else _WORD_INDIC).findall(text)


@lru_cache(maxsize=8192)  # asked of a line by several rules
def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def is_sentence(text: str) -> bool:
    """Sentence shape: ends with terminal punctuation, has a few words and is not shouted."""
    if not ends_sentence(text):
        return False
    n = word_count(text)
    return n >= 3 and not text.isupper()  # scripts without case (Devanagari) are never shouted


def is_link_list(text: str) -> bool:
    """Breadcrumbs ("Home / India / Defence") and menus ("News | World | Sport")."""
    if ends_sentence(text):  # first: it is cheap and rules out the story's long lines
        return False
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    if len(parts) < 2:
        return False
    crumbs = text.lower().startswith("home") or bool(_CRUMB.search(text))
    if crumbs:
        parts = parts[:-1]  # a breadcrumb trail may end in the page's own title
    return all(word_count(p) <= 5 for p in parts) and (len(parts) >= 3 or crumbs)


def is_caption(text: str) -> bool:
    n = word_count(text)
    if n > 45:
        return False
    if _CAPTION_PREFIX.match(text):
        return True
    return bool(_CAPTION_SUFFIX.search(text))


def is_note(text: str, lowered: str) -> bool:
    if _NOTE_START.match(text):
        return True
    return any(k in lowered for k in _NOTE_KEYS) and bool(_NOTE_ANY.search(text))


def is_chrome(text: str) -> bool:
    lowered = text.lower()
    if is_note(text, lowered) or _CHROME_FULL.match(text):
        return True
    n = word_count(text)
    if n <= 40 and _CHROME_PREFIX.match(text):
        return True
    if n <= 40 and _CHROME_CONTAINS.search(lowered):
        return True
    # a contact e-mail or a bare address is never story text
    if n <= 12 and re.search(r"\S+@\S+\.\w+", text):
        return True
    return n <= 12 and bool(re.search(r"https?://|www\.", text)) and not ends_sentence(text)


@lru_cache(maxsize=1024)  # classify asks it of every line, and the byline's finder again of one
def byline_of(text: str) -> str | None:
    """The author or agency of a "By ..." line, with any date parts left out; None if not a byline."""
    match = _BYLINE.match(text)
    if not match or word_count(text) > 20:
        return None
    parts = [_without_date(p).strip(" ,;:-–") for p in re.split(r"\s*[|•·]\s*", match["who"])]
    names = [p for p in parts if p and not is_date_line(p) and not dates_in(p)]
    if not names:
        return None
    who = ", ".join(names)
    tokens = [t for t in words(who) if t.lower() not in _NAME_JOINERS]
    if not tokens or not tokens[0][0].isupper() or len(tokens) > 10:
        return None
    capitalised = sum(1 for t in tokens if t[0].isupper() or t.isdigit())
    if capitalised / len(tokens) < 0.75:
        return None  # "By the time the talks ended ..." is a sentence, not a byline
    return who.rstrip(".") if not who.endswith(("Jr.", "Sr.")) else who


_DATE_LEAD = re.compile(r"(?:(?:^|\s+)(?:on|at|updated|published|posted)\b)*[\s,;:|-]*$", re.IGNORECASE)


def _without_date(part: str) -> str:
    """ "Aaron Mehta on July 01, 2025" -> "Aaron Mehta"; a part without a calendar date is kept."""
    start = dates.day_start(part)
    return _DATE_LEAD.sub("", part[:start]) if start > 0 else part


def dates_in(text: str) -> bool:
    try:
        return dates.find_date(text) is not None
    except dates.BadDate:
        return True


def _only_date(text: str) -> bool:
    if word_count(text) > 16:
        return False
    leftover = _DATE_FILLER.sub(" ", text)
    if len(words(leftover)) > 2:
        return False
    return dates_in(text) or bool(re.search(r"\bmin(?:ute)?s? read\b|\bago\b", text, re.IGNORECASE))


def is_date_line(text: str) -> bool:
    """A line that only gives a date or time ("Published : Feb 6, 2025, 8:09 PM IST", "5 min read"),
    or a date set among short labels ("TOI News Desk / Updated: Jul 1, 2025, 22:16 IST")."""
    if _only_date(text):
        return True
    if word_count(text) > 30 or ends_sentence(text):
        return False
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    return (
        len(parts) >= 2
        and all(word_count(p) <= 6 or _only_date(p) for p in parts)
        and any(_only_date(p) and dates_in(p) for p in parts)
    )


def date_kind(text: str) -> str:
    lowered = text.lower()
    if "updated" in lowered or "modified" in lowered or "edited" in lowered:
        return "updated"
    if "published" in lowered or "posted" in lowered or "created" in lowered or "first" in lowered:
        return "published"
    return "plain"


def end_kind(text: str) -> Kind | None:
    if _APPEAL.match(text) and word_count(text) <= 60:
        return Kind.END
    if word_count(text) > 8:
        return None
    if _END.match(text) or _ABOUT_NAME.match(text):
        return Kind.END
    if _END_WEAK.match(text):
        return Kind.END_WEAK
    return None


def tags_rest(text: str) -> str | None:
    """For a tag line ("Tags: India, US" or "TAGGED:"), the text after the label; else None."""
    if word_count(text) > 40:
        return None
    match = _TAGS.match(text)
    if not match:
        return None
    rest = match["rest"].strip()
    label = text[: len(text) - len(match["rest"])].strip()
    # "Topics of the talks were..." is a sentence; a tag label ends in a colon or stands alone
    if rest and not re.search(r"[:|-]\s*$", label):
        return None
    return rest


def syndication_name(text: str) -> str | None:
    match = _SYNDICATION_NAME.search(text)
    return match["name"] if match else None


def logo_name(text: str) -> str | None:
    match = _LOGO.match(text)
    return match["name"] if match else None


def is_label(text: str) -> bool:
    return bool(_LABEL.match(text))


def is_dateline_only(text: str) -> bool:
    if not _DATELINE_ONLY.match(text) or word_count(text) > 5:
        return False
    return all(w[0].isupper() for w in words(text))  # "The list includes:" is a lead-in, not a place


def strip_dateline(text: str) -> str:
    """The paragraph without a leading "New Delhi:" / "WASHINGTON (Reuters) -"."""
    match = _DATELINE.match(text)
    if not match or word_count(match["place"]) > 6:
        return text
    return text[match.end() :]


def starts_with_dateline(text: str) -> bool:
    return strip_dateline(text) != text


@lru_cache(maxsize=8192)
def classify(text: str) -> Kind:
    """The kind of one line, judged on its own."""
    end = end_kind(text)
    if tags_rest(text) is not None:
        return Kind.TAGS
    if end is not None:
        return end
    if is_label(text):
        return Kind.LABEL
    if _INSERT.match(text) and word_count(text) <= 30:
        return Kind.INSERT
    if byline_of(text):
        return Kind.BYLINE
    if is_date_line(text):
        return Kind.DATE
    if is_chrome(text):
        return Kind.CHROME
    if is_caption(text):
        return Kind.CAPTION
    if is_link_list(text):
        return Kind.NAV
    if is_sentence(text):
        return Kind.PROSE if word_count(text) >= PROSE_WORDS else Kind.SENTENCE
    return Kind.OTHER
