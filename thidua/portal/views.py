"""The public portal at the site root, no login: home, movements, exemplary models (with their photos), the honour
roll, search, the verification box, robots.txt and sitemap.xml.

Every read comes from ``thidua.portal.queries`` (the public subsets); anything else, a draft movement or a model not
published, is a 404 whether it exists or not. Lists page by keyset, never by OFFSET or COUNT.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from thidua.core.pagination import KeysetPaginator
from thidua.core.uploads import file_response
from thidua.decisions.certificates import normalise_code
from thidua.movements.models import Movement
from thidua.portal import queries

HOME_MOVEMENTS = 6
HOME_MODELS = 6
HOME_HONOUREES = 10
HOME_CONSULTATIONS = 5
PAGE_SIZE = 30
# Photos of a published model may be taken down: a browser keeps them an hour at most.
PHOTO_MAX_AGE = 3600
# Years a visitor may filter the honour roll by (a bad value shows every year).
FIRST_YEAR = 1945


class PortalView(TemplateView):
    """A portal page: ``portal_section`` marks the current item of the portal's menu."""

    portal_section = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["portal_section"] = self.portal_section
        # One address per page for search engines: the page without its query string (filters, cursors).
        context["canonical_url"] = self.request.build_absolute_uri(self.request.path)
        return context


class HomeView(PortalView):
    template_name = "portal/home.html"
    portal_section = "home"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            movements=list(queries.public_movements().order_by("-period_start", "-pk")[:HOME_MOVEMENTS]),
            models=list(queries.published_models()[:HOME_MODELS]),
            honourees=list(queries.honour_roll().order_by("-decision__signed_on", "-pk")[:HOME_HONOUREES]),
            consultations=list(queries.open_consultations()[:HOME_CONSULTATIONS]),
        )
        return context


class MovementListView(PortalView):
    template_name = "portal/movement_list.html"
    portal_section = "movements"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        paginator = KeysetPaginator(queries.public_movements(), key="period_start", per_page=PAGE_SIZE,
                                    descending=True)  # fmt: skip
        context["page"] = paginator.page(self.request.GET)
        return context


class MovementDetailView(PortalView):
    template_name = "portal/movement_detail.html"
    portal_section = "movements"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            movement = queries.movement_page(self.kwargs["pk"])
        except Movement.DoesNotExist:
            raise Http404 from None
        context.update(
            movement=movement,
            models=list(queries.published_models().filter(movement=movement)[:HOME_MODELS]),
        )
        return context


class ModelListView(PortalView):
    template_name = "portal/model_list.html"
    portal_section = "models"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        paginator = KeysetPaginator(queries.published_models(), key="created_at", per_page=PAGE_SIZE,
                                    descending=True)  # fmt: skip
        context["page"] = paginator.page(self.request.GET)
        return context


class ModelDetailView(PortalView):
    template_name = "portal/model_detail.html"
    portal_section = "models"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        model = get_object_or_404(queries.published_models(), pk=self.kwargs["pk"])
        context.update(model=model, photos=list(model.photos.all()))
        return context


class ModelPhotoView(View):
    """A photo of a published model; any other file id, or a model not (or no longer) published, is a 404."""

    def get(self, request: HttpRequest, pk: int, file_id) -> HttpResponse:
        model = get_object_or_404(queries.published_models(), pk=pk)
        photo = get_object_or_404(model.photos.all(), pk=file_id)
        if not photo.content_type.startswith("image/"):
            raise Http404
        response = file_response(photo, inline=True)
        response["Cache-Control"] = f"public, max-age={PHOTO_MAX_AGE}"
        return response


class HonourRollView(PortalView):
    template_name = "portal/honour_roll.html"
    portal_section = "honours"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = parse_year(self.request.GET.get("year", ""))
        paginator = KeysetPaginator(queries.honour_roll_for_year(year), key="decision__signed_on", per_page=PAGE_SIZE,
                                    descending=True)  # fmt: skip
        context.update(page=paginator.page(self.request.GET), year=year)
        return context


def parse_year(value: str) -> int | None:
    value = (value or "").strip()
    if not value.isdigit():
        return None
    year = int(value)
    return year if FIRST_YEAR <= year <= timezone.localdate().year + 1 else None


class SearchView(PortalView):
    template_name = "portal/search.html"
    portal_section = "search"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = (self.request.GET.get("q") or "").strip()[:100]
        context.update(query=query, results=queries.search(query) if query else None)
        return context


class VerifyFormView(PortalView):
    """The verification box: a code typed in (or pasted with the address) goes to the decisions app's /verify/<code>
    page; without a code, the form."""

    template_name = "portal/verify.html"
    portal_section = "verify"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        typed = (request.GET.get("code") or "").strip()
        # A visitor may paste the whole address printed under the QR code.
        code = normalise_code(typed.rstrip("/").rsplit("/", 1)[-1]) if typed else ""
        if code:
            return redirect("verify", code=code)
        return super().get(request, *args, **kwargs)


def robots_txt(request: HttpRequest) -> HttpResponse:
    content = render(request, "portal/robots.txt", {"sitemap": request.build_absolute_uri(reverse("portal:sitemap"))})
    content["Content-Type"] = "text/plain; charset=utf-8"
    return content


def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """The public pages a search engine should know: the lists, every public movement and published model."""
    movements = queries.public_movements().order_by("-period_start", "-pk").values_list("pk", "updated_at")
    models = queries.published_models().prefetch_related(None).values_list("pk", "updated_at")
    context = {
        "lists": ["home", "portal:movements", "portal:models", "portal:honours", "consultations_public:list"],
        "movements": [(pk, _day(modified)) for pk, modified in movements],
        "models": [(pk, _day(modified)) for pk, modified in models],
        "base": f"{request.scheme}://{request.get_host()}",
    }
    return render(request, "portal/sitemap.xml", context, content_type="application/xml; charset=utf-8")


def _day(value: dt.datetime | None) -> str:
    return value.date().isoformat() if value else ""
