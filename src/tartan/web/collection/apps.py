from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "tartan.web.collection"
    label = "collection"
    verbose_name = "Collection and release"
