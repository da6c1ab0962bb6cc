"""Issue 6: the search page on a phone (390 px, nothing wider) and the autocomplete of the
search box, driven by the keyboard (ARIA combobox)."""

import pytest

from accounts.models import Role
from content.curation import library_item_publish
from curriculum.models import Subject
from search.maintenance import rebuild
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import make_item

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def library():
    school = make_school()
    librarian = make_user(role=Role.LIBRARIAN, school=school)
    toan, _created = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
    items = []
    for n in range(1, 24):
        item = make_item(
            librarian,
            title=f"Phương trình bậc hai – bài tập luyện thi tuyển sinh số {n}",
            scope="public",
            subject=toan,
            grade_min=9,
            grade_max=10,
            description="Giải phương trình bậc hai bằng công thức nghiệm và hệ thức Vi-ét.",
        )
        library_item_publish(item=item, user=librarian)
        items.append(item)
    rebuild()
    return items


def test_search_page_fits_a_phone_and_autocomplete_works_with_the_keyboard(
    live_server, phone_page, library
):
    page = phone_page
    page.goto(f"{live_server.url}/tim-kiem/?q=phuong+trinh&grade=10")
    assert page.get_by_role("heading", name="Tìm kiếm học liệu").is_visible()
    assert page.locator("[data-testid=search-hits] li").count() == 20
    # The filter panel starts closed on a phone (results first) and opens on a tap.
    panel = page.locator("details.search-facets")
    assert panel.get_attribute("open") is None
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    panel.locator("summary").click()
    assert page.get_by_role("link", name="Toán").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    box = page.get_by_role("combobox", name="Từ khoá")
    box.fill("")
    box.press_sequentially("phuong tr", delay=30)
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert listbox.get_by_role("option").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box.press("ArrowDown")
    first = listbox.get_by_role("option").first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    box.press("Escape")
    assert listbox.is_hidden() and box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")
    label = listbox.get_by_role("option").first.locator("span").text_content()
    with page.expect_navigation():
        box.press("Enter")
    assert "/thu-vien/" in page.url
    assert page.get_by_role("heading", name=label).is_visible()
