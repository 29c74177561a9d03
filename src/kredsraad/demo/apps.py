from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kredsraad.demo"
    verbose_name = "Demodata"
