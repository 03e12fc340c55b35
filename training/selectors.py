def site_search(*, query: str, user, limit: int = 5) -> list[dict]:
    """Results of the site-wide search: dicts with title, url and summary."""
    return []
