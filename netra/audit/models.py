"""An append-only record of every state change: who did what to which object, when and why.

Append-only three times over: ``save()`` refuses an existing entry; database triggers refuse any
UPDATE or DELETE, whichever way it arrives (``protection.py``); and the entries form a hash chain
that ``manage.py verify_audit_chain`` checks, so a change made around the triggers is detected
(``chain.py``, ``verify.py``). See docs/audit.md for what each of them stops.
"""

from django.conf import settings
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _

from . import chain


class AuditEntry(models.Model):
    # Set by chain.link when the entry joins the chain, under the chain lock.
    at = models.DateTimeField(db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    # Who acted when there is no account (the public, a command): "public", "command:build_demo".
    actor_label = models.CharField(max_length=100)
    action = models.CharField(max_length=60, db_index=True)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40)
    summary = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    # The chain: 1, 2, 3… without gaps; each entry's hash covers its fields and the previous hash.
    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        # No savepoint (a round trip each way): an entry that cannot be written fails the caller's
        # whole transaction, as it should.
        with transaction.atomic(using=using, savepoint=False):
            chain.link(self, using=using)
            super().save(*args, **kwargs)
