from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"

    def ready(self):
        from catalogue import account_data, signals
        from hub.data_rights import register_account_data

        register_account_data(
            "catalogue", export=account_data.export, erase=account_data.erase, order=10
        )

        signals.connect()
