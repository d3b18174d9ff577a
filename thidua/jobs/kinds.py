"""Job kinds of the foundation. (Later apps keep theirs in their own ``jobs.py``.)"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.audit.services import record_action
from thidua.jobs.registry import JobContext, job_kind
from thidua.orgs.models import Person, PersonNameToken

# What Person.fill_derived_fields computes.
DERIVED_PERSON_FIELDS = ["full_name", "family_name", "middle_name", "given_name", "name_folded", "sort_key",
                         "birth_year"]  # fmt: skip


@job_kind("orgs.reindex_people", title=gettext_lazy("Lập lại chỉ mục tìm kiếm cá nhân"), atomic=False)
def reindex_people(job: JobContext, *, batch_size: int = 1000) -> dict:
    """Recompute every person's folded name, sort key and search tokens, in batches committed one by one.

    After a change to the folding or the sort order, or a bulk load that skipped them. Each batch locks its rows,
    so an edit made meanwhile is not overwritten; a failure keeps the batches done (each is consistent) and the job
    can simply be run again. Derived fields are not audited; one row records who rebuilt the index.
    """
    total = Person.objects.count()
    job.progress(0, total, _("Bắt đầu lập chỉ mục %(total)d cá nhân") % {"total": total})
    done = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            people = list(Person.objects.select_for_update().filter(pk__gt=last_pk).order_by("pk")[:batch_size])
            if not people:
                break
            for person in people:
                person.fill_derived_fields()
            Person.objects.bulk_update(people, DERIVED_PERSON_FIELDS)
            ids = [person.pk for person in people]
            PersonNameToken.objects.filter(person_id__in=ids).delete()
            PersonNameToken.objects.bulk_create([token for person in people for token in person.build_name_tokens()])
        done += len(people)
        last_pk = people[-1].pk
        total = max(total, done)  # people added while the job runs are indexed too
        job.progress(done, total, _("Đã lập chỉ mục %(done)d/%(total)d cá nhân") % {"done": done, "total": total})
    job.progress(done, done, _("Đã lập chỉ mục %(done)d cá nhân") % {"done": done})
    record_action(job.job, code="orgs.people.reindexed", by=None, data={"people": done})
    return {"people": done}
