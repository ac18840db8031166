"""Prevention pages: staff pages under /prevention/, public ones under /pact/, /event/, /guide/."""

from django.urls import path

from . import views_events, views_guide, views_pacts, views_public

app_name = "prevention"

urlpatterns = [
    # Staff
    path("prevention/", views_pacts.overview, name="overview"),
    path("prevention/template/", views_pacts.template, name="template"),
    path("prevention/emails/", views_pacts.emails, name="emails"),
    path("prevention/pacts/new/", views_pacts.pact_form, name="pact-new"),
    path("prevention/pacts/<str:code>/", views_pacts.pact_detail, name="pact"),
    path("prevention/pacts/<str:code>/edit/", views_pacts.pact_form, name="pact-edit"),
    path("prevention/pacts/<str:code>/codes/", views_pacts.paper_codes, name="pact-codes"),
    path("prevention/pacts/<str:code>/session/", views_pacts.open_session, name="pact-session"),
    path("prevention/pacts/<str:code>/<slug:action>/", views_pacts.pact_action, name="pact-action"),
    path("prevention/sessions/<int:pk>/", views_pacts.session_screen, name="session-screen"),
    path("prevention/events/new/", views_events.event_form, name="event-new"),
    path("prevention/events/<str:code>/", views_events.event_detail, name="event"),
    path("prevention/events/<str:code>/edit/", views_events.event_form, name="event-edit"),
    path(
        "prevention/events/<str:code>/materials/", views_events.add_material, name="event-material"
    ),
    path(
        "prevention/events/<str:code>/materials/<int:pk>/", views_events.material, name="material"
    ),
    path("prevention/events/<str:code>/screen/", views_events.screen, name="event-screen"),
    path("prevention/events/<str:code>/kiosk/", views_events.kiosk, name="kiosk"),
    path("prevention/events/<str:code>/report.pdf", views_events.report_pdf, name="event-report"),
    path(
        "prevention/events/<str:code>/<slug:action>/",
        views_events.event_action,
        name="event-action",
    ),
    # Public
    path("pact/check/<str:token>/", views_public.verify, name="verify"),
    path("pact/signed/<str:key>/", views_public.signed, name="signed"),
    path("pact/signed/<str:key>/pdf/", views_public.signed_pdf, name="signed-pdf"),
    path("pact/<str:code>/", views_public.sign, name="sign"),
    path("event/<str:code>/checkin/", views_public.check_in_door, name="checkin"),
    path("event/<str:code>/online/", views_public.check_in_online, name="checkin-online"),
    path("event/<str:code>/quiz/", views_public.take_quiz, name="quiz"),
    path("event/<str:code>/quiz/<str:token>/", views_public.quiz_result, name="quiz-result"),
    path("guide/", views_guide.guide, name="guide"),
    path("guide/<slug:key>/", views_guide.answer, name="guide-answer"),
]
