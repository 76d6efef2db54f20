"""What an uploaded file must be before the site keeps it: the one place that
checks photos and documents, for the public forms and for the admin's
document uploads (noticeboard/uploads.py).

A photo is opened with Pillow and must really be a JPEG, PNG, GIF or WebP
image (whatever its name says) of at most WAGTAILIMAGES_MAX_IMAGE_PIXELS; a
decompression bomb, a truncated file or anything else Pillow cannot read is
refused before it is decoded. A document's first bytes must match its
extension: a PDF starts ``%PDF-``, an OpenDocument or Office file is a zip
archive holding that format's own entries, a plain-text file is UTF-8 text
that is not a web page. A file that is empty or larger than the limit is
refused. Every refusal is a ValidationError with a message for the form.
"""

import struct
import warnings
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

#: Pillow's formats a photo may be in, and the extensions each may carry.
IMAGE_FORMATS = {
    "JPEG": ("jpg", "jpeg"),
    "PNG": ("png",),
    "GIF": ("gif",),
    "WEBP": ("webp",),
}
IMAGE_EXTENSIONS = tuple(ext for exts in IMAGE_FORMATS.values() for ext in exts)
#: The documents the public may send.
PUBLIC_DOCUMENT_EXTENSIONS = ("pdf", "txt", "odt", "docx")

#: What Pillow raises for a file it cannot read (or will not: a bomb).
UNREADABLE_IMAGE = (
    OSError,
    ValueError,
    SyntaxError,
    struct.error,
    PILImage.DecompressionBombError,
    PILImage.DecompressionBombWarning,
)

# The entry that makes a zip archive each kind of document.
ZIP_MARKERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
TEXT_EXTENSIONS = ("txt", "csv")
# How much of a text file is read to decide it is text (and not a web page).
TEXT_SAMPLE_BYTES = 64 * 1024
HTML_MARKERS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<iframe",
    b"<?xml",
)


def public_upload_limit():
    """The largest file the public forms take, in bytes (PUBLIC_UPLOAD_MAX_MB)."""
    return settings.NOTICEBOARD_PUBLIC_UPLOAD_MAX_BYTES


def extension_of(upload):
    name = getattr(upload, "name", "") or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_size(upload, limit):
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty. Choose another file."), code="empty_file")
    if size > limit:
        raise ValidationError(
            _("The file is too big (%(size)s). The largest file we take is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def _head(upload, count):
    upload.seek(0)
    data = upload.read(count)
    upload.seek(0)
    return data


def check_image(upload):
    """Pillow's format name of a photo that may be kept, or ValidationError."""
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    unreadable = ValidationError(
        _(
            "This file cannot be read as a photo, or it has too many pixels. Send a JPEG, "
            "PNG, GIF or WebP image of at most %(limit)s megapixels."
        )
        % {"limit": limit // 1_000_000},
        code="invalid_image",
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: refuse those too.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as image:
                image_format = image.format
                pixels = image.width * image.height * getattr(image, "n_frames", 1)
                if image_format not in IMAGE_FORMATS or pixels > limit:
                    raise unreadable
                image.verify()  # the structure, before decoding anything
            # Within the pixel limit, decode it once: a truncated photo would
            # otherwise only fail later, when the page asks for its rendition.
            upload.seek(0)
            with PILImage.open(upload) as image:
                image.load()
    except UNREADABLE_IMAGE as error:
        raise unreadable from error
    finally:
        upload.seek(0)
    if extension_of(upload) not in IMAGE_FORMATS[image_format]:
        raise ValidationError(
            _("This file's name does not match what it is (a %(format)s image). Rename it.")
            % {"format": image_format},
            code="invalid_image_extension",
        )
    return image_format


def _is_zip_with(upload, entry):
    try:
        with zipfile.ZipFile(upload) as archive:
            return entry in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        upload.seek(0)


def _is_odf(upload, mimetype):
    try:
        with zipfile.ZipFile(upload) as archive:
            # ODF puts its type, uncompressed, in the archive's first entry.
            with archive.open("mimetype") as entry:
                return entry.read(200).strip() == mimetype
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
        return False
    finally:
        upload.seek(0)


def _is_text(upload):
    sample = _head(upload, TEXT_SAMPLE_BYTES)
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still text.
        if error.start < len(sample) - 3:
            return False
    opening = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return not any(marker in opening[:1024] for marker in HTML_MARKERS)


def content_matches(upload, extension):
    """Whether the file's bytes are what its extension says; True for an
    extension nobody taught this module (the extension list still applies)."""
    if extension == "pdf":
        return _head(upload, 1024).lstrip(b"\r\n\t ").startswith(b"%PDF-")
    if extension == "rtf":
        return _head(upload, 6) == b"{\\rtf1"
    if extension in ZIP_MARKERS:
        return _is_zip_with(upload, ZIP_MARKERS[extension])
    if extension in ODF_MIMETYPES:
        return _is_odf(upload, ODF_MIMETYPES[extension])
    if extension in TEXT_EXTENSIONS:
        return _is_text(upload)
    return True


def check_document(upload, extensions):
    """The extension of a document that may be kept, or ValidationError."""
    extension = extension_of(upload)
    if extension not in extensions:
        raise ValidationError(
            _(
                "We cannot take this kind of file. "
                "Send a document in one of these formats: %(list)s."
            )
            % {"list": ", ".join(ext.upper() for ext in extensions)},
            code="invalid_document_extension",
        )
    if not content_matches(upload, extension):
        raise ValidationError(
            _(
                "This file is not the %(format)s document its name says. Save it again as "
                "%(format)s, or send another file."
            )
            % {"format": extension.upper()},
            code="invalid_document_content",
        )
    return extension


def check_public_upload(upload):
    """A file from a public form: ("image", format) or ("document", extension),
    or ValidationError."""
    check_size(upload, public_upload_limit())
    if extension_of(upload) in IMAGE_EXTENSIONS:
        return "image", check_image(upload)
    if extension_of(upload) in PUBLIC_DOCUMENT_EXTENSIONS:
        return "document", check_document(upload, PUBLIC_DOCUMENT_EXTENSIONS)
    raise ValidationError(
        _(
            "We cannot take this kind of file. Send a photo (JPEG, PNG, GIF or WebP) or a "
            "document (%(list)s)."
        )
        % {"list": ", ".join(ext.upper() for ext in PUBLIC_DOCUMENT_EXTENSIONS)},
        code="invalid_file_type",
    )


class LimitedUploadHandler(FileUploadHandler):
    """Stops keeping an uploaded file once it passes ``limit`` bytes, so a
    huge file is never written to disk whole: the file is dropped and
    ``request.upload_too_large`` set for the form to say so. Put first in
    ``request.upload_handlers`` before the request's POST is read."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        request.upload_too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
