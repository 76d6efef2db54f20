#!/usr/bin/env bash
# Backup and restore, proved: build the demo, back it up (manage.py backup),
# wipe the database and the media, restore (manage.py restore, which checks
# every table's rows and every media file's checksum against the backup),
# then find the demo whole: the same pages, images and people, the home page
# served, an image's file readable. docs/operations.md, "Backup and restore".
#
#   bash scripts/backup_restore_test.sh            # on PostgreSQL (as .ci/run does)
#   bash scripts/backup_restore_test.sh sqlite     # on SQLite
#
# PostgreSQL: the local server (BACKUP_PG, default postgres://postgres@127.0.0.1:5432),
# database nb_backup_ci, dropped at the end. Everything else in a temporary folder.
set -euo pipefail

cd "$(dirname "$0")/.."
PY="$(pwd)/.venv/bin/python"
KIND="${1:-postgres}"
PG="${BACKUP_PG:-postgres://postgres@127.0.0.1:5432}"
DB=nb_backup_ci
WORK=$(mktemp -d)

psql_admin() { psql "$PG/postgres" -v ON_ERROR_STOP=1 -q -c "$1"; }
cleanup() {
    if [[ "$KIND" == postgres ]]; then psql_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=noticeboard.settings.dev
export TASKS_BACKEND=immediate
export MEDIA_ROOT="$WORK/media"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
if [[ "$KIND" == postgres ]]; then
    export DATABASE_URL="$PG/$DB"
    fresh_database() { psql_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)"; psql_admin "CREATE DATABASE $DB"; }
else
    export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
    fresh_database() { rm -f "$WORK"/db.sqlite3*; }
fi

# What "whole" means: counted and read through the application.
FINGERPRINT='
import json
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
Image = get_image_model()
image = Image.objects.order_by("pk").first()
with image.file.open("rb") as f:
    image_bytes = len(f.read())
print(json.dumps({
    "pages": sorted(Page.objects.values_list("url_path", "live")),
    "revisions": Revision.objects.count(),
    "images": sorted(Image.objects.values_list("title", "file")),
    "first_image_bytes": image_bytes,
    "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    "home": Client().get("/").status_code,
}, sort_keys=True))
'

echo "--- building the demo ($KIND)"
fresh_database
"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py demo > "$WORK/demo.log"
before=$("$PY" manage.py shell -c "$FINGERPRINT" | tail -1)
echo "demo: $(echo "$before" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(len(d["pages"]), "pages,", len(d["images"]), "images,", len(d["users"]), "users, home", d["home"])')"

echo "--- backing up"
"$PY" manage.py backup "$WORK/backup"
test -s "$WORK/backup/database.dump"
test -s "$WORK/backup/manifest.json"

echo "--- wiping the database and the media"
fresh_database
rm -rf "$MEDIA_ROOT"
echo "--- restoring"
"$PY" manage.py restore "$WORK/backup"
after=$("$PY" manage.py shell -c "$FINGERPRINT" | tail -1)

if [[ "$before" != "$after" ]]; then
    echo "The restored site differs from the one backed up:"
    diff <(echo "$before" | "$PY" -m json.tool) <(echo "$after" | "$PY" -m json.tool) || true
    exit 1
fi
# A restore over a site with content is refused unless forced.
if "$PY" manage.py restore "$WORK/backup" > "$WORK/again.log" 2>&1; then
    echo "A second restore over the restored site was not refused"
    exit 1
fi
grep -q "already has content" "$WORK/again.log"
echo "--- backup and restore ($KIND): the demo is whole again"
