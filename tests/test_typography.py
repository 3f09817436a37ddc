"""Unit tests of the keep-together pass on finished HTML (hooks/showcase/pages/typography.py)."""

from __future__ import annotations

from showcase.pages.typography import keep_together, one_date_form

NAMES = ("党旗引领·法耀浔州", "党旗引领", "金田法庭")


def kept(html: str) -> str:
    return keep_together(html, NAMES)


def test_numbers_stay_with_their_units():
    assert kept("<p>受理案件13756件，结案率87.26%，开展20多次。</p>") == (
        '<p>受理案件<span class="sc-nowrap">13756件</span>，结案率<span class="sc-nowrap">87.26%</span>，'
        '开展<span class="sc-nowrap">20多次</span>。</p>'
    )


def test_a_name_is_kept_whole_and_the_longest_name_wins():
    assert kept("<h1>党旗引领·法耀浔州</h1>") == '<h1><span class="sc-nowrap">党旗引领·法耀浔州</span></h1>'
    assert kept("<p>金田法庭【温情】</p>") == '<p><span class="sc-nowrap">金田法庭</span>【温情】</p>'
    # A project's brackets stay with its name: no line ends with "【".
    assert keep_together("<a>金田法庭【温情】</a>", ("金田法庭", "温情")) == (
        '<a><span class="sc-nowrap">金田法庭</span><span class="sc-nowrap">【温情】</span></a>'
    )


def test_no_line_starts_with_a_middle_dot():
    # The dot is glued to the character before it, and a space before it stops being a break.
    assert kept("<p>级别 · 类别</p>") == "<p>级别\u00a0· 类别</p>"
    assert kept("<p>红心·护航</p>") == '<p>红<span class="sc-nowrap">心·</span>护航</p>'


def test_a_plus_stays_with_both_its_neighbours():
    # "“党建 / +N”融合" broke at the "+" in 关怀模式 on a phone.
    assert kept("<p>“党建+N”融合</p>") == '<p>“党<span class="sc-nowrap">建+N</span>”融合</p>'
    assert kept("<p>A&amp;+B</p>") == "<p>A&amp;+B</p>"  # never inside a character reference


def test_tags_attributes_code_and_svg_are_left_alone():
    html = '<a title="2023年 件" href="/x/13756件">x</a><code>8期</code><svg><text>2023年</text></svg><pre>3次</pre>'
    assert kept(html) == html
    assert kept("<code>1次</code>2次") == '<code>1次</code><span class="sc-nowrap">2次</span>'


def test_one_date_form():
    assert one_date_form("截至 2023 年 12 月报告") == "截至 2023年12月报告"
    assert one_date_form("2023 年 12 月 27 日刊发") == "2023年12月27日刊发"
    assert one_date_form("发布于 2023-12-27。") == "发布于 2023年12月27日。"
    assert one_date_form("编号 2022-02-30-1 与 2024-13-01") == "编号 2022-02-30-1 与 2024-13-01"


def test_a_name_with_punctuation_is_kept_whole_without_invisible_characters():
    # The nav's titles are plain text: the name is kept whole by a span, never by U+2060.
    out = keep_together("<span>木乐法庭【党建赋能，优化营商】</span>", ["木乐法庭", "党建赋能，优化营商"])
    assert '<span class="sc-nowrap">【党建赋能，优化营商】</span>' in out and "\u2060" not in out


def test_a_source_line_break_between_chinese_characters_is_no_space():
    assert kept("<li>促公正。\n   理顺班子</li>") == "<li>促公正。理顺班子</li>"
    assert kept("<p>见\n“品牌”</p>") == "<p>见“品牌”</p>"
    # Between Latin words, and in code, the break stays a space.
    assert kept("<p>Material\nfor MkDocs</p>") == "<p>Material\nfor MkDocs</p>"
    assert kept("<pre>第一行\n第二行</pre>") == "<pre>第一行\n第二行</pre>"


def test_skipped_elements_of_any_case_empty_ones_and_comments_are_left_alone_and_text_after_them_is_done():
    html = ('<p>前<SVG viewBox="0 0 1 1"><text>13756件</text></SVG>中<svg/>13756件'
            '<!-- 2023-12-27 87.26% --><pre><code>20多次</code></pre><time>2023年12月</time>后20多次</p>')
    done = keep_together(html)
    assert "<text>13756件</text>" in done and "<!-- 2023-12-27 87.26% -->" in done
    assert "<code>20多次</code>" in done and "<time>2023年12月</time>" in done
    assert done.count('<span class="sc-nowrap">') == 2
    assert '<svg/><span class="sc-nowrap">13756件</span>' in done and done.endswith('后<span class="sc-nowrap">20多次</span></p>')


def test_repeated_text_comes_out_the_same_from_the_cache():
    page = "<nav><a>党旗引领·法耀浔州</a></nav><p>{}件</p>"
    first, second = keep_together(page.format(12), ["党旗引领·法耀浔州"]), keep_together(page.format(34), ["党旗引领·法耀浔州"])
    assert first.split("<p>")[0] == second.split("<p>")[0]
    assert '<span class="sc-nowrap">34件</span>' in second and "12件" not in second
