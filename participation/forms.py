"""The public forms: a resident's answer and an unlisted group's conclusion.

Both work without JavaScript, keep everything typed as plain text, limit the
length of every field and carry the same robot trap as the other public
forms (moderation/submissions.py).
"""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.i18n import localized
from home.models import Area
from home.uploads import (
    IMAGE_EXTENSIONS,
    PUBLIC_DOCUMENT_EXTENSIONS,
    check_public_upload,
    public_upload_limit,
)
from moderation.submissions import HONEYPOT_FIELD

from .models import ANSWER_MAX_LENGTH, QuestionPrompt


def prompt_field_name(prompt):
    return f"prompt_{prompt.pk}"


class PublicForm(forms.Form):
    # A field people never see (hidden by CSS and from screen readers): robots fill it in.
    fax_number = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def add_prompt_fields(self, prompts):
        self.prompts = list(prompts)
        for prompt in self.prompts:
            name = prompt_field_name(prompt)
            if prompt.kind == QuestionPrompt.Kind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=prompt.text,
                    required=prompt.required,
                    choices=[(choice, choice) for choice in prompt.choice_list],
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=prompt.text,
                    required=prompt.required,
                    max_length=ANSWER_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
                    help_text=_("Up to %(count)s characters.") % {"count": ANSWER_MAX_LENGTH},
                )

    def responses(self):
        """[{"prompt", "answer", "open"}, …] in the order of the questions."""
        return [
            {
                "prompt": prompt.text,
                "answer": (self.cleaned_data.get(prompt_field_name(prompt)) or "").strip(),
                "open": prompt.kind == QuestionPrompt.Kind.OPEN,
            }
            for prompt in self.prompts
        ]

    def check_something_answered(self):
        if self.is_bound and not any(item["answer"] for item in self.responses() if item["open"]):
            first_open = next((p for p in self.prompts if p.kind == QuestionPrompt.Kind.OPEN), None)
            field = prompt_field_name(first_open) if first_open else None
            self.add_error(field, _("Write an answer to at least one question."))


class AnswerForm(PublicForm):
    your_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_(
            "We send you a link to confirm your answer. It is never shown on the site. "
            "If you answer again from the same address, your new answer replaces the old one."
        ),
    )
    area = forms.ModelChoiceField(
        label=_("Where you live"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("I would rather not say"),
    )
    consent_to_publish = forms.BooleanField(
        label=_("A moderator may show a short excerpt of my answer on the site, without my name"),
        required=False,
    )
    hear_back = forms.BooleanField(
        label=_("E-mail me the reply when it is published"), required=False, initial=True
    )

    field_order = ["area", "your_email", "consent_to_publish", "hear_back"]

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_prompt_fields(question.prompts.all())
        self.fields["area"].queryset = localized(Area.objects.all()).order_by("name")
        self.order_fields([prompt_field_name(p) for p in self.prompts] + self.field_order)

    def clean(self):
        data = super().clean()
        self.check_something_answered()
        return data


class ContributionForm(PublicForm):
    your_name = forms.CharField(label=_("Your name"), max_length=100)
    your_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm it. It is never shown on the site."),
    )
    group_name = forms.CharField(
        label=_("Name of your group"),
        max_length=120,
        help_text=_(
            "If your group is in our directory, ask one of its editors to send this from the "
            "admin instead."
        ),
    )
    where_link = forms.URLField(
        label=_("Link to where you talked"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Your group chat, forum or page, if people may see it."),
    )
    where_in_person = forms.CharField(label=_("Or: in person at"), required=False, max_length=200)
    held_on = forms.DateField(
        label=_("When you talked"), widget=forms.DateInput(attrs={"type": "date"})
    )
    participants = forms.IntegerField(
        label=_("How many people took part"), min_value=1, max_value=100_000
    )
    disagreements = forms.CharField(
        label=_("Points you disagreed on"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    attachment = forms.FileField(
        label=_("A photo or a document"),
        required=False,
        allow_empty_file=True,  # refused with the other checks' clearer words
        widget=forms.FileInput(
            attrs={
                "accept": ",".join(
                    f".{ext}" for ext in IMAGE_EXTENSIONS + PUBLIC_DOCUMENT_EXTENSIONS
                )
            }
        ),
    )
    hear_back = forms.BooleanField(
        label=_("E-mail me the reply when it is published"), required=False, initial=True
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = _(
            "For example a photo of your flip chart, or your notes. A photo (JPEG, PNG, GIF or "
            "WebP) or a document (PDF, plain text, ODT or DOCX) of at most %(size)s. It is shown "
            "with your conclusion once a moderator has approved it."
        ) % {"size": filesizeformat(public_upload_limit())}
        # Set by the view when the upload was cut off for being too big.
        self.upload_too_large = False
        self.attachment_kind = None
        open_prompts = [p for p in question.prompts.all() if p.kind == QuestionPrompt.Kind.OPEN]
        self.add_prompt_fields(open_prompts)
        for prompt in self.prompts:
            self.fields[prompt_field_name(prompt)].label = _("Your conclusion: %(question)s") % {
                "question": prompt.text
            }
        head = ["your_name", "your_email", "group_name", "where_link", "where_in_person"]
        tail = ["held_on", "participants"]
        prompts = [prompt_field_name(p) for p in self.prompts]
        self.order_fields(head + tail + prompts + ["disagreements", "attachment"])

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if self.upload_too_large:
            raise forms.ValidationError(
                _("The file is too big. The largest file we take is %(limit)s.")
                % {"limit": filesizeformat(public_upload_limit())},
                code="file_too_large",
            )
        if upload is None:
            return None
        self.attachment_kind, _format = check_public_upload(upload)
        return upload

    @property
    def file_was_sent(self):
        return bool(self.files.get("attachment")) or self.upload_too_large

    def clean(self):
        data = super().clean()
        if not data.get("where_link") and not (data.get("where_in_person") or "").strip():
            self.add_error(
                "where_in_person",
                _("Say where you talked: a link to your own space, or the place you met."),
            )
        held_on = data.get("held_on")
        if held_on and held_on > timezone.localdate():
            self.add_error("held_on", _("The discussion cannot be in the future."))
        self.check_something_answered()
        return data
