"""Have your say: questions to the town, residents' answers, groups'
conclusions and the asking body's public reply ("we asked, you said, we did").

The question page holds the question and, once written, the reply: the reply
goes through the Community moderation workflow with the page, like any other
change. Answers and contributions belong to the question in the default
language (``canonical``), whatever language version they came through, and
record the language they were written in.
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin, WorkflowMixin
from wagtail.search import index

from home.blocks import BodyBlock
from home.listing import IndexPage, SitePage, paginate
from home.models import Area, Topic

from .enums import Decision, QuestionState, in_state, state_of, state_rank
from .filters import QUESTIONS

MAX_OPEN_PROMPTS = 5
# Excerpts of answers a question page shows at most.
SHOWN_ANSWERS = 12
ANSWER_MAX_LENGTH = 2000
# How a group's photo shows on the question page (the template says the same).
CONTRIBUTION_PHOTO = "max-800x600"


def new_token():
    return secrets.token_urlsafe(32)


def in_listing_order(questions, now=None):
    """Open first, then coming soon, awaiting a reply, answered; within each,
    the soonest to close (or most recently closed) first."""
    return (
        questions.defer_streamfields()
        .annotate(rank=state_rank(now or timezone.now()))
        .order_by("rank", "closes_at", "pk")
        .prefetch_related("topics", "areas")
    )


def canonical(page):
    """The default-language version of a question (answers hang from it)."""
    from home.i18n import locale_code

    if page.alias_of_id:
        page = page.alias_of
    if locale_code(page.locale_id) == settings.LANGUAGE_CODE:
        return page.specific
    source = (
        QuestionPage.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .exclude(alias_of__isnull=False)
        .first()
    )
    return source or page.specific


class HaveYourSayIndexPage(IndexPage):
    """Every question, open ones first, filterable by topic and area."""

    subpage_types = ["participation.QuestionPage"]

    class Meta:
        verbose_name = _("have your say index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = QUESTIONS.read(request.GET)
        questions = QUESTIONS.apply(QuestionPage.objects.public().localized(), filters)
        context.update(
            filters=filters,
            facets=QUESTIONS.view(filters),
            questions=paginate(request, in_listing_order(questions)),
        )
        return context


class QuestionPageForm(WagtailAdminPageForm):
    def clean(self):
        data = super().clean()
        prompts = self.formsets.get("prompts")
        if prompts is not None:
            kinds = [
                form.cleaned_data.get("kind")
                for form in prompts.forms
                if form.is_valid() and not form.cleaned_data.get("DELETE")
            ]
            count = kinds.count(QuestionPrompt.Kind.OPEN)
            if not 1 <= count <= MAX_OPEN_PROMPTS:
                self.add_error(
                    None,
                    _("Ask between one and %(max)s open questions.") % {"max": MAX_OPEN_PROMPTS},
                )
        return data


class QuestionPage(SitePage):
    """A consultation: a question to the town, open between two dates."""

    asked_by_group = models.ForeignKey(
        "groups.GroupPage",
        verbose_name=_("asked by (a group of the directory)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty when the council or another body not in the directory asks."),
    )
    asked_by = models.CharField(
        _("asked by"),
        max_length=150,
        blank=True,
        help_text=_('Who is asking, e.g. "Ashby Moor Town Council".'),
    )
    question = models.CharField(
        _("the question in plain words"),
        max_length=250,
        help_text=_("One sentence a 12-year-old would understand."),
    )
    background = StreamField(BodyBlock(), verbose_name=_("background"), blank=True)
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes"))
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    areas = ParentalManyToManyField(Area, verbose_name=_("areas"), blank=True)
    readers = models.CharField(
        _("who will read the answers"),
        max_length=250,
        help_text=_('e.g. "The council\'s planning team and the High Street working group".'),
    )
    reply_by = models.DateField(
        _("we will reply by"),
        help_text=_(
            "The date the public reply is promised for. After it, the question is overdue."
        ),
    )
    how_answers_are_used = models.TextField(_("how the answers will be used"), max_length=1000)
    show_answers = models.BooleanField(
        _("show excerpts of answers on the page"),
        default=False,
        help_text=_(
            "Only answers whose writer agreed, and only after a moderator has checked them."
        ),
    )

    # The public reply: we asked, you said, we did.
    reply_summary = RichTextField(
        _("what we heard"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_(
            "A summary of what people said. The numbers of answers, groups and people are "
            "added for you. Writing it makes the question answered once published."
        ),
    )

    search_fields = Page.search_fields + [
        index.SearchField("question"),
        index.SearchField("asked_by"),
        index.SearchField("background"),
        index.SearchField("reply_summary"),
        index.AutocompleteField("question"),
        index.FilterField("closes_at"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("areas", [index.SearchField("name")]),
    ]

    content_panels = Page.content_panels + [
        FieldRowPanel(
            [FieldPanel("asked_by"), FieldPanel("asked_by_group")], heading=_("Who is asking")
        ),
        FieldPanel("question"),
        FieldPanel("background"),
        InlinePanel(
            "prompts",
            label=_("Questions on the form"),
            min_num=1,
            help_text=_("One to five open questions, and any choice questions."),
        ),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("When")),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Topics and areas"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("readers"),
                FieldPanel("reply_by"),
                FieldPanel("how_answers_are_used"),
                FieldPanel("show_answers"),
            ],
            heading=_("What happens to the answers"),
        ),
    ]
    reply_panels = [
        FieldPanel("reply_summary"),
        InlinePanel("reply_points", label=_("What we will do, point by point")),
        InlinePanel("progress_updates", label=_("Progress updates")),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("The question")),
            ObjectList(reply_panels, heading=_("The reply")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = QuestionPageForm

    parent_page_types = ["participation.HaveYourSayIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("question (consultation)")
        verbose_name_plural = _("questions (consultations)")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("A question must close after it opens.")
        if self.closes_at and self.reply_by and self.reply_by < self.closes_at.date():
            errors["reply_by"] = _("The reply cannot be promised before the question closes.")
        if errors:
            raise ValidationError(errors)
        # An editor left empty is not a reply.
        if not strip_tags(self.reply_summary or "").strip():
            self.reply_summary = ""

    @property
    def summary(self):
        """What listings, search results and link previews show."""
        return self.question

    @property
    def has_reply(self):
        return bool(self.reply_summary)

    @property
    def state(self):
        return state_of(self.opens_at, self.closes_at, self.has_reply)

    @property
    def state_label(self):
        return QuestionState(self.state).label

    @property
    def is_open(self):
        return self.state == QuestionState.OPEN

    @property
    def is_overdue(self):
        return self.state == QuestionState.CLOSED and timezone.localdate() > self.reply_by

    @property
    def asked_by_name(self):
        if self.asked_by:
            return self.asked_by
        return self.asked_by_group.title if self.asked_by_group_id else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        source = canonical(self)
        context["figures"] = self.figures(source)
        context["contributions"] = (
            GroupContribution.objects.filter(question=source, live=True)
            .select_related("group", "image", "document")
            .prefetch_related(
                "conclusions",
                Prefetch(
                    "image__renditions",
                    queryset=get_image_model()
                    .get_rendition_model()
                    .objects.filter(filter_spec=CONTRIBUTION_PHOTO),
                ),
            )
            .order_by("held_on", "pk")
        )
        context["shown_answers"] = (
            list(
                Answer.objects.filter(
                    question=source,
                    confirmed_at__isnull=False,
                    consent_to_publish=True,
                    shown=True,
                ).order_by("-confirmed_at")[:SHOWN_ANSWERS]
            )
            if self.show_answers
            else []
        )
        return context

    def open_prompts(self):
        return [p for p in self.prompts.all() if p.kind == QuestionPrompt.Kind.OPEN]

    def figures(self, source=None):
        """What was heard, worked out from the data: answers, groups and the
        people they represent. Two queries."""
        source = source or canonical(self)
        answers = Answer.objects.filter(question=source, confirmed_at__isnull=False).count()
        groups = GroupContribution.objects.filter(question=source, live=True).aggregate(
            groups=Count("pk"), people=Sum("participants")
        )
        return {
            "answers": answers,
            "groups": groups["groups"],
            "group_people": groups["people"] or 0,
            "people": answers + (groups["people"] or 0),
        }


class QuestionPrompt(Orderable):
    """One question on the answer form."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Open question (people write their answer)")
        CHOICE = "choice", _("Choice question (people pick one)")

    page = ParentalKey(QuestionPage, related_name="prompts", on_delete=models.CASCADE)
    text = models.CharField(_("question"), max_length=250)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OPEN)
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("For a choice question: one choice per line."),
    )
    required = models.BooleanField(_("an answer is needed"), default=False)

    panels = [FieldPanel("text"), FieldPanel("kind"), FieldPanel("choices"), FieldPanel("required")]

    def clean(self):
        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("A choice question needs at least two choices.")})

    @property
    def choice_list(self):
        return [line.strip() for line in (self.choices or "").splitlines() if line.strip()]

    def __str__(self):
        return f"{self.page.title}: {self.text}" if self.page_id else self.text


class ReplyPoint(Orderable):
    """One point raised, and what the asking body will do about it."""

    page = ParentalKey(QuestionPage, related_name="reply_points", on_delete=models.CASCADE)
    point = models.CharField(_("what people said"), max_length=250)
    decision = models.CharField(_("what we will do"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("why"), max_length=1000)

    panels = [FieldPanel("point"), FieldPanel("decision"), FieldPanel("reason")]


class ProgressUpdate(Orderable):
    """Later news of what was done, dated."""

    page = ParentalKey(QuestionPage, related_name="progress_updates", on_delete=models.CASCADE)
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what happened"), max_length=1000)

    panels = [FieldPanel("date"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        ordering = ["-date", "sort_order"]


class Answer(models.Model):
    """A resident's answer to a question. Counted once its address is confirmed;
    one confirmed answer per address per question (a later one replaces it)."""

    question = models.ForeignKey(
        QuestionPage, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    language = models.CharField(_("written in"), max_length=15)
    email = models.EmailField(_("e-mail address"))
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # [{"prompt": the question as it was asked, "answer": the text}, …]
    responses = models.JSONField(_("answers"), default=list)
    consent_to_publish = models.BooleanField(_("agreed to an excerpt being shown"), default=False)
    hear_back = models.BooleanField(_("wants to hear the reply"), default=False)
    shown = models.BooleanField(
        _("excerpt shown"), default=False, help_text=_("Set by a moderator after checking it.")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    told_of_reply_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-confirmed_at", "-created_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "email"],
                condition=Q(confirmed_at__isnull=False),
                name="one_confirmed_answer_per_address",
            )
        ]

    def __str__(self):
        return f"{self.question.title}: {self.email}"

    @property
    def excerpt(self):
        texts = [item.get("answer", "") for item in self.responses if item.get("open")]
        text = next((t for t in texts if t), "")
        return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"


class GroupContribution(WorkflowMixin, DraftStateMixin, RevisionMixin, ClusterableModel):
    """A group's conclusion from a discussion held in its own space.

    Moderated like a page: it enters the Community moderation workflow and
    appears on the question page once approved (published)."""

    question = models.ForeignKey(
        QuestionPage,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    group = models.ForeignKey(
        "groups.GroupPage",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    group_name = models.CharField(
        _("name of the group"),
        max_length=120,
        blank=True,
        help_text=_("Only for a group that is not in the directory."),
    )
    where_link = models.URLField(
        _("link to where you talked"),
        blank=True,
        help_text=_("Your own group chat, forum or page, if people may see it."),
    )
    where_in_person = models.CharField(
        _("or: in person at"), max_length=200, blank=True, help_text=_("e.g. the church hall")
    )
    held_on = models.DateField(_("when you talked"))
    participants = models.PositiveIntegerField(
        _("how many people took part"),
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    disagreements = models.TextField(_("points you disagreed on"), max_length=2000, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("a document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("a photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("written in"), max_length=15, default=settings.LANGUAGE_CODE)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # From the public form (a group not in the directory): confirmed by e-mail.
    contact_name = models.CharField(_("contact's name"), max_length=100, blank=True)
    email = models.EmailField(_("contact's e-mail"), blank=True)
    hear_back = models.BooleanField(_("wants to hear the reply"), default=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    told_of_reply_at = models.DateTimeField(null=True, blank=True, editable=False)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="group_contribution")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="group_contribution",
        for_concrete_model=False,
    )

    panels = [
        # Plain choices, not the page chooser: only these questions and groups qualify.
        FieldPanel("question", widget=forms.Select),
        FieldRowPanel(
            [FieldPanel("group", widget=forms.Select), FieldPanel("group_name")],
            heading=_("Which group"),
        ),
        FieldRowPanel(
            [FieldPanel("where_link"), FieldPanel("where_in_person")],
            heading=_("Where you talked"),
        ),
        FieldRowPanel([FieldPanel("held_on"), FieldPanel("participants")]),
        InlinePanel("conclusions", label=_("Your conclusion for each question"), min_num=1),
        FieldPanel("disagreements"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("document")]),
        FieldPanel("hear_back"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("group contribution")
        verbose_name_plural = _("group contributions")

    @property
    def revisions(self):
        return self._revisions

    def __str__(self):
        return f"{self.display_name}: {self.question.title}"

    @property
    def display_name(self):
        return self.group.title if self.group_id else self.group_name

    @property
    def photo_description(self):
        return _("A photo from the discussion of %(group)s") % {"group": self.display_name}

    def clean(self):
        super().clean()
        errors = {}
        if not self.group_id and not self.group_name.strip():
            errors["group"] = _("Choose your group, or type its name if it is not listed.")
        if not self.where_link and not self.where_in_person.strip():
            errors["where_in_person"] = _(
                "Say where you talked: a link to your own space, or the place you met."
            )
        if self.held_on and self.held_on > timezone.localdate():
            errors["held_on"] = _("The discussion cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    def reply_address(self):
        """Where to tell the group about the reply: the contact, or the editor."""
        if self.email:
            return self.email
        return self.submitted_by.email if self.submitted_by_id else ""


class ContributionConclusion(Orderable):
    contribution = ParentalKey(
        GroupContribution, related_name="conclusions", on_delete=models.CASCADE
    )
    prompt = models.ForeignKey(
        QuestionPrompt,
        verbose_name=_("about"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The question as it was when the group answered it, in case it is edited later.
    prompt_text = models.CharField(max_length=250, blank=True, editable=False)
    text = models.TextField(_("your conclusion"), max_length=ANSWER_MAX_LENGTH)

    panels = [FieldPanel("prompt"), FieldPanel("text")]

    def save(self, *args, **kwargs):
        if self.prompt_id and not self.prompt_text:
            self.prompt_text = self.prompt.text
        super().save(*args, **kwargs)


class ReplyPublication(models.Model):
    """When a question's reply was first published, and so its participants
    told: one row per question (all its language versions)."""

    translation_key = models.UUIDField(unique=True)
    question = models.ForeignKey(
        QuestionPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("published reply")
        verbose_name_plural = _("published replies")

    def __str__(self):
        return f"{self.question.title}: {self.published_at:%Y-%m-%d}"


__all__ = [
    "Answer",
    "ContributionConclusion",
    "GroupContribution",
    "HaveYourSayIndexPage",
    "ProgressUpdate",
    "QuestionPage",
    "QuestionPrompt",
    "QuestionState",
    "ReplyPoint",
    "ReplyPublication",
    "in_state",
    "state_rank",
]
