"""The documents are in the repository and indexed: the README points to them
and to nothing outside the repository, and docs/README.md lists every one."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\]\(([^)#\s]+)")


def links(path):
    return LINK.findall(path.read_text(encoding="utf-8"))


def test_every_document_is_in_the_index():
    indexed = {Path(link).name for link in links(ROOT / "docs" / "README.md")}
    documents = {path.name for path in (ROOT / "docs").glob("*.md")} - {"README.md"}
    assert documents <= indexed, f"add {sorted(documents - indexed)} to docs/README.md"


def test_the_readme_points_to_the_architecture_and_the_index():
    readme = links(ROOT / "README.md")
    assert "docs/architecture.md" in readme
    assert "docs/README.md" in readme


def test_no_document_points_outside_the_repository():
    for path in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text, path.name
        assert "ARCHITECTURE.md" not in text, path.name
        for link in links(path):
            if "://" in link or link.startswith("mailto:"):
                continue
            target = (path.parent / link).resolve()
            assert target.is_relative_to(ROOT), f"{path.name} links outside: {link}"
