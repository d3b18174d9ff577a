"""Staff pages of the history under /app/records/ (namespace "records")."""

from django.urls import path

from thidua.records import views

app_name = "records"

urlpatterns = [
    path("records/awards/", views.AwardListView.as_view(), name="award-list"),
    path("records/people/<int:pk>/timeline/", views.PersonTimelineView.as_view(), name="timeline-person"),
    path("records/units/<int:pk>/timeline/", views.UnitTimelineView.as_view(), name="timeline-unit"),
    path("records/people/<int:pk>/ratings/new/", views.PersonRatingCreateView.as_view(), name="rating-create-person"),
    path("records/units/<int:pk>/ratings/new/", views.UnitRatingCreateView.as_view(), name="rating-create-unit"),
    path("records/people/<int:pk>/awards/new/", views.PersonAwardCreateView.as_view(), name="award-create-person"),
    path("records/units/<int:pk>/awards/new/", views.UnitAwardCreateView.as_view(), name="award-create-unit"),
    path(
        "records/people/<int:pk>/initiatives/new/",
        views.PersonInitiativeCreateView.as_view(),
        name="initiative-create-person",
    ),
    path(
        "records/units/<int:pk>/initiatives/new/",
        views.UnitInitiativeCreateView.as_view(),
        name="initiative-create-unit",
    ),
    path(
        "records/people/<int:pk>/disciplines/new/",
        views.PersonDisciplineCreateView.as_view(),
        name="discipline-create-person",
    ),
    path(
        "records/units/<int:pk>/disciplines/new/",
        views.UnitDisciplineCreateView.as_view(),
        name="discipline-create-unit",
    ),
]
