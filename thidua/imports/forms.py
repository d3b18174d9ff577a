from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.imports.base import importers


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại dữ liệu"))
    file = forms.FileField(label=_("Tệp"), help_text=_("Tệp Excel (.xlsx) hoặc CSV theo mẫu; dòng đầu là tiêu đề cột."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(i.kind, i.title) for i in importers()]
