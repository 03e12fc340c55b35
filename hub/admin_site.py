"""The curation site every app's admin registers with, and the safety every admin shares.

``HubAdminSite`` replaces Django's default site (``hub.apps.HubAdminConfig``), so
``@admin.register`` in any app lands here. Each ModelAdmin it registers, and each of its
inlines, gets ``SafeAdminMixin``:

- an autocomplete field redrawn after a rejected submission shows only the values that can
  be ids of its model: ``trainers=on`` or ``instrument=1e309`` become a form error ("select a
  valid choice"), not a query that fails with a 500;
- a changelist asked for a date the database cannot hold (``?created_at__year=99999``) or a
  value its column cannot compare is a 400 page, not a 500.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import DataError
from django.db.models import Field, Model
from django.forms import Field as FormField
from django.forms import Widget
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hub.access import second_factor_gate, second_factor_used
from hub.forms import AdminSignInForm


def is_valid_key(field: Field, value: object) -> bool:
    """True if ``value`` could be stored in ``field`` (right type, within the column's range)."""
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


class SafeAutocompleteMixin:
    def optgroups(self, name: str, value: list[str], attr: dict | None = None) -> list:
        opts = self.field.remote_field.model._meta
        target = opts.get_field(getattr(self.field.remote_field, "field_name", opts.pk.attname))
        valid = [v for v in value if is_valid_key(target, v)]
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(SafeAutocompleteMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(SafeAutocompleteMixin, AutocompleteSelectMultiple):
    pass


SAFE_WIDGETS = {
    AutocompleteSelect: SafeAutocompleteSelect,
    AutocompleteSelectMultiple: SafeAutocompleteSelectMultiple,
}


def make_widget_safe(widget: Widget) -> None:
    inner = getattr(widget, "widget", widget)  # RelatedFieldWidgetWrapper wraps the select
    if type(inner) in SAFE_WIDGETS:
        inner.__class__ = SAFE_WIDGETS[type(inner)]


class BadChangelistFilter(Exception):
    """A changelist filter value the database cannot hold or compare with its column."""


class SafeAdminMixin:
    def formfield_for_dbfield(
        self, db_field: Field, request: HttpRequest, **kwargs: object
    ) -> FormField | None:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            make_widget_safe(formfield.widget)
        return formfield

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        # Building the changelist parses the filters (a date hierarchy's year, month and day
        # become dates) and runs the count and result queries.
        try:
            return super().get_changelist_instance(request)
        except (ValueError, OverflowError, ValidationError, DataError) as error:
            raise BadChangelistFilter(str(error)) from error

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        try:
            response = super().changelist_view(request, extra_context)
            # Rendered here, where a query the template runs can still become a 400.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        except (BadChangelistFilter, DataError):
            return render(request, "400.html", status=400)
        return response


def with_safety(admin_class: type) -> type:
    if issubclass(admin_class, SafeAdminMixin):
        return admin_class
    safe = type(admin_class.__name__, (SafeAdminMixin, admin_class), {})
    safe.__module__ = admin_class.__module__
    safe.__qualname__ = admin_class.__qualname__
    safe.__doc__ = admin_class.__doc__
    if hasattr(admin_class, "inlines"):
        safe.inlines = [with_safety(inline) for inline in admin_class.inlines]
    return safe


class HubAdminSite(admin.AdminSite):
    site_header = "Global Hub curation"
    site_title = "Global Hub curation"
    index_title = "Catalogue, training, legislation and members"
    login_form = AdminSignInForm

    def register(
        self,
        model_or_iterable: type[Model] | Iterable[type[Model]],
        admin_class: type[admin.ModelAdmin] | None = None,
        **options: object,
    ) -> None:
        admin_class = with_safety(admin_class or admin.ModelAdmin)
        super().register(model_or_iterable, admin_class, **options)

    # The curation site opens only to a session that has used a second factor: a staff member
    # without one is sent to the second step, or to set one up, with the reason.

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and second_factor_used(request.user)

    def _second_factor_first(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            return second_factor_gate(request)
        return None

    def admin_view(self, view: Callable, cacheable: bool = False) -> Callable:
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            return self._second_factor_first(request) or inner(request, *args, **kwargs)

        return wrapper

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        return self._second_factor_first(request) or super().login(request, extra_context)
