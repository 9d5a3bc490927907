"""The municipality chooser: official and common names, without JavaScript, clear Dutch errors;
and no answer of the profile chosen in advance."""

import pytest
from django.core.exceptions import ValidationError

from accounts.forms import ProfileForm
from accounts.municipalities import municipality_resolve

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("Den Haag", "'s-Gravenhage"),
        ("den haag", "'s-Gravenhage"),
        ("'s-Gravenhage", "'s-Gravenhage"),
        ("’s-Gravenhage", "'s-Gravenhage"),
        ("Gemeente Den Haag", "'s-Gravenhage"),
        ("Den Bosch", "'s-Hertogenbosch"),
        ("s-Hertogenbosch", "'s-Hertogenbosch"),
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("Hengelo", "Hengelo (O.)"),
        ("hengelo (o)", "Hengelo (O.)"),
        ("Sudwest-Fryslan", "Súdwest-Fryslân"),
        ("Bergen (Limburg)", "Bergen (L.)"),
        ("  utrecht ", "Utrecht"),
    ],
)
def test_official_and_common_names_find_the_municipality(typed, official):
    assert municipality_resolve(typed).name == official


def test_a_name_of_two_municipalities_asks_which_one():
    with pytest.raises(ValidationError) as refused:
        municipality_resolve("Bergen")
    message = refused.value.messages[0]
    assert "Bergen (L.) of Bergen (NH.)" in message and "Kies er één" in message


def test_an_unknown_name_is_refused_in_dutch():
    with pytest.raises(ValidationError) as refused:
        municipality_resolve("Atlantis")
    assert refused.value.messages == [
        "De gemeente „Atlantis” kennen wij niet. Kies een gemeente uit de lijst."
    ]


def _data(**changes):
    from accounts.models import Profession

    data = {
        "organisation_name": "Wijkteam",
        "organisation_kind": "gemeente",
        "municipality": "Den Haag",
        "profession": Profession.objects.get(slug="jeugdprofessional").pk,
    }
    data.update(changes)
    return data


def test_the_profile_form_resolves_a_typed_name_without_javascript(client, learner):
    client.force_login(learner)
    page = client.get("/profiel/").content.decode()
    # A text input tied to a list of suggestions, holding the current municipality by name.
    assert 'list="id_municipality-lijst"' in page
    assert '<datalist id="id_municipality-lijst">' in page
    assert '<option value="Den Haag"></option>' in page
    assert '<option value="\'s-Gravenhage"></option>' in page.replace("&#x27;", "'")
    response = client.post("/profiel/", _data())
    assert response.status_code == 302
    learner.profile.refresh_from_db()
    assert learner.profile.municipality.name == "'s-Gravenhage"


def test_an_ambiguous_municipality_changes_nothing(client, learner):
    client.force_login(learner)
    before = learner.profile.municipality_id
    response = client.post("/profiel/", _data(municipality="Bergen"))
    assert response.status_code == 200
    assert "Kies er één" in response.content.decode()
    learner.profile.refresh_from_db()
    assert learner.profile.municipality_id == before


def test_nothing_is_chosen_in_advance_for_a_new_profile(db):
    from accounts.models import Profile, User

    user = User.objects.create_user(email="nieuw@example.org", password="x" * 16)
    form = ProfileForm(instance=Profile.objects.create(user=user))
    html = str(form)
    assert 'value="" selected' in html.replace('selected=""', "selected")  # no kind pre-chosen
    assert "Kies de soort organisatie" in html and "Kies uw beroepsgroep" in html
    bound = ProfileForm(data=_data(organisation_kind=""), instance=form.instance)
    assert not bound.is_valid() and "organisation_kind" in bound.errors
