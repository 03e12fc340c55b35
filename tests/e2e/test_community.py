"""Two verified members find each other in the directory by a tool they both know, connect
with double opt-in, and only then see each other's work email — in Chromium."""

from tests.catalogue.factories import ToolFactory
from tests.community.factories import ListedProfileFactory
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, UserFactory


def test_find_a_peer_by_tool_and_connect_with_double_opt_in(browser, live_server):
    tool = ToolFactory(name="HashHound", slug="hashhound")
    ToolFactory(name="Chat Watch", slug="chat-watch")
    asker = UserFactory(verified=True, full_name="Aino Asker", email="aino@police.test")
    peer = UserFactory(verified=True, full_name="Pedro Peer", email="pedro@police.test")
    ListedProfileFactory(user=peer, tools=[tool])
    ListedProfileFactory(user=UserFactory(verified=True, full_name="Olaf Unrelated"))

    def context_for(user):
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(10_000)
        page = context.new_page()
        sign_in(page, user.email, PASSWORD)
        return context, page

    # The asker finds the peer through the directory, filtered by the tool.
    asker_context, page = context_for(asker)
    page.goto("/community/")
    page.get_by_label("Tool used").select_option(label="HashHound")
    page.get_by_role("button", name="Show members").click()
    page.get_by_role("heading", name="1 member").wait_for()
    assert page.get_by_text("Olaf Unrelated").count() == 0
    page.get_by_role("link", name="Ask to connect with Pedro Peer").click()
    page.get_by_label("Your message").fill("Hello Pedro, how do you refresh hash lists?")
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("Your request is sent").wait_for()
    assert "pedro@police.test" not in page.content()

    # The peer sees the request without the asker's address, and accepts.
    peer_context, peer_page = context_for(peer)
    peer_page.goto("/community/connections/")
    peer_page.get_by_text("how do you refresh hash lists?").wait_for()
    assert "aino@police.test" not in peer_page.content()
    peer_page.get_by_role("button", name="Accept").click()
    peer_page.get_by_text("You are connected").wait_for()
    peer_page.get_by_role("link", name="aino@police.test").wait_for()

    # Now the asker sees the peer's work email too.
    page.goto("/community/connections/")
    page.get_by_role("link", name="pedro@police.test").wait_for()
    peer_context.close()
    asker_context.close()
