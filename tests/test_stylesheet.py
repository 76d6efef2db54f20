"""The stylesheet keeps its rules: colours from the design tokens only,
logical properties only (so Urdu mirrors), one section per component, and
the Urdu font stack named without loading anything from elsewhere."""

import re
from pathlib import Path

CSS = (Path(__file__).resolve().parent.parent / "noticeboard/static/css/site.css").read_text(
    encoding="utf-8"
)
COMMENTS = re.compile(r"/\*.*?\*/", re.S)
RULES = COMMENTS.sub("", CSS)
# What the properties say, without the conditions of @media (min-width: …).
DECLARATIONS = re.sub(r"@media[^{]*{", "", RULES)


def tokens_block():
    start = RULES.index(":root {")
    return RULES[start : RULES.index("}", start)]


def test_colours_are_named_only_in_the_tokens():
    outside = RULES.replace(tokens_block(), "")
    literals = re.findall(
        r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(|(?<![-\w])(?:white|black)(?![-\w])", outside
    )
    assert literals == []


def test_every_token_used_is_defined():
    defined = set(re.findall(r"(--[a-z-]+):", tokens_block()))
    used = set(re.findall(r"var\((--[a-z-]+)\)", RULES))
    assert used - defined == set()


def test_only_logical_properties_so_right_to_left_mirrors():
    physical = re.findall(
        r"(?<![-\w])(?:margin|padding|border)-(?:left|right|top|bottom)\b"
        r"|(?<![-\w])(?:left|right|top|bottom)\s*:"
        r"|text-align:\s*(?:left|right)"
        r"|float:\s*(?:left|right)"
        r"|(?<![-\w])(?:min-|max-)?(?:width|height)\s*:",
        DECLARATIONS,
    )
    assert physical == []


def test_sections_are_components_not_features():
    headers = re.findall(r"/\* -{10} (.+?) -{10} \*/", CSS)
    assert len(headers) >= 20
    assert headers[0] == "Tokens"
    assert headers[-1].startswith("Preferences")
    assert not re.search(r"issue \d+|=== ", CSS, re.I)


def test_urdu_has_its_own_font_stack_and_nothing_is_loaded_from_elsewhere():
    assert '"Noto Nastaliq Urdu"' in tokens_block()
    assert re.search(r":lang\(ur\)\s*{[^}]*font-family:\s*var\(--font-urdu\)", RULES)
    assert "@import" not in RULES and "url(" not in RULES and "@font-face" not in RULES


def test_controls_are_at_least_44px_with_16px_text():
    assert "--target: 2.75rem;" in tokens_block()
    assert "--control-text: max(1rem, 1em);" in tokens_block()
    controls = [".button {", ".facet__option,", ".chosen-filter {", ".finder__filters > summary {"]
    for selector in controls:
        start = RULES.index(selector)
        rule = RULES[start : RULES.index("}", start)]
        assert "min-block-size: var(--target)" in rule, selector
