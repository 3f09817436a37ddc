"""Unit tests of what the site serves of its own stylesheets and scripts (showcase.pages.stylesheets, showcase.pages.asset_bundles)."""

from __future__ import annotations

from showcase.pages.stylesheets import without_comments


def test_comments_go_and_rules_stay():
    css = "/* the red */\n:root {\n  --sc-red: #b71c1c; /* 6.6:1 */\n}\n\n/* a\n   long one */\n.a { color: red; }\n"
    assert without_comments(css) == ":root {\n  --sc-red: #b71c1c; \n}\n.a { color: red; }\n"


def test_a_comment_mark_inside_a_string_is_kept():
    css = '.x::before { content: "/* not a comment */"; }\n.y { content: \'a/*b\'; } /* gone */\n'
    assert without_comments(css) == '.x::before { content: "/* not a comment */"; }\n.y { content: \'a/*b\'; } \n'


def test_bundles_join_their_sources_in_order_css_without_comments_scripts_as_written():
    from showcase.pages.asset_bundles import SCRIPT, STYLESHEET, plan_bundles

    texts = {"a.css": "/* why */\n.a { color: red; }\n", "b.css": ".b{}", "x.js": "(function () { /* keep */ })()",
             "y.js": "var y = 1\n"}
    css, js = plan_bundles(["a.css", "b.css"], ["x.js", "y.js"])
    assert (css.uri, js.uri) == (STYLESHEET, SCRIPT)
    assert css.combine(texts.__getitem__) == "/* a.css */\n.a { color: red; }\n/* b.css */\n.b{}\n"
    assert js.combine(texts.__getitem__) == "// x.js\n(function () { /* keep */ })()\n;\n// y.js\nvar y = 1\n;\n"


def test_a_single_file_is_not_bundled():
    from showcase.pages.asset_bundles import plan_bundles

    assert [b.uri for b in plan_bundles(["only.css"], ["a.js", "b.js"])] == ["javascripts/showcase.js"]
    assert plan_bundles([], ["a.js"]) == []


def test_a_bundle_takes_the_place_of_its_first_source_in_the_served_list():
    from showcase.pages.asset_bundles import Bundle

    bundle = Bundle("all.js", ("b.js", "c.js"))
    assert bundle.served_in(["a.js", "b.js", "x.js", "c.js"]) == ["a.js", "all.js", "x.js"]
