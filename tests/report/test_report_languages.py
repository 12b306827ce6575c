"""A report in Arabic, Kurmanji or Sorani: its generated text in that language from the same figures, right to
left in Arabic script with figures isolated left to right, and the PDF's first page as PNG to look at
(test-artifacts/report-2023-11.ar-1.png, .ckb-1.png)."""

from __future__ import annotations

import base64
import ctypes
import io
import json
import re
from dataclasses import replace

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from fontTools.ttLib import TTFont
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.incident import PUBLIC_COLUMNS
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.report.arabic_key_points import LRI, PDI
from marsad.report.assemble import MonthlyReport, build_monthly_report
from marsad.report.charts import breakdown_chart
from marsad.report.contract import report_json
from marsad.report.draft import ReportDraft
from marsad.report.html import render_html, render_pdf
from marsad.report.markdown import render_markdown
from marsad.report.sections import Row
from tests.analysis.test_seed_reports import load
from tests.helpers import ARTIFACTS

ISIS = Scope(("isis",), "ISIS sleeper cell attacks")
NASKH = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"  # installed by the setup step
NOVEMBER = Month(2023, 11)


@pytest.fixture
def seeded(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> Session:
    load(session, vocab, gazetteer, "seed_2023_11.csv")
    return session


def _font_of(textpage: pypdfium2.PdfTextPage, index: int) -> str:
    """The name of the font the PDF draws character ``index`` in."""
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    size = pdfium.FPDFText_GetFontInfo(textpage.raw, index, buffer, len(buffer), ctypes.byref(flags))
    return buffer.raw[: max(size - 1, 0)].decode("utf-8", "replace")


def _report(session: Session, vocab: Vocabularies, language: str) -> MonthlyReport:
    return build_monthly_report(session, NOVEMBER, ISIS, vocab, language=language)


def test_arabic_html_is_right_to_left_in_naskh_and_never_justified(
    seeded: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    html = render_html(_report(seeded, vocab, "ar"), vocab, gazetteer)
    assert '<html lang="ar" dir="rtl">' in html
    assert 'font-family: "Noto Naskh Arabic"' in html  # not escaped into &#34; inside the style sheet
    assert "justify" not in html
    assert "<h2>أبرز النقاط</h2>" in html and "<h2>الضحايا</h2>" in html and "<h2>الهجمات حسب المنطقة</h2>" in html
    assert f"{LRI}11{PDI} هجوماً مؤكداً لخلايا داعش" in html
    assert "التقرير الشهري: تشرين الثاني 2023" in html
    assert re.search(r'<span class="when" dir="ltr">2023-11-\d\d</span>', html)  # dates keep their order
    assert "td.n { direction: ltr; unicode-bidi: isolate; }" in html  # "−35%" in a table cell too
    assert ">مصدر</a>" in html and ">source</a>" not in html  # a source with no name or type
    assert "[مصدر](" in render_markdown(_report(seeded, vocab, "ar"), vocab)
    # the incidents' places as Arabic readers write them, the region after an Arabic comma
    assert '<span class="what">عبوة ناسفة — داعش (متبنّى) — هجين، دير الزور — ' in html
    assert "— هجين، دير الزور —" in render_markdown(_report(seeded, vocab, "ar"), vocab, gazetteer=gazetteer)


def _chart_svgs(html: str) -> list[str]:
    """The report's charts (their SVG, decoded from the page's image sources)."""
    return [base64.b64decode(i).decode() for i in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)]


def _chart_texts(html: str) -> str:
    """The words drawn in the report's charts: their text, or the words a text drawn as outlines was made from."""
    found = re.findall(r"<text[^>]*>([^<]*)</text>|<!-- (.*?) -->", "".join(_chart_svgs(html)))
    return " ".join(text or outlined for text, outlined in found)


def _glyphs(svg: str, words: str) -> list[str]:
    """The glyphs a chart draws for ``words``, left to right, by their names in Noto Naskh Arabic: "uniFEB6" is
    ش in its final form, "uni06CE.medi" ێ joined on both sides."""
    order = TTFont(NASKH).getGlyphOrder()
    drawn = svg.split(f"<!-- {words} -->", 1)[1].split("</g>", 1)[0]
    return [order[int(glyph, 16)] for glyph in re.findall(r'xlink:href="#NotoNaskhArabic-Regular-([0-9a-f]+)"', drawn)]


def test_a_kurmanji_reports_charts_speak_kurmanji(seeded: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    kurmanji = _chart_texts(render_html(_report(seeded, vocab, "ku"), vocab, gazetteer))
    assert "Êrîş û operasyon, Mijdar 2023" in kurmanji and "Êrîş her meh, li gorî herêman" in kurmanji
    assert "Cizîr" in kurmanji and "Mjd" in kurmanji and "Mijdar" in kurmanji  # regions, axis and key months
    assert "Firat" in kurmanji  # the map's rivers
    assert "per month" not in kurmanji and "Jazira" not in kurmanji and "Euphrates" not in kurmanji


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ar", ("الهجمات والمداهمات، تشرين الثاني 2023", "الهجمات شهرياً، حسب المنطقة", "الجزيرة", "عبوة ناسفة")),
        ("ckb", ("هێرش و ئۆپەراسیۆنەکان، تشرینی دووەم 2023", "جزیرە", "ڕەققە", "بۆمبی چێندراو")),
    ],
)
def test_arabic_script_charts_are_drawn_in_the_language_as_joined_letters(
    seeded: Session, vocab: Vocabularies, gazetteer: Gazetteer, language: str, words: tuple[str, ...]
) -> None:
    """WeasyPrint lays out an SVG image's text left to right ('داعش' came out 'شعاد'): these charts draw their
    words as the font's outlines, shaped and ordered right to left before WeasyPrint sees them."""
    html = render_html(_report(seeded, vocab, language), vocab, gazetteer)
    drawn = _chart_texts(html)
    assert all(word in drawn for word in words), drawn
    assert not any("<text" in svg for svg in _chart_svgs(html))  # nothing left for WeasyPrint to reorder
    assert "Jazira" not in drawn and "Attacks" not in drawn


def test_a_chart_joins_arabic_and_sorani_letters_right_to_left() -> None:
    rows = [Row(key, label, "#111111", 3, "2", "", "", "") for key, label in (("a", "داعش"), ("b", "هێرشی ڕۆژهەڵات"))]
    svg = breakdown_chart(rows, "تشرینی دووەم", "تشرینی یەکەم", "ckb")
    # left to right on the page: ش final, ع initial, ا, د (read from the right: د ا ع ش)
    assert _glyphs(svg, "داعش") == ["uniFEB6", "uniFECB", "uni0627", "uni062F"]
    assert _glyphs(svg, "هێرشی ڕۆژهەڵات") == [
        *("uni062A", "uniFE8E.rlig", "uni06B5.rlig", "uniFEEA", "uniFEEB", "uni0698", "uni06C6", "uni0695"),  # ڕۆژهەڵات
        "uni0020",
        *("uniFBFD", "uniFEB7", "uniFEAE", "uni06CE.medi", "uniFEEB"),  # هێرشی: ێ joined on both sides
    ]


@pytest.mark.parametrize(
    ("language", "heading", "point"),
    [
        ("ku", "## Xalên sereke", "- Di meha Mijdarê de 11 êrîşên piştrastkirî yên şaneyên DAIŞê"),
        ("ckb", "## خاڵە سەرەکییەکان", f"- لە مانگی تشرینی دووەمدا {LRI}11{PDI} هێرشی پشتڕاستکراوەی شانەکانی داعش"),
    ],
)
def test_kurdish_markdown_and_json_carry_the_language(
    seeded: Session, vocab: Vocabularies, language: str, heading: str, point: str
) -> None:
    report = _report(seeded, vocab, language)
    markdown = render_markdown(report, vocab)
    assert heading in markdown and point in markdown
    assert "Key points" not in markdown and "Casualties" not in markdown
    data = report_json(report, PUBLIC_COLUMNS)
    assert data["language"] == language and data["key_points"] == report.key_points
    assert data["attacks"]["total"] == report_json(_report(seeded, vocab, "en"), PUBLIC_COLUMNS)["attacks"]["total"]
    json.dumps(data, ensure_ascii=False)


def test_the_english_report_is_unchanged_by_the_languages(seeded: Session, vocab: Vocabularies) -> None:
    report = _report(seeded, vocab, "en")
    assert report.key_points == list(report.english_key_points)
    assert report.title == "ISIS sleeper cell attacks in NES: November 2023"
    assert "## Key points" in render_markdown(report, vocab)


def test_an_edited_draft_keeps_the_editors_words_and_words_the_rest_in_the_language(
    seeded: Session, vocab: Vocabularies
) -> None:
    english, arabic = _report(seeded, vocab, "en"), _report(seeded, vocab, "ar")
    kept, *_ = english.key_points
    draft = ReportDraft(english.title, [english.key_points[2], "Our own point, as the editors wrote it", kept])
    edited = arabic.edited(draft)
    assert edited.key_points == [arabic.key_points[2], "Our own point, as the editors wrote it", arabic.key_points[0]]
    assert edited.title == "التقرير الشهري: تشرين الثاني 2023"  # the generated title, so in Arabic
    assert arabic.edited(replace(draft, title="Cells regroup in Deir ez-Zor")).title == "Cells regroup in Deir ez-Zor"


@pytest.mark.parametrize("language", ["ar", "ckb"])
def test_the_pdf_in_arabic_script_keeps_figures_and_embeds_naskh(
    seeded: Session, vocab: Vocabularies, gazetteer: Gazetteer, language: str
) -> None:
    pdf_bytes = render_pdf(render_html(_report(seeded, vocab, language), vocab, gazetteer))
    with pypdfium2.PdfDocument(io.BytesIO(pdf_bytes)) as pdf:
        first = pdf[0]
        textpage = first.get_textpage()
        text = textpage.get_text_range()
        arabic_letter = next(i for i, c in enumerate(text) if "\u0621" <= c <= "\u06d5")
        font = _font_of(textpage, arabic_letter)
        ARTIFACTS.mkdir(exist_ok=True)
        first.render(scale=1.4).to_pil().save(ARTIFACTS / f"report-2023-11.{language}-1.png")
        all_text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    assert "Naskh" in font  # the font that has every Sorani letter (ە ێ ۆ ڕ ڵ), never KACST
    assert "2023-11-02" in all_text and "02-11-2023" not in all_text  # the first incident's date, in order
    assert "64%" in text  # Deir ez-Zor's share on page 1, sign after the figure
    assert {"ar": "أبرز النقاط", "ckb": "خاڵە سەرەکییەکان"}[language] in text
