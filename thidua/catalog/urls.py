from django.urls import path

from thidua.catalog import views

app_name = "catalog"

urlpatterns = [
    path("catalog/award-types/", views.AwardTypeListView.as_view(), name="award-type-list"),
    path("catalog/authorities/", views.AuthorityListView.as_view(), name="authority-list"),
    path("catalog/base-salaries/", views.BaseSalaryListView.as_view(), name="base-salary-list"),
]
