"""StreamField blocks shared by every page type with a body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use a section heading first, then sub-headings inside it."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Button text"),
        max_length=80,
        help_text=_('Say where it goes, e.g. "Book a place".'),
    )
    page = blocks.PageChooserBlock(required=False, help_text=_("A page on this site, or…"))
    url = blocks.URLBlock(required=False, label=_("…a web address"))

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            from django.core.exceptions import ValidationError
            from wagtail.blocks import StructBlockValidationError

            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or give a web address."))}
            )
        return value


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock(template="blocks/image_block.html")
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(
        help_text=_("A link to a video or a map, e.g. a YouTube or OpenStreetMap address."),
        template="blocks/embed_block.html",
    )
