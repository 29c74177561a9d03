from django.urls import path

from kredsraad.strategies import views

app_name = "strategies"

urlpatterns = [
    path("kreds/<slug:slug>/strategier/", views.strategies, name="strategies"),
    path("kreds/<slug:slug>/strategier/ny/", views.strategy_create, name="strategy_create"),
    path("strategier/<int:pk>/", views.strategy, name="strategy"),
    path("strategier/<int:pk>/rediger/", views.strategy_edit, name="strategy_edit"),
    path("strategier/<int:pk>/godkend/", views.strategy_approve, name="strategy_approve"),
    path("strategier/<int:pk>/offentliggoer/", views.strategy_publish, name="strategy_publish"),
    path("strategier/<int:pk>/ret/", views.strategy_correct, name="strategy_correct"),
    path("strategier/<int:pk>/nyt-maal/", views.goal_create, name="goal_create"),
    path("strategier/<int:pk>/version/<int:number>/", views.version, name="version"),
    path("planer/<int:pk>/strategi/", views.plan_strategy, name="plan_strategy"),
]
