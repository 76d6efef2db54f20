"""Uploaded images that cannot hurt a worker, and documents that are what
their name says.

``WAGTAILIMAGES_IMAGE_FORM_BASE`` names ``SafeImageForm``: a file Pillow
cannot read (truncated, corrupt, or a decompression bomb claiming billions of
pixels) is a form error like any other, instead of an exception. Pillow's own
bomb limit follows ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` too (moderation/safety.py),
so renditions of anything already stored are bounded.

``WAGTAILDOCS_DOCUMENT_FORM_BASE`` names ``SafeDocumentForm``: a document
must be non-empty and its bytes must match its extension (a ``.pdf`` that is
a program, a ``.txt`` that is a web page are refused), by the same checks as
the public forms (home/uploads.py).
"""

import struct

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from home.uploads import check_document

UNREADABLE = (OSError, ValueError, SyntaxError, struct.error, PILImage.DecompressionBombError)


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        to_python = field.to_python

        def safe_to_python(data):
            try:
                return to_python(data)
            except ValidationError:
                raise
            except UNREADABLE as error:
                raise ValidationError(
                    _(
                        "This file cannot be read as an image, or it has too many pixels. "
                        "Upload a JPEG, PNG or WebP image of at most %(limit)s megapixels."
                    )
                    % {"limit": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000},
                    code="invalid_image",
                ) from error

        field.to_python = safe_to_python


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            if not upload.size:
                raise ValidationError(_("The file is empty. Choose another file."), code="empty")
            check_document(upload, [ext.lower() for ext in settings.WAGTAILDOCS_EXTENSIONS])
        return upload
