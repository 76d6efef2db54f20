"""Guards installed on Wagtail when the site starts (ModerationConfig.ready):
what a volunteer or a member of the public typed cannot become a formula in
a moderator's spreadsheet, and no image can make a worker decode billions of
pixels. docs/security.md, "Hostile input"."""

from django.conf import settings

# Characters a spreadsheet takes as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A cell value a spreadsheet shows as text: a leading ' before anything
    that would start a formula (a title like "=HYPERLINK(...)" typed by the
    public or a volunteer)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def install_csv_formula_guard():
    """Every admin CSV export (Wagtail's SpreadsheetExportMixin: reports and
    listings) neutralises formulas; its XLSX export already stores them as
    text. Called from ModerationConfig.ready; idempotent."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_formula_guard", False):
        return
    original = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        if export_format != self.FORMAT_CSV or value is None:
            return value
        if isinstance(value, bool | int | float):
            return value  # a number is never a formula, "-5" included
        return neutralise_formula(str(value))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin._formula_guard = True


def limit_pillow():
    """Pillow refuses to decode more than twice MAX_IMAGE_PIXELS: tie it to ours."""
    from PIL import Image as PILImage

    PILImage.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
