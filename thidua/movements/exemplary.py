"""Exemplary models (mô hình hay, điển hình tiên tiến, người tốt việc tốt): units and the media submit them, the board
curates them and marks the accepted ones it publishes on the portal.

Every write is one of these functions: keyword arguments, the acting user as ``by``, one transaction, ``full_clean``
before saving and an audit row (``movements.exemplarymodel.<action>``). Permission checks are the callers' (views and
API, with ``thidua.movements.rules``); these functions check the data and the transition. Turning an accepted model
into a nomination entry lives in ``thidua.dossiers.services`` (movements never imports dossiers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.context import acting_as
from thidua.audit.services import record_action
from thidua.core.models import StoredFile
from thidua.core.uploads import IMAGES, discard, store_upload, validate_upload
from thidua.core.writes import acting_user, page_url
from thidua.movements.enums import ExemplaryState, MovementState
from thidua.movements.models import ExemplaryModel, Movement, MovementContent
from thidua.notifications.services import notify
from thidua.orgs.models import OrgUnit, Person

MAX_PHOTOS = 10
# What the submitter side may change while the model waits for (or came back from) the board.
EDITABLE_FIELDS = frozenset({"kind", "title", "story", "movement", "content", "subject_person", "subject_unit",
                             "subject_name"})  # fmt: skip
EDITABLE_STATES = frozenset({ExemplaryState.SUBMITTED, ExemplaryState.NEEDS_MORE})
REVIEW_STATES = frozenset({ExemplaryState.ACCEPTED, ExemplaryState.NEEDS_MORE, ExemplaryState.DECLINED})


def _check_links(model: ExemplaryModel) -> None:
    """The movement is launched (or closed), the content item is one of its contents, the subject is one."""
    errors: dict[str, str] = {}
    movement: Movement | None = model.movement
    content: MovementContent | None = model.content
    if content is not None and model.movement_id is None:
        model.movement = movement = content.movement
    if movement is not None and movement.state == MovementState.DRAFT:
        errors["movement"] = _("Phong trào “%(movement)s” chưa được phát động.") % {"movement": movement.title}
    if content is not None and content.movement_id != model.movement_id:
        errors["content"] = _("Nội dung này không thuộc phong trào đã chọn.")
    if model.subject_person_id and model.subject_unit_id:
        errors["subject_unit"] = _("Chỉ chọn một cá nhân hoặc một tập thể.")
    elif not (model.subject_person_id or model.subject_unit_id or model.subject_name.strip()):
        errors["subject_name"] = _("Hãy chọn cá nhân, tập thể hoặc nhập tên.")
    if errors:
        raise ValidationError(errors)


def _validate_photos(photos: Sequence, *, already: int) -> list:
    """Check every new photo before any is stored (a bad one leaves nothing behind) and the count limit."""
    if already + len(photos) > MAX_PHOTOS:
        raise ValidationError(
            {"photos": _("Chỉ được gửi tối đa %(count)d ảnh.") % {"count": MAX_PHOTOS}}
        )  # fmt: skip
    return [validate_upload(photo, allowed=IMAGES, field="photos") for photo in photos]


def _store_photos(checked: list, *, by, stored: list[StoredFile]) -> list[StoredFile]:
    for item in checked:
        stored.append(store_upload(item, by=by, allowed=IMAGES, field="photos"))
    return stored


def submit_exemplary_model(
    *,
    by,
    proposing_unit: OrgUnit,
    kind: str,
    title: str,
    story: str,
    movement: Movement | None = None,
    content: MovementContent | None = None,
    subject_person: Person | None = None,
    subject_unit: OrgUnit | None = None,
    subject_name: str = "",
    photos: Sequence = (),
) -> ExemplaryModel:
    """A unit (or the media) puts forward a model or an example; it waits for the board as "submitted"."""
    checked = _validate_photos(list(photos), already=0)
    stored: list[StoredFile] = []
    try:
        with transaction.atomic(), acting_as(by):
            model = ExemplaryModel(
                kind=kind, title=title, story=story, movement=movement, content=content,
                proposing_unit=proposing_unit, subject_person=subject_person, subject_unit=subject_unit,
                subject_name=subject_name or "", submitted_by=acting_user(by),
                state=ExemplaryState.SUBMITTED,
            )  # fmt: skip
            _check_links(model)
            model.full_clean()
            model.save()
            if checked:
                model.photos.add(*_store_photos(checked, by=by, stored=stored))
            record_action(model, code="movements.exemplarymodel.submitted", by=by,
                          data={"photos": len(stored)})  # fmt: skip
    except Exception:
        discard(stored)
        raise
    return model


def update_exemplary_model(
    model: ExemplaryModel, *, by, add_photos: Sequence = (), remove_photos: Iterable = (), **fields
) -> ExemplaryModel:
    """The submitter side revises a model the board has not accepted or declined; a model sent back for more goes
    back to the board ("submitted") with the revision."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Unknown fields for ExemplaryModel: {sorted(unknown)}")
    remove_ids = {str(getattr(item, "pk", item)) for item in remove_photos}
    stored: list[StoredFile] = []
    try:
        with transaction.atomic(), acting_as(by):
            model = ExemplaryModel.objects.select_for_update().get(pk=model.pk)
            if model.state not in EDITABLE_STATES:
                raise ValidationError(
                    _("Mô hình, điển hình ở trạng thái “%(state)s” không sửa được nữa.")
                    % {"state": model.get_state_display()}
                )
            current = {str(pk) for pk in model.photos.values_list("pk", flat=True)}
            if remove_ids - current:
                raise ValidationError({"remove_photos": _("Ảnh cần xóa không thuộc mô hình, điển hình này.")})
            checked = _validate_photos(list(add_photos), already=len(current - remove_ids))
            previous_state = model.state
            changed = [name for name, value in fields.items() if getattr(model, name) != value]
            for name, value in fields.items():
                setattr(model, name, (value or "") if name == "subject_name" else value)
            moved = "movement" in fields and "content" not in fields and model.content_id
            if moved and model.content.movement_id != model.movement_id:
                model.content = None  # the old content item belongs to the old movement
            _check_links(model)
            if previous_state == ExemplaryState.NEEDS_MORE:
                model.state = ExemplaryState.SUBMITTED
            model.full_clean()
            model.save()
            removed = list(StoredFile.objects.filter(pk__in=remove_ids))
            if removed:
                model.photos.remove(*removed)
                StoredFile.objects.filter(pk__in=remove_ids).delete()
            if checked:
                model.photos.add(*_store_photos(checked, by=by, stored=stored))
            record_action(
                model, code="movements.exemplarymodel.updated", by=by,
                data={"changed": changed, "photos_added": len(stored), "photos_removed": len(removed),
                      "from": previous_state, "to": model.state},
            )  # fmt: skip
            # The bytes of removed photos go once the rows are gone for good.
            transaction.on_commit(lambda: discard(removed))
    except Exception:
        discard(stored)
        raise
    return model


@transaction.atomic
def review_exemplary_model(model: ExemplaryModel, *, by, state: str, note: str = "") -> ExemplaryModel:
    """The board accepts a submitted model, sends it back for more, or declines it (a note says why); the submitter
    is told."""
    if state not in REVIEW_STATES:
        raise ValidationError({"state": _("Chọn kết quả xem xét: công nhận, cần bổ sung hoặc không công nhận.")})
    note = (note or "").strip()
    if state != ExemplaryState.ACCEPTED and not note:
        raise ValidationError({"note": _("Hãy ghi ý kiến khi yêu cầu bổ sung hoặc không công nhận.")})
    model = ExemplaryModel.objects.select_for_update().get(pk=model.pk)
    if model.state != ExemplaryState.SUBMITTED:
        raise ValidationError(
            _("Chỉ xem xét được mô hình, điển hình đang chờ xem xét (hiện: “%(state)s”).")
            % {"state": model.get_state_display()}
        )
    previous_state = model.state
    model.state = state
    model.board_note = note
    model.reviewed_at = timezone.now()
    model.reviewed_by = acting_user(by)
    if state != ExemplaryState.ACCEPTED:
        model.publish = False
    with acting_as(by):
        model.full_clean()
        model.save()
        record_action(model, code="movements.exemplarymodel.reviewed", by=by, reason=note,
                      data={"from": previous_state, "to": state})  # fmt: skip
    if model.submitted_by is not None:
        notify(
            [model.submitted_by],
            code="movements.exemplary_reviewed",
            title=_("Mô hình “%(title)s”: %(state)s") % {"title": model.title, "state": model.get_state_display()},
            body=note,
            url=page_url("movements:exemplary-detail", model.pk),
        )
    return model


@transaction.atomic
def set_publication(model: ExemplaryModel, *, by, publish: bool) -> ExemplaryModel:
    """Mark an accepted model for the portal, or take it off."""
    model = ExemplaryModel.objects.select_for_update().get(pk=model.pk)
    if publish and model.state != ExemplaryState.ACCEPTED:
        raise ValidationError({"publish": _("Chỉ đăng được mô hình, điển hình đã được công nhận.")})
    if model.publish == bool(publish):
        return model
    model.publish = bool(publish)
    with acting_as(by):
        model.full_clean()
        model.save()
        record_action(model, code="movements.exemplarymodel.published" if publish
                      else "movements.exemplarymodel.unpublished", by=by)  # fmt: skip
    return model
