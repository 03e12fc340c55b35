from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsibleConfig(AppConfig):
    name = "responsible"
    verbose_name = _("Responsible AI")

    def ready(self) -> None:
        from catalogue.panels import (
            register_compare_panel,
            register_facet_panel,
            register_submissions_panel,
            register_tool_panel,
        )
        from hub.data_rights import register_account_data
        from responsible import account_data, panels

        register_account_data(
            "responsible", export=account_data.export, erase=account_data.erase, order=30
        )

        register_tool_panel(
            "responsible-ai",
            template=panels.TOOL_PANEL_TEMPLATE,
            context_fn=panels.tool_panel_context,
            order=5,
        )
        register_compare_panel(
            "responsible-ai",
            template=panels.COMPARE_TEMPLATE,
            context_fn=panels.compare_context,
            order=5,
        )
        register_facet_panel(
            "responsible-wellbeing",
            facet="exposure",
            template=panels.FACET_WELLBEING_TEMPLATE,
            context_fn=panels.exposure_facet_context,
        )
        register_submissions_panel(
            "responsible-proposals",
            template=panels.SUBMISSIONS_TEMPLATE,
            context_fn=panels.submissions_context,
            order=5,
        )
