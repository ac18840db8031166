"""Django's own strings that its Indonesian catalogue lacks, so ``makemessages`` keeps them in
locale/id/LC_MESSAGES/django.po (the project's catalogue comes before Django's).

Django 6.1 labels the empty choice of a select "- Select an option -" and has no Indonesian for it
yet: every form with a choice field showed it in English on an Indonesian page. Nothing imports this
module; it only marks the strings for translation.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (gettext_noop("- Select an option -"),)
