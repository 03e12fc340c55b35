"""The number of queries of each list and detail page is the same for 3 rows and for 12."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from tests.training.factories import CourseFactory, EnrolmentFactory, SessionFactory, make_tool

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def grow(user, trainer, course, tool, n):
    for _ in range(n):
        other = CourseFactory()
        other.tools.add(tool)
        SessionFactory(course=other)
        session = SessionFactory(course=course, trainers=[trainer, UserFactory(trainer=True)])
        EnrolmentFactory(session=session, user=user)
        EnrolmentFactory(session=course.sessions.first(), user=UserFactory(verified=True))


def test_pages_cost_the_same_for_more_rows(client_for):
    user, trainer = UserFactory(verified=True), UserFactory(trainer=True)
    course, tool = CourseFactory(), make_tool(name="Growth tool")
    course.tools.add(tool)
    client, trainer_client = client_for(user), client_for(trainer)
    pages = lambda: [  # noqa: E731
        (client, reverse("training:course-list")),
        (client, course.get_absolute_url()),
        (client, reverse("training:my-training")),
        (trainer_client, reverse("training:teach-sessions")),
        (trainer_client, reverse("training:roster", args=[course.sessions.first().pk])),
    ]
    grow(user, trainer, course, tool, 3)
    small = [count_queries(c, url) for c, url in pages()]
    grow(user, trainer, course, tool, 9)
    large = [count_queries(c, url) for c, url in pages()]
    assert small == large
