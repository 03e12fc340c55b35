def site_search(*, query: str, user, limit: int = 5) -> list[dict]:
    """Results of the site-wide search: dicts with title, url and summary."""
    return []


def stage_entry_points() -> list:
    """The workflow stages for the home page, in order, each with ``tool_count``."""
    return []
