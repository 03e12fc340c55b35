"""The courses that teach a tool, on the catalogue's tool page (a panel training registers)."""

import pytest

from catalogue.panels import registered_panels
from tests.training.factories import CourseFactory, SessionFactory, make_tool

pytestmark = pytest.mark.django_db


def test_the_tool_page_lists_the_courses_that_teach_it(client):
    assert "training-courses" in [panel.name for panel in registered_panels()]
    tool = make_tool(name="Panel hasher")
    course = CourseFactory(title="Hashing for investigators")
    course.tools.add(tool)
    SessionFactory(course=course)
    CourseFactory(title="Unpublished course", is_published=False).tools.add(tool)
    page = client.get(tool.get_absolute_url()).content.decode()
    assert "Courses that teach this tool" in page
    assert "Hashing for investigators" in page and "Unpublished course" not in page


def test_no_courses_no_panel(client):
    tool = make_tool(name="Untaught")
    assert "Courses that teach this tool" not in client.get(tool.get_absolute_url()).text
