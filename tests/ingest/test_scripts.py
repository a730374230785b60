"""Scripts that write words or sentences otherwise than English: Chinese and Japanese put no spaces
between words, Urdu and Hindi end sentences with marks of their own. Stories in them are stories,
not page furniture, and their sentences, pillar keywords and slugs are found as in English."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest
from conftest import NOW, REPO, write_config

from generator.brief_file import read_brief
from generator.config import Person, Pillar
from generator.ingest import ingest_articles, sentences, summary
from generator.ingest import lines as L
from generator.ingest.language import language_of
from generator.ingest.people import PeopleMatcher
from generator.ingest.pillars import PillarClassifier
from generator.progress import QUIET, Reporter
from generator.site import render_site

PARAGRAPH = "印度国防部在声明中说，双方同意在培训、军事交流和供应链等领域进一步深化合作。"


def test_a_paragraph_is_prose_and_its_words_are_pairs_of_letters() -> None:
    assert L.word_count("国防工业") == 2 and L.word_count("国防工业合作") == 3
    assert L.word_count("India 国防 talks") == 3  # Latin words among them stay words
    assert L.classify(PARAGRAPH) is L.Kind.PROSE
    assert L.classify("両氏は共同訓練や物流分野での協力を拡大することで一致した。") is L.Kind.PROSE
    assert L.classify("首页 | 新闻 | 国际 | 军事") is L.Kind.NAV  # a menu is still a menu
    urdu = "وزارت دفاع نے ایک بیان میں کہا کہ دونوں رہنماؤں نے تربیت اور سپلائی چین میں تعاون پر اتفاق کیا۔"
    assert L.classify(urdu) is L.Kind.PROSE  # its full stop ends a sentence


def test_sentences_end_at_full_width_marks_without_a_space() -> None:
    text = "双方同意合作。辛格表示：“我们感谢美方。”这是第三次通话！下次何时？"
    said = ["双方同意合作。", "辛格表示：“我们感谢美方。”", "这是第三次通话！", "下次何时？"]
    assert sentences.split(text) == said
    urdu = "دونوں رہنماؤں نے اتفاق کیا۔ یہ تیسری گفتگو تھی؟ ہاں۔"
    assert sentences.split(urdu) == ["دونوں رہنماؤں نے اتفاق کیا۔", "یہ تیسری گفتگو تھی؟", "ہاں۔"]
    hindi = "रक्षा मंत्री ने बात की। उन्होंने कहा कि सहयोग बढ़ेगा।"
    assert sentences.split(hindi) == ["रक्षा मंत्री ने बात की।", "उन्होंने कहा कि सहयोग बढ़ेगा।"]
    # scripts without capitals end sentences with "." too: the next starts with a letter, not a capital
    korean = "양측은 협력을 확대하기로 합의했다. 두 장관은 만나기로 했다."
    assert sentences.split(korean) == ["양측은 협력을 확대하기로 합의했다.", "두 장관은 만나기로 했다."]
    arabic = "اتفق الجانبان على التعاون. وقال الوزير إن المحادثات كانت مثمرة."
    assert sentences.split(arabic) == ["اتفق الجانبان على التعاون.", "وقال الوزير إن المحادثات كانت مثمرة."]
    assert sentences.split("Mr. Singh met the U.S. team. They agreed.") == [
        "Mr. Singh met the U.S. team.",
        "They agreed.",
    ]


def test_a_keyword_in_chinese_or_japanese_matches_inside_a_run_of_text() -> None:
    classifier = PillarClassifier(
        (
            Pillar("industry", "Industry", keywords=("国防工业", "防衛産業", "supply chain")),
            Pillar("training", "Training", keywords=("军事交流", "drills")),
            Pillar("general", "General", catch_all=True),
        )
    )
    scores = {s.slug: s.score for s in classifier.scores("", PARAGRAPH + "加强国防工业合作")}
    assert scores == {"industry": 2, "training": 2}  # each keyword two words long
    assert classifier.classify("", "防衛産業協力の強化について協議した。") == ("industry",)
    # Latin keywords still match whole words only, among Chinese letters too
    assert classifier.classify("", "supply chains and drillsx 合作") == ("general",)
    assert classifier.classify("", "合作 supply chain 合作") == ("industry",)


def test_key_points_do_not_repeat_the_summary() -> None:
    story = [
        "新华社新德里7月1日电 印度国防部长与美国国防部长1日通电话，双方讨论了加强国防工业合作的问题。",
        PARAGRAPH + "双方还同意今年晚些时候举行会晤。",
        "印方感谢美方在反恐问题上给予的支持，并期待尽早与美方会面。",
    ]
    lead = summary.summarise(story)
    assert lead.startswith("新华社新德里") and lead.endswith("的问题。")
    points = summary.key_points(story, lead)
    # the lead is the summary, so not a point
    assert points == (PARAGRAPH, "双方还同意今年晚些时候举行会晤。", story[2])


def test_a_keyword_in_hindi_is_a_whole_word_though_its_vowel_signs_are_not_letters_to_re() -> None:
    """``\\w`` does not match a vowel sign: "सेन" was a word of "सेना" (army), "रक्ष" of "रक्षा"."""
    classifier = PillarClassifier(
        (
            Pillar("army", "Army", keywords=("सेना", "रक्षा उद्योग")),
            Pillar("stems", "Stems", keywords=("सेन", "रक्ष", "ना")),
            Pillar("general", "General", catch_all=True),
        )
    )
    scores = {
        s.slug: dict(s.hits) for s in classifier.scores("भारतीय सेना", "रक्षा उद्योग में सहयोग। सेनाओं का अभ्यास।")
    }
    assert scores == {"army": {"सेना": 2, "रक्षा उद्योग": 1}}


def test_a_watched_name_in_a_script_without_capitals_is_found() -> None:
    """Names were taken only when capitalised, so one in Devanagari or Chinese was never found."""
    matcher = PeopleMatcher([Person("Rajnath Singh", ("राजनाथ सिंह", "辛格", "Singh"))])

    def found(text: str) -> list[str]:
        return [m.name for m in matcher.watched(text)]

    assert found("रक्षा मंत्री राजनाथ सिंह ने बात की।") == ["Rajnath Singh"]
    assert found("राजनाथ सिंहा") == []  # a vowel sign goes on the word
    assert found("印度国防部长拉杰纳特·辛格1日与美国") == ["Rajnath Singh"]  # inside a run of text
    assert found("Minister Singh said") == ["Rajnath Singh"]
    assert found("singh.com and Singh-led talks") == []  # as before: not capitalised, not a whole word


@pytest.mark.parametrize(
    ("title", "paragraph", "lang"),
    [
        ("भारत–अमेरिका रक्षा वार्ता", "दोनों देशों ने रक्षा सहयोग पर चर्चा की। Quad", "hi"),
        ("بھارت اور امریکہ کے مذاکرات", "دونوں ممالک نے دفاعی تعاون پر بات کی۔", "ur"),
        ("الهند والولايات المتحدة تعقدان محادثات", "ناقش البلدان التعاون الدفاعي.", "ar"),
        ("印度与美国举行会谈", PARAGRAPH, "zh"),
        ("日米、防衛協力を協議", "両氏は共同訓練や物流分野での協力を拡大することで一致した。", "ja"),
        ("한미 국방 회담", "양국은 방산 협력을 논의했다.", "ko"),
        ("இந்தியா அமெரிக்கா பேச்சு", "இரு நாடுகளும் பாதுகாப்பு ஒத்துழைப்பு பற்றி பேசின.", "ta"),
        # Latin letters name no language, nor Cyrillic (several languages write it), nor a few words
        # of another script in an English story
        ("India, US hold “talks” — again", "Officials said the talks went well.", None),
        ("Россия и Индия", "Переговоры прошли в Москве.", None),
        ("India and US discuss defence", "The Hindi word for India is भारत, officials noted.", None),
    ],
)
def test_the_script_of_headline_and_first_paragraph_names_the_language(
    title: str, paragraph: str, lang: str | None
) -> None:
    assert language_of(title, paragraph) == lang


def test_a_brief_in_hindi_says_so_on_its_page_and_in_its_feeds(tmp_path: Path) -> None:
    """A screen reader read a Hindi brief with the site's English voice: nothing said it was Hindi."""
    config = write_config(tmp_path)
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    story = (
        "रक्षा मंत्री राजनाथ सिंह ने मंगलवार को अमेरिकी रक्षा मंत्री से फोन पर बात की और दोनों देशों"
        " के बीच रक्षा सहयोग की समीक्षा की।\n\nदोनों पक्षों ने प्रशिक्षण और आपूर्ति श्रृंखला में सहयोग"
        " बढ़ाने पर सहमति जताई।\n"
    )
    dump = f" date 2025-07-01 Example News\nभारत और अमेरिका ने रक्षा सहयोग पर चर्चा की\n\n{story}"
    (config.paths.articles / "hindi.txt").write_text(dump, encoding="utf-8")
    ingest_articles(config, Reporter(QUIET), now=NOW)
    [path] = config.paths.briefs.glob("*.md")
    assert read_brief(path, config.site.tz).lang == "hi"
    render_site(config, Reporter(QUIET))
    page = lxml.html.parse(str(config.paths.output / "briefs" / path.stem / "index.html")).getroot()
    assert page.get("lang") == "en"  # the page's own words (menu, dates) are the site's
    assert page.xpath("//h1/@lang") == ["hi"] and page.xpath("//div[@class='body']/@lang") == ["hi"]
    assert page.xpath("//*[@class='meta']/@lang") == []
    home = lxml.html.parse(str(config.paths.output / "index.html")).getroot()
    links = home.xpath(f"//a[contains(@href, '{path.stem}')]")
    assert links and {a.xpath("ancestor-or-self::*[@lang][1]/@lang")[0] for a in links} == {"hi"}
    feed = json.loads((config.paths.output / "feed.json").read_text(encoding="utf-8"))
    assert [item.get("language") for item in feed["items"]] == ["hi"] and feed["language"] == "en"
