"""The single-file HTML report, by example: what a reader sees, and that it loads nothing from the net.

Each test renders a whole page from a case (the built-in one, the toy one, or a small one built
here) and checks the page's own text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from fontes import load_case, weigh
from fontes.audit import AuditReport
from fontes.corpus import Store
from fontes.corpus.document import Document
from fontes.model import (
    Actor,
    Case,
    Event,
    Evidence,
    Finding,
    FindingEvidence,
    FindingLocation,
    Hypothesis,
    Question,
    School,
    Source,
)
from fontes.report.charts import posterior_chart, posterior_chart_narrow, weights_chart, weights_chart_narrow
from fontes.report.evidence_cards import excerpt_around
from fontes.report.html import render_report_html
from fontes.report.links import source_link
from fontes.report.network import NARROW as NARROW_NETWORK
from fontes.report.network import communication_network, network_chart, short_name
from fontes.report.timeline import NARROW, pack_rows, timeline_chart, timeline_zoom_chart

TOY_CASE = Path(__file__).parent / "cases" / "toy"
CHART_KINDS_PER_QUESTION = ("posterior", "schools", "weights")
CHART_KINDS_PER_CASE = ("timeline", "timeline-zoom", "network")

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="alert(2)'


def render(case: Case, **options) -> str:
    return render_report_html(case, weigh(case, draws=200, seed=0), **options)


def question_sections(html: str) -> dict[str, str]:
    """The HTML of each question's section, by question id."""
    parts = re.split(r'<section class="question" id="q-', html)[1:]
    return {part.split('"', 1)[0]: part.split("</section>", 1)[0] for part in parts}


def charts_of(html: str, kind: str) -> list[str]:
    return re.findall(rf'<svg class="chart chart-{re.escape(kind)}".*?</svg>', html, flags=re.DOTALL)


@pytest.fixture(scope="module")
def builtin_html() -> str:
    return render(load_case())


# ---------------------------------------------------------------- the built-in case


def test_the_builtin_case_renders_one_chart_of_each_kind_for_each_question(builtin_html):
    sections = question_sections(builtin_html)
    assert list(sections) == [q.id for q in load_case().questions]
    for qid, section in sections.items():
        for kind in CHART_KINDS_PER_QUESTION:
            assert len(charts_of(section, kind)) == 1, (qid, kind)
        assert section.count('<table class="ach">') == 1
    for kind in (*CHART_KINDS_PER_QUESTION, *CHART_KINDS_PER_CASE):
        expected = len(sections) if kind in CHART_KINDS_PER_QUESTION else 1
        assert builtin_html.count(f'data-chart="{kind}"') == expected, kind


def test_every_chart_has_a_title_and_a_description_for_readers(builtin_html):
    for svg in re.findall(r"<svg .*?</svg>", builtin_html, flags=re.DOTALL):
        assert 'role="img"' in svg
        assert re.search(r'<title id="svg-[^"]+-t">[^<]+</title><desc id="svg-[^"]+-d">[^<]+</desc>', svg)


def test_the_report_loads_nothing_from_the_network(builtin_html):
    assert not re.search(
        r"<(link|img|iframe|object|embed|audio|video|source)\b", builtin_html, flags=re.IGNORECASE
    )
    assert not re.search(r"""\bsrc\s*=\s*["']?\s*(https?:)?//""", builtin_html, flags=re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//|@import", builtin_html, flags=re.IGNORECASE)
    external = re.findall(
        r"<(\w+)([^>]*?)\bhref\s*=\s*\"\s*(?:https?:)?//", builtin_html, flags=re.IGNORECASE
    )
    assert external, "the archive links of the evidence cards are there"
    for element, attributes in external:
        assert element == "a" and 'class="archive"' in attributes, (element, attributes)


def test_the_page_reads_fully_without_javascript(builtin_html):
    assert '<form id="card-filters" class="filters" hidden' in builtin_html  # the script shows the filters
    assert builtin_html.count('<article class="card"') == len(load_case().evidence)
    assert not re.search(r'<article class="card"[^>]*\bhidden', builtin_html)
    assert "<details" not in builtin_html  # nothing folded away


def test_the_timeline_draws_uncertain_dates_dashed_and_exact_days_as_points(builtin_html):
    [overview] = charts_of(builtin_html, "timeline")
    assert "<circle" in overview and 'stroke-dasharray="3 2"' in overview
    assert ">1945</text>" in overview and ">1950</text>" in overview
    [zoom] = charts_of(builtin_html, "timeline-zoom")
    assert ">1949</text>" in zoom and ">25 Jun</text>" in zoom


def test_a_phones_timeline_has_every_mark_and_fewer_labels_at_the_same_sizes():
    case = load_case()
    for wide, narrow in [
        (timeline_chart(case), timeline_chart(case, NARROW)),
        (timeline_zoom_chart(case), timeline_zoom_chart(case, NARROW)),
    ]:
        assert 'viewBox="0 0 360 ' in narrow and 'viewBox="0 0 960 ' in wide
        marks = r"<(?:circle|rect|path)[^>]*><title>"
        assert len(re.findall(marks, narrow)) == len(re.findall(marks, wide))  # every event and source drawn
        assert narrow.count("<text") < wide.count("<text")  # fewer labels
        assert min(font_sizes(narrow)) >= min(font_sizes(wide))  # none smaller
        for x in re.findall(r'<text x="(-?[\d.]+)"', narrow):
            assert 0 <= float(x) <= 360


def test_a_phones_network_draws_every_correspondent_and_names_the_busiest_that_fit():
    case = load_case()
    wide, narrow = network_chart(case), network_chart(case, NARROW_NETWORK)
    assert 'viewBox="0 0 360 ' in narrow
    nodes = r"<(?:circle|rect)[^>]*><title>"
    assert len(re.findall(nodes, narrow)) == len(re.findall(nodes, wide))
    assert len(re.findall(r"<path d=\"M[^\"]+Q", narrow)) == len(re.findall(r"<path d=\"M[^\"]+Q", wide))
    names = re.findall(r'<text x="[^"]+" y="[^"]+" dy="0.35em"[^>]*>([^<]+)<title>', narrow)
    assert 5 <= len(names) < len(re.findall(r'dy="0.35em"', wide))  # fewer labels
    assert "J. Stalin" in names and min(font_sizes(narrow)) >= min(font_sizes(wide))
    assert 'id="network-arrow-narrow"' in narrow and 'id="network-arrow"' not in narrow  # ids stay unique


def test_short_names_keep_the_surname_and_cut_what_is_not_a_personal_name():
    assert short_name("Mao Zedong") == "Mao Zedong"
    assert short_name("Joseph Stalin") == "J. Stalin"
    assert short_name("Walter Bedell Smith") == "W. B. Smith"
    assert short_name("Joint Chiefs of Staff") == "Joint Chief…"


def test_a_phones_posterior_chart_names_each_hypothesis_above_its_bar_at_the_same_sizes():
    verdict = weigh(load_case())
    for qv in verdict.questions:
        wide, narrow = posterior_chart(qv), posterior_chart_narrow(qv)
        assert 'viewBox="0 0 360 ' in narrow
        bars = r"<rect[^>]*><title>"
        assert len(re.findall(bars, narrow)) == len(re.findall(bars, wide)) == len(qv.hypotheses)
        assert min(font_sizes(narrow)) >= min(font_sizes(wide))
        for h in qv.hypotheses:
            assert f"{h.id}" in narrow and f">{100 * h.posterior:.1f}%</text>" in narrow


def test_a_phones_weights_chart_has_every_items_bar_and_weight_and_its_own_hatching():
    qv = next(q for q in weigh(load_case()).questions if q.id == "initiation")
    wide, narrow = weights_chart(qv), weights_chart_narrow(qv)
    bars = r"<rect[^>]*><title>"
    assert len(re.findall(bars, narrow)) == len(re.findall(bars, wide)) == len(qv.evidence)
    for e in qv.evidence:
        assert f">{e.weight_db:+.1f} dB</text>" in narrow
    assert min(font_sizes(narrow)) >= min(font_sizes(wide))
    hatch = re.findall(r'<pattern id="([^"]+)"', narrow)
    assert hatch and not set(hatch) & set(re.findall(r'<pattern id="([^"]+)"', wide))  # ids stay unique


def test_a_phones_schools_chart_stacks_the_same_panels_in_one_column(builtin_html):
    for section in question_sections(builtin_html).values():
        [wide], [narrow] = charts_of(section, "schools"), charts_of(section, "schools-narrow")
        assert 'viewBox="0 0 290 ' in narrow
        panels = r'<rect x="[^"]+" y="[^"]+" width="290"'
        assert len(re.findall(panels, narrow)) == len(re.findall(panels, wide)) > 1
        assert min(font_sizes(narrow)) == min(font_sizes(wide))


def font_sizes(svg: str) -> list[float]:
    return [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]


def test_the_network_merges_an_alias_into_its_actor():
    case = Case(
        id="c",
        title="Letters",
        questions=[
            Question(
                id="q", text="Q?", hypotheses=[Hypothesis(id="a", text="A"), Hypothesis(id="b", text="B")]
            )
        ],
        actors=[
            Actor(id="stalin", name="Joseph Stalin", aliases=["Filippov"], polity="USSR"),
            Actor(id="mao", name="Mao Zedong", polity="PRC"),
        ],
        sources=[
            Source(id="s1", title="t1", authors=["Filippov"], recipients=["mao"]),
            Source(id="s2", title="t2", authors=["stalin"], recipients=["Mao Zedong", "Kovalev"]),
        ],
    )
    network = communication_network(case)
    assert set(network.correspondents) == {"stalin", "mao", "name:kovalev"}
    by_pair = {(c.sender, c.recipient): c.documents for c in network.channels}
    assert by_pair[("stalin", "mao")] == ("s1", "s2")
    assert by_pair[("stalin", "name:kovalev")] == ("s2",)


# ---------------------------------------------------------------- the toy case


def test_the_toy_case_renders_with_its_numbers():
    html = render(load_case(TOY_CASE))
    for words in [
        "A toy case",
        "Who did it?",
        "84.3%",
        "+6.0 dB",
        "the exact words of the source",
        "Letter from A to B",
        "13 May 1950",
        "Doubts A",
        "57.4%",
        "0.3–0.7",
    ]:
        assert words in html, words


# ---------------------------------------------------------------- pivotal items


def two_item_case() -> Case:
    """e1 alone decides for a (0.9 against 0.1); e2 leans to b. Dropping e1 hands the lead to b."""
    return Case(
        id="pivot",
        title="A case with a pivotal item",
        questions=[
            Question(
                id="q", text="Who?", hypotheses=[Hypothesis(id="a", text="A"), Hypothesis(id="b", text="B")]
            )
        ],
        sources=[Source(id="s1", title="Letter", date="1950-05-13", credibility=1.0)],
        evidence=[
            Evidence(id="e1", source="s1", quote="words one", bears_on={"q": {"a": 0.9, "b": 0.1}}),
            Evidence(id="e2", source="s1", quote="words two", bears_on={"q": {"a": 0.4, "b": 0.6}}),
        ],
    )


def test_a_pivotal_item_is_marked_in_words_not_only_in_colour():
    case = two_item_case()
    verdict = weigh(case, draws=100, seed=0)
    assert [e.id for e in verdict.questions[0].evidence if e.pivotal] == ["e1"]
    html = render_report_html(case, verdict)
    [weights] = charts_of(html, "weights")
    assert ">◆ e1<title>" in weights and ">◆ pivotal<title>" in weights
    assert "◆ e2" not in weights
    assert 'class="pivotal">◆ e1</a>' in html  # the question's summary
    assert "◆ pivotal on q" in html  # e1's card


# ---------------------------------------------------------------- escaping


def hostile_case() -> Case:
    """Every text a reader or an archive supplies carries a script and an attribute break-out."""
    bad = f"{SCRIPT} and {ATTRIBUTE}"
    return Case(
        id="hostile",
        title=f"Case {bad}",
        description=bad,
        questions=[
            Question(
                id="q",
                text=f"Who {bad}?",
                hypotheses=[Hypothesis(id="a", text=f"A {bad}"), Hypothesis(id="b", text="B")],
            )
        ],
        schools=[School(id="s", label=f"School {bad}", priors={"q": {"a": 0.5, "b": 0.5}})],
        actors=[Actor(id="x", name=f"Actor {bad}", polity=f"Polity {bad}")],
        sources=[
            Source(
                id="s1",
                title=f"Title {bad}",
                date="1950-05-13",
                authors=["x"],
                recipients=[f"Someone {bad}"],
                archive=bad,
                archive_ref=bad,
                url="javascript:alert(3)",
            )
        ],
        events=[Event(id="ev", date="1950-05?", summary=f"Event {bad}", sources=["s1"])],
        evidence=[
            Evidence(
                id="e1",
                source="s1",
                quote=f"quoted {SCRIPT} words",
                note=f"Note {bad}",
                group=bad,
                bears_on={"q": {"a": 0.8, "b": [0.1, 0.3]}},
            )
        ],
    )


@pytest.mark.parametrize("with_store", [True, False], ids=["quote-in-its-source", "quote-alone"])
def test_every_text_of_a_case_and_its_sources_is_escaped(tmp_path, with_store):
    case = hostile_case()
    text = f"Before {ATTRIBUTE} the source says: quoted {SCRIPT} words, and after {SCRIPT} it goes on."
    with Store(tmp_path / "corpus.db") as store:
        store.add([Document(source=case.sources[0], text=text)])
        html = render(case, store=store if with_store else None)
    assert SCRIPT not in html
    assert ATTRIBUTE not in html
    assert 'onmouseover="' not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as words, not run
    if with_store:
        assert "<mark>quoted &lt;script&gt;alert(1)&lt;/script&gt; words</mark>" in html
    assert html.count("<script>") == 1  # the report's own filter


# ---------------------------------------------------------------- evidence cards


def test_a_quotation_is_marked_inside_its_sources_surrounding_words(tmp_path):
    case = load_case(TOY_CASE)
    opening = "First words of the letter. " + "Filler words go on. " * 40
    text = opening + "Here are the exact words of the source, as written." + " More words after." * 40
    with Store(tmp_path / "corpus.db") as store:
        store.add([Document(source=case.source("s1"), text=text)])
        html = render(case, store=store)
    context = re.search(r'<blockquote class="in-context">(.*?)</blockquote>', html, flags=re.DOTALL).group(1)
    assert "Here are <mark>the exact words of the source</mark>, as written." in context
    assert context.startswith("… ") and context.endswith(" …")
    assert "First words of the letter" not in context  # more than 300 characters before
    assert "other exact words" in html  # e2 is not in the text: its words are shown alone


def test_context_is_cut_at_word_boundaries():
    text = "alpha beta gamma QUOTE delta epsilon zeta"
    excerpt = excerpt_around(text, text.index("QUOTE"), text.index("QUOTE") + 5, context=8)
    assert (excerpt.before, excerpt.quoted, excerpt.after) == ("gamma ", "QUOTE", " delta")
    assert excerpt.cut_before and excerpt.cut_after


def test_only_web_addresses_become_links():
    link = source_link("https://history.state.gov/x")
    assert link is not None and link.url == "https://history.state.gov/x"
    assert source_link("javascript:alert(1)") is None
    assert source_link("file:///etc/passwd") is None


# ---------------------------------------------------------------- the audit


def test_the_audit_findings_follow_the_evidence():
    finding = Finding(
        kind="quote-fidelity",
        severity="error",
        message=f"Misquoted {SCRIPT}",
        location=FindingLocation(paragraph=2, sentence=0, marker="[4]"),
        excerpt="words of the essay",
        evidence=[FindingEvidence(source="s1", quote="the source's words", url="https://example.org/doc")],
    )
    html = render(load_case(TOY_CASE), audit=AuditReport(essay="essay.md", findings=[finding]))
    audit = html.split('<section id="audit"', 1)[1]
    for words in [
        "quote-fidelity",
        "¶3 · sentence 1 · [4]",
        "Misquoted &lt;script&gt;",
        "words of the essay",
        "1 error, 0 warnings, 0 notes",
        'class="archive" href="https://example.org/doc"',
    ]:
        assert words in audit, words
    assert '<section id="audit"' not in render(load_case(TOY_CASE))


# ---------------------------------------------------------------- layout helpers


def test_packed_rows_never_overlap_and_reuse_the_first_free_row():
    spans = [(0, 10), (2, 3), (5, 8), (9, 20), (14, 16), (30, 31)]
    rows = pack_rows(spans, gap=1)
    assert rows == [0, 1, 1, 1, 0, 0]
    for i, (a, b) in enumerate(spans):
        for j, (c, d) in enumerate(spans):
            if i != j and rows[i] == rows[j]:
                assert b + 1 <= c or d + 1 <= a, (spans[i], spans[j])


# ---------------------------------------------------------------- a look in a real browser


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="/usr/bin/chromium is not installed")
def test_chromium_renders_the_builtin_report(builtin_html, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(builtin_html, encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run(
        [
            shutil.which("chromium") or "/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1280,2000",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000


def test_the_audit_summary_counts_in_words():
    from fontes.report.audit_views import severity_counts

    assert severity_counts({"error": 1, "warning": 2, "info": 0}) == "1 error, 2 warnings, 0 notes"
