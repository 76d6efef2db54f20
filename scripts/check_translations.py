#!/usr/bin/env python
"""Re-extract the interface strings and report what is not translated.

    .venv/bin/python scripts/check_translations.py            # extract, then check
    .venv/bin/python scripts/check_translations.py --no-extract

Runs ``manage.py makemessages`` for every language in NOTICEBOARD_LANGUAGES
but English (new strings appear in locale/<lang>/LC_MESSAGES/django.po with
an empty msgstr; strings no longer used are dropped), then lists every entry
that is untranslated or fuzzy, per language, and exits 1 if there is any.
Fill them in, then run ``manage.py compilemessages`` and commit the .po and
.mo files. ``make messages`` runs this script.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
IGNORE = [".venv/*", "staticfiles/*", "tests/*", "media/*", "node_modules/*"]


def languages():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noticeboard.settings.dev")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings

    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def extract(codes):
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete"]
    for code in codes:
        command += ["-l", code]
    for pattern in IGNORE:
        command += ["--ignore", pattern]
    subprocess.run(command, cwd=BASE_DIR, check=True)


def problems(code):
    path = BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"
    if not path.exists():
        return [f"{path} is missing"]
    found = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            found.append(f"untranslated: {entry.msgid!r}")
    return found


def main(argv):
    codes = languages()
    if "--no-extract" not in argv:
        extract(codes)
    total = 0
    for code in codes:
        found = problems(code)
        total += len(found)
        print(f"{code}: {len(found)} to do")
        for line in found:
            print(f"  {line}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
