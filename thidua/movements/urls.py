"""Staff pages of the movements app under /app/. Movements and answers are listed here; exemplary models and the
cluster pages (covenants, score sheets) keep their patterns beside their views and are included below, in the same
"movements" namespace."""

from django.urls import include, path

app_name = "movements"

urlpatterns = [
    path("", include("thidua.movements.exemplary_urls")),
    path("", include("thidua.movements.cluster_urls")),
]
