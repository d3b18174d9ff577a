"""Staff pages of the giấy xác nhận khen thưởng (extracts of a person's or a unit's award history)."""

from django.urls import path

from thidua.decisions import recipient_views as views

app_name = "extracts"

urlpatterns = [
    path("extracts/", views.ExtractListView.as_view(), name="list"),
    path("extracts/new/", views.ExtractCreateView.as_view(), name="create"),
    path("extracts/<int:pk>/", views.ExtractDetailView.as_view(), name="detail"),
    path("extracts/<int:pk>/document.<str:fmt>", views.ExtractDocumentView.as_view(), name="document"),
]
