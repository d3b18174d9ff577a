"""Reminders to late units: on demand and by the scheduled job (in-app notification and e-mail)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import user_with_role
from tests.movements.conftest import AS_OF
from thidua.core.periodic import registered, run_all
from thidua.movements import services
from thidua.movements.models import Movement, Registration, Reminder
from thidua.movements.periodic import remind_late_units_task
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def minh_duc_head(wards):
    return user_with_role("unit_head", wards["minh_duc"], username="truong.minhduc", full_name="Đỗ Thị Mai",
                          email="mai@thidua.test")  # fmt: skip


def reminded(reminders) -> dict[str, list[str]]:
    return {reminder.unit.name: [item["kind"] for item in reminder.overdue] for reminder in reminders}


def test_send_reminders_reaches_each_late_unit_with_what_is_overdue(answered, board_officer):
    reminders = services.send_reminders(answered, by=board_officer, as_of=AS_OF)

    # Lê Chân is late with its plan but sent it, and its last report is not due: nothing to remind.
    assert reminded(reminders) == {
        "Huyện Thủy Nguyên": ["registration", "plan"],
        "Thị trấn Minh Đức": ["plan", "report"],
        "Phường An Biên": ["report"],
        "Phường Hồ Nam": ["plan"],
    }
    assert Reminder.objects.filter(movement=answered, sent_by=board_officer).count() == 4


def test_send_reminders_tells_the_unit_officers_in_the_app_and_by_mail(answered, thuy_nguyen_officer, minh_duc_head,
                                                                       le_chan_officer,
                                                                       django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reminders(answered, by=None, as_of=AS_OF)

    told = Notification.objects.filter(code="movements.reminder").order_by("user__username")
    assert [(n.user.username, n.url) for n in told] == [("canbo.thuynguyen", "/app/movements/owed/"),
                                                        ("truong.minhduc", "/app/movements/owed/")]  # fmt: skip
    assert told[1].body == (
        "Thị trấn Minh Đức chưa gửi những nội dung đã quá hạn sau của phong trào “Phong trào thi đua “Mục tiêu "
        "kép””:\n- Kế hoạch hưởng ứng (hạn 15/11/2021)\n- Sơ kết 6 tháng (hạn 30/06/2022)"
    )
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("mai@thidua.test", "Nhắc việc quá hạn: Phong trào thi đua “Mục tiêu kép”"),
        ("nam@thidua.test", "Nhắc việc quá hạn: Phong trào thi đua “Mục tiêu kép”"),
    ]


def test_send_reminders_counts_the_recipients(answered, thuy_nguyen_officer, minh_duc_head):
    reminders = services.send_reminders(answered, by=None, as_of=AS_OF)

    assert {r.unit.name: r.recipients for r in reminders} == {
        "Huyện Thủy Nguyên": 1, "Thị trấn Minh Đức": 1, "Phường An Biên": 0, "Phường Hồ Nam": 0,
    }  # fmt: skip


def test_send_reminders_to_chosen_units_only(answered, wards):
    reminders = services.send_reminders(answered, by=None, units=[wards["minh_duc"], wards["le_chan"]], as_of=AS_OF)

    assert reminded(reminders) == {"Thị trấn Minh Đức": ["plan", "report"]}


def test_send_reminders_marks_the_overdue_answers(answered, wards):
    services.send_reminders(answered, by=None, as_of=AS_OF)

    thuy_nguyen = Registration.objects.get(movement=answered, unit=wards["thuy_nguyen"])
    le_chan = Registration.objects.get(movement=answered, unit=wards["le_chan"])
    assert (thuy_nguyen.last_reminded_at is not None, le_chan.last_reminded_at) == (True, None)


def test_send_reminders_before_any_deadline_sends_nothing(answered, le_chan_officer):
    reminders = services.send_reminders(answered, by=None, as_of=dt.date(2021, 10, 31))

    assert (reminders, Notification.objects.count(), Reminder.objects.count()) == ([], 0, 0)


def test_send_reminders_refuses_a_draft(draft):
    with pytest.raises(ValidationError) as error:
        services.send_reminders(draft, by=None, as_of=AS_OF)

    assert error.value.messages == ["Phong trào “Phong trào thi đua “Mục tiêu kép”” chưa phát động hoặc đã kết thúc."]


def test_remind_late_units_skips_a_unit_reminded_recently(answered, wards):
    services.send_reminders(answered, by=None, units=[wards["thuy_nguyen"]], as_of=AS_OF)

    sent = services.remind_late_units(as_of=AS_OF)

    assert sent == 3
    assert Reminder.objects.filter(unit=wards["thuy_nguyen"]).count() == 1


def test_remind_late_units_reminds_again_after_the_pause(answered, wards):
    services.send_reminders(answered, by=None, units=[wards["thuy_nguyen"]], as_of=AS_OF)
    Reminder.objects.update(sent_at=dt.datetime(2022, 7, 12, 9, 0, tzinfo=dt.UTC))

    sent = services.remind_late_units(as_of=AS_OF, min_days_between=3)

    assert sent == 4
    assert Reminder.objects.filter(unit=wards["thuy_nguyen"]).count() == 2


def test_remind_late_units_leaves_drafts_and_closed_movements(answered, draft):
    services.close_movement(answered, by=None)

    assert services.remind_late_units(as_of=AS_OF) == 0


def test_remind_late_units_stops_three_months_after_the_period(answered):
    after = answered.period_end + dt.timedelta(days=services.REMINDER_DAYS_AFTER_PERIOD + 1)

    assert services.remind_late_units(as_of=after) == 0
    assert len(services.send_reminders(answered, by=None, as_of=after)) == 5  # on demand, still


def test_reminders_are_a_registered_periodic_task():
    assert registered()["movements.remind_late_units"] is remind_late_units_task


def test_run_all_runs_the_reminders(answered, wards):
    # Today every deadline of the scene has passed, and each unit has something unsent (Hồ Nam its returned plan);
    # the movement still runs.
    Movement.objects.filter(pk=answered.pk).update(period_end=timezone.localdate() + dt.timedelta(days=30))
    [result] = run_all(only=["movements.remind_late_units"])

    assert (result.ok, result.message) == (True, "đã gửi 5 lời nhắc đến đơn vị chậm")
    assert Reminder.objects.filter(sent_by=None).count() == 5
    [again] = run_all(only=["movements.remind_late_units"])
    assert again.message == "đã gửi 0 lời nhắc đến đơn vị chậm"
