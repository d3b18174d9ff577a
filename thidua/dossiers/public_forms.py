"""The public comment form of a consultation (no login), with its two spam checks besides the rate limit of
``consultation.post_comment``: a honeypot field people never see (bots fill every input) and a signed timestamp
(``TimestampSigner``) — a form sent less than ``MIN_SECONDS`` after the page was rendered (faster than anyone types)
or more than ``MAX_AGE`` later is refused."""

from __future__ import annotations

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.dossiers.consultation import BODY_MAX, BODY_MIN
from thidua.dossiers.models import Consultation, DossierEntry

TOKEN_SALT = "thidua.dossiers.public_comment"
MIN_SECONDS = 3
MAX_AGE = 2 * 60 * 60
# The honeypot's name: one a form filler (autofill, a bot) likes to fill; real people never see the input.
HONEYPOT = "website"
# Codes of the spam refusals: the page drops a honeypot hit silently, the others are shown.
HONEYPOT_HIT = "honeypot"
TOO_FAST = "too_fast"
EXPIRED = "expired"


def issue_token(consultation: Consultation, *, at: float | None = None) -> str:
    """The signed timestamp of a rendered form (``at``: seconds since the epoch, now by default)."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign_object(
        {"c": consultation.pk, "t": time.time() if at is None else at}
    )


class EntryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, entry: DossierEntry) -> str:
        return f"{entry.nominee_name} – {entry.award_type.name}"


class CommentForm(forms.Form):
    author_name = forms.CharField(
        label=gettext_lazy("Họ và tên"), max_length=200,
        help_text=gettext_lazy("Được đăng kèm ý kiến khi ý kiến được duyệt."),
    )  # fmt: skip
    contact = forms.CharField(
        label=gettext_lazy("Số điện thoại hoặc thư điện tử"), max_length=200, required=False,
        help_text=gettext_lazy("Không đăng công khai; chỉ để Ban Thi đua - Khen thưởng liên hệ khi cần."),
    )  # fmt: skip
    entry = EntryChoiceField(
        label=gettext_lazy("Góp ý về"), queryset=DossierEntry.objects.none(), required=False,
        empty_label=gettext_lazy("Ý kiến chung về đợt lấy ý kiến"),
    )  # fmt: skip
    body = forms.CharField(
        label=gettext_lazy("Nội dung góp ý"), min_length=BODY_MIN, max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )  # fmt: skip
    website = forms.CharField(label=gettext_lazy("Để trống ô này"), required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, consultation: Consultation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["entry"].queryset = consultation.entries.select_related("award_type").order_by("pk")
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if not self.is_bound:
            self.initial["token"] = issue_token(consultation)

    @property
    def public_fields(self) -> list:
        """The fields people fill (the honeypot and the token are rendered apart)."""
        return [self[name] for name in ("author_name", "contact", "entry", "body")]

    def refresh_token(self) -> None:
        """A new timestamp for a form shown again after a refusal."""
        data = self.data.copy()
        data["token"] = issue_token(self.consultation)
        self.data = data

    def spam_code(self) -> str | None:
        """Why the form looks sent by a machine, or None. Checked before anything is written."""
        if (self.data.get(HONEYPOT) or "").strip():
            return HONEYPOT_HIT
        try:
            payload = signing.TimestampSigner(salt=TOKEN_SALT).unsign_object(self.data.get("token", ""),
                                                                             max_age=MAX_AGE)  # fmt: skip
        except signing.SignatureExpired:
            return EXPIRED
        except signing.BadSignature:
            return EXPIRED
        if not isinstance(payload, dict) or payload.get("c") != self.consultation.pk:
            return EXPIRED
        age = time.time() - float(payload.get("t", 0))
        if age > MAX_AGE:
            return EXPIRED
        if age < MIN_SECONDS:
            return TOO_FAST
        return None

    def spam_message(self, code: str) -> str:
        if code == TOO_FAST:
            return _("Ý kiến được gửi quá nhanh sau khi mở trang. Vui lòng đọc lại nội dung rồi bấm gửi lần nữa.")
        return _("Biểu mẫu đã quá hạn hoặc không hợp lệ. Vui lòng kiểm tra nội dung rồi bấm gửi lần nữa.")
