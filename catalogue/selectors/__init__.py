"""Reads of the catalogue, one module per page (the URL names the module):

=========================  ===================================================
``/``                      ``home``: the stages as entry points
``/search/``               ``search``: the catalogue's part of the site search
``/tools/``                ``listing``: facets, counts, chips, one page of cards
``/tools/<slug>/``         ``detail``: one tool with its terms, related tools
``/tools/compare/``        ``compare``: tools side by side
``/tools/export.csv|json`` ``export``: the whole filtered list
``/tools/shortlists/``     ``shortlists``: a member's shortlists and items
``/tools/submissions/``    ``submissions``: a member's own submissions
(shared)                   ``terms`` (taxonomy), ``cache`` (version and keys),
                           ``viewer`` (who reads, and their access level)
=========================  ===================================================

The functions other code calls are importable from ``catalogue.selectors`` itself, as the
site-wide search expects (``<app>.selectors.site_search``).
"""

from catalogue.selectors.cache import (
    LIST_CACHE_SECONDS,
    catalogue_changed,
    catalogue_version,
    list_cache_key,
    whole_page_cache_key,
)
from catalogue.selectors.compare import CompareRow, compare_rows, tools_for_compare
from catalogue.selectors.detail import related_tools, tool_by_slug, tools_with_terms
from catalogue.selectors.export import export_columns, export_row, tools_for_export
from catalogue.selectors.home import stage_entry_points
from catalogue.selectors.listing import PER_PAGE, ToolList, tool_list
from catalogue.selectors.search import site_search
from catalogue.selectors.shortlists import shortlist_items, shortlists_of
from catalogue.selectors.submissions import submissions_of
from catalogue.selectors.terms import Term, attach_term_names, taxonomy_terms
from catalogue.selectors.viewer import Viewer, access_level, can_see_restricted

__all__ = [
    "LIST_CACHE_SECONDS",
    "PER_PAGE",
    "CompareRow",
    "Term",
    "ToolList",
    "Viewer",
    "access_level",
    "attach_term_names",
    "can_see_restricted",
    "catalogue_changed",
    "catalogue_version",
    "compare_rows",
    "export_columns",
    "export_row",
    "list_cache_key",
    "related_tools",
    "shortlist_items",
    "shortlists_of",
    "site_search",
    "stage_entry_points",
    "submissions_of",
    "taxonomy_terms",
    "tool_by_slug",
    "tool_list",
    "tools_for_compare",
    "tools_for_export",
    "tools_with_terms",
    "whole_page_cache_key",
]
