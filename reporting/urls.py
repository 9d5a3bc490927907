from django.urls import path

from reporting import public_views, views

app_name = "reporting"

urlpatterns = [
    path("rapportage/", views.dashboard, name="dashboard"),
    path("rapportage/definities/", public_views.definitions, name="definitions"),
    path("rapportage/koppelingen/", views.person_links, name="person_links"),
    path(
        "rapportage/koppelingen/<int:pk>/ontkoppelen/",
        views.person_unlink,
        name="person_unlink",
    ),
    path("account/adressen-koppelen/", views.own_addresses_link, name="own_addresses_link"),
    path("rapportage/herkomst/", views.reconciliation, name="reconciliation"),
    path("rapportage/vng/", views.vng, name="vng"),
    path("rapportage/vng/aantallen/", views.vng_headcounts, name="vng_headcounts"),
    path(
        "rapportage/vng/<slug:function_slug>/<int:region_id>/",
        views.vng_region,
        name="vng_region",
    ),
    path("rapportage/export/", views.export_request, name="export_request"),
    path("rapportage/exports/", views.export_list, name="export_list"),
    path("rapportage/exports/<uuid:uuid>/", views.export_download, name="export_download"),
    path("api/tellers/", public_views.counters_json, name="counters_json"),
    path("tellers/", public_views.counters_widget, name="counters_widget"),
]
