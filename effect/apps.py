from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EffectConfig(AppConfig):
    name = "effect"
    verbose_name = _("Effectmeting")

    def ready(self):
        from accounts.privacy import person_eraser_register, person_export_register
        from effect.services import effect_person_erase, effect_person_export

        # Erasing a person removes their answers and free text; the scores stay, keyed
        # pseudonymously, so the report's aggregates do not move.
        person_eraser_register("effect", effect_person_erase)
        person_export_register("effectmeting", effect_person_export)
