from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (the report's Table 1, its dialogues and seminar, fictional people) and
    `load_demo`: above every app, since it fills them all."""

    name = "demo"
    verbose_name = "Demo"
