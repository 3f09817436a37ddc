"""Unit tests of the comment stripping applied to the site's stylesheets (hooks/showcase/stylesheets.py)."""

from __future__ import annotations

from showcase.stylesheets import without_comments


def test_comments_go_and_rules_stay():
    css = "/* the red */\n:root {\n  --sc-red: #b71c1c; /* 6.6:1 */\n}\n\n/* a\n   long one */\n.a { color: red; }\n"
    assert without_comments(css) == ":root {\n  --sc-red: #b71c1c; \n}\n.a { color: red; }\n"


def test_a_comment_mark_inside_a_string_is_kept():
    css = '.x::before { content: "/* not a comment */"; }\n.y { content: \'a/*b\'; } /* gone */\n'
    assert without_comments(css) == '.x::before { content: "/* not a comment */"; }\n.y { content: \'a/*b\'; } \n'
