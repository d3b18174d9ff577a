from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "thidua.dossiers"
    label = "dossiers"
    verbose_name = _("Hồ sơ đề nghị khen thưởng")

    def ready(self) -> None:
        from thidua.audit.tracking import track

        # Ballot secrecy: who voted (VoteReceipt) is recorded by record_action as "đã bỏ phiếu" only, and the
        # counters of an item never enter the log (they change by UPDATE … + 1 and are excluded here).
        untracked = {"votereceipt"}
        exclude = {
            "agendaitem": ("votes_for", "votes_against"),
            "consultationcomment": ("sender_hash",),
        }
        mask = {"consultationcomment": ("contact",)}
        for model in self.get_models():
            name = model._meta.model_name
            if name in untracked:
                continue
            track(model, exclude=exclude.get(name, ()), mask=mask.get(name, ()))
