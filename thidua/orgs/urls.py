from django.urls import path

from thidua.orgs import views

app_name = "orgs"

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("units/", views.UnitListView.as_view(), name="unit-list"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("units/<int:pk>/children/", views.UnitChildrenView.as_view(), name="unit-children"),
    path("units/<int:pk>/edit/", views.UnitEditView.as_view(), name="unit-edit"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/new/", views.PersonCreateView.as_view(), name="person-create"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("people/<int:pk>/edit/", views.PersonEditView.as_view(), name="person-edit"),
    path("people/<int:pk>/memberships/new/", views.MembershipCreateView.as_view(), name="membership-create"),
    path("memberships/<int:pk>/end/", views.MembershipEndView.as_view(), name="membership-end"),
    path("clusters/", views.ClusterListView.as_view(), name="cluster-list"),
    path("clusters/<int:pk>/", views.ClusterDetailView.as_view(), name="cluster-detail"),
]
