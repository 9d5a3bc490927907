"""Who authors the effect measurement in Wagtail: the programme team, which owns the evaluation,
for every course; a coordinator or a learner cannot open it."""

import pytest

pytestmark = pytest.mark.django_db

MEASUREMENTS = "/beheer/snippets/effect/effectmeasurement/"
ITEM_BANK = "/beheer/snippets/effect/item/"


def test_the_programme_team_finds_and_opens_the_measurements_and_the_item_bank(
    client, programme_user
):
    client.force_login(programme_user)
    assert "Effectmeting" in client.get("/beheer/").content.decode()
    assert client.get(MEASUREMENTS).status_code == 200
    assert client.get(MEASUREMENTS + "add/").status_code == 200
    assert client.get(ITEM_BANK).status_code == 200


@pytest.mark.parametrize("who", ["coordinator", "learner"])
def test_others_cannot_open_them(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(MEASUREMENTS).status_code in (302, 403)
    assert client.get(ITEM_BANK + "add/").status_code in (302, 403)
