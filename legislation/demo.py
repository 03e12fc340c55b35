"""Initial data for ``manage.py seed_demo``.

Unlike the other apps' demo data, nothing here is fictional: the tracker ships real
instruments with their sources (legislation/data.py), so none of it carries a demo badge.
Reference data (jurisdictions, topics, criteria) comes from the migrations.
"""

from legislation import services


def seed(*, stdout) -> None:
    services.reference_data_ensure()
    services.shipped_data_load(stdout=stdout)
