import pytest

from tests.training.factories import CourseFactory, SessionFactory


@pytest.fixture
def course(db):
    return CourseFactory()


@pytest.fixture
def session(course):
    return SessionFactory(course=course)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (the emails) as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
