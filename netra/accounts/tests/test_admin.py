"""The Django admin: accounts through the audited service, no self-promotion, every edit audited
(issue 14, item 3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.forms import MultiWidget
from django.utils import translation

from netra.accounts.models import Role, User
from netra.accounts.tests import factories
from netra.audit.admin import AuditedAdminMixin
from netra.audit.models import AuditEntry
from netra.reference.models import Election
from netra.registry.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def sysadmin():
    """The demo's system admin: admin access, permissions for accounts and reference data."""
    user = factories.system_admin("sysadmin")
    user.is_staff = True
    user.save()
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["accounts", "reference", "registry"])
    )
    return user


@pytest.fixture
def admin_client(client, sysadmin):
    client.force_login(sysadmin)
    return client


def _encode(value: Any) -> Any:
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def form_data(response) -> dict[str, Any]:
    """What the browser would send back for the admin page in ``response``, inlines included."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, Any] = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if bound.field.show_hidden_initial:  # a field with a callable default (a JSON list)
                data[bound.html_initial_name] = _encode(value)
            if isinstance(bound.field.widget, MultiWidget):
                for i, part in enumerate(bound.field.widget.decompress(value) or []):
                    data[f"{bound.html_name}_{i}"] = _encode(part)
            else:
                data[bound.html_name] = _encode(value)
    return {k: v for k, v in data.items() if v is not None}


def change_url(obj) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


NEW_OFFICER = {
    "username": "petugas.baru",
    "usable_password": "false",
    "first_name": "Petugas",
    "last_name": "Baru",
    "email": "baru@bawaslu.test",
    "role": Role.BAWASLU_OFFICER,
    "_save": "Simpan",
}


def test_an_officer_without_an_office_cannot_be_created_in_the_admin(admin_client):
    response = admin_client.post("/admin/accounts/user/add/", NEW_OFFICER)
    assert response.status_code == 200
    assert "office_level" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="petugas.baru").exists()


def test_creating_an_officer_in_the_admin_goes_through_the_audited_service(admin_client, sysadmin):
    data = {**NEW_OFFICER, "office_level": "regency", "region": "64.72"}
    response = admin_client.post("/admin/accounts/user/add/", data)
    assert response.status_code == 302
    officer = User.objects.get(username="petugas.baru")
    assert (officer.office_level, officer.region_id) == ("regency", "64.72")
    entry = AuditEntry.objects.get(action="account.created")
    assert entry.actor == sysadmin and entry.target_id == str(officer.pk)


def test_superuser_groups_and_permissions_are_not_on_the_form(admin_client, sysadmin):
    officer = factories.bawaslu("petugas", "64.72")
    for url in ("/admin/accounts/user/add/", change_url(officer)):
        form = admin_client.get(url).context["adminform"].form
        assert not {"is_superuser", "groups", "user_permissions"} & set(form.fields)
    data = form_data(admin_client.get(change_url(officer)))
    data.update(is_superuser="on", user_permissions=[p.pk for p in Permission.objects.all()[:3]])
    assert admin_client.post(change_url(officer), data).status_code == 302
    officer.refresh_from_db()
    assert not officer.is_superuser and not officer.user_permissions.exists()


def test_the_system_admin_cannot_give_itself_a_bawaslu_role(admin_client, sysadmin):
    data = form_data(admin_client.get(change_url(sysadmin)))
    data.update(role=Role.BAWASLU_OFFICER, office_level="ri")
    response = admin_client.post(change_url(sysadmin), data)
    assert response.status_code == 200
    assert "akun Anda sendiri" in str(response.context["adminform"].form.non_field_errors())
    sysadmin.refresh_from_db()
    assert sysadmin.role == Role.SYSTEM_ADMIN
    assert not AuditEntry.objects.filter(action__startswith="account.").exists()


def test_changing_an_officer_in_the_admin_is_audited_per_kind_of_change(admin_client, sysadmin):
    officer = factories.bawaslu("petugas", "64.72")
    data = form_data(admin_client.get(change_url(officer)))
    data.update(office_level="province", region="64", email="p@bawaslu.test")
    del data["is_active"]  # unticked
    assert admin_client.post(change_url(officer), data).status_code == 302
    officer.refresh_from_db()
    assert (officer.region_id, officer.email, officer.is_active) == ("64", "p@bawaslu.test", False)
    actions = set(AuditEntry.objects.filter(actor=sysadmin).values_list("action", flat=True))
    assert actions == {
        "account.jurisdiction_changed",
        "account.profile_changed",
        "account.deactivated",
    }


def test_a_superuser_account_is_out_of_the_system_admins_reach(admin_client):
    root = User.objects.create_superuser("root", "root@x.test", "x-y-z-123-abc")
    data = form_data(admin_client.get(change_url(root)))  # shown read-only
    assert admin_client.post(change_url(root), {**data, "is_active": ""}).status_code == 403
    assert admin_client.get(f"/admin/accounts/user/{root.pk}/password/").status_code == 403


def test_setting_a_password_in_the_admin_is_audited(admin_client, sysadmin):
    ppk = factories.personnel("ppk")
    url = f"/admin/accounts/user/{ppk.pk}/password/"
    data = {"password1": "sandi-baru-yang-kuat-7", "password2": "sandi-baru-yang-kuat-7"}
    response = admin_client.post(url, {**data, "usable_password": "true"})
    assert response.status_code == 302
    ppk.refresh_from_db()
    assert ppk.check_password("sandi-baru-yang-kuat-7")
    assert AuditEntry.objects.get(action="account.password_set").actor == sysadmin


def test_admin_edits_of_reference_data_and_the_registry_are_audited(admin_client, sysadmin):
    agency = Agency.objects.get(code="PEMKOT-64.72")
    data = form_data(admin_client.get(change_url(agency)))
    data["ppk_title"] = "Wali Kota Samarinda (Plt.)"
    assert admin_client.post(change_url(agency), data).status_code == 302
    entry = AuditEntry.objects.get(action="admin.changed", target_type="registry.agency")
    assert entry.actor == sysadmin and entry.target_id == str(agency.pk)
    assert entry.data == {"model": "registry.agency", "fields": ["ppk_title"]}

    # An election with its phases inline: the changed phase is recorded as well.
    election = Election.objects.get(code="pilkada-2024")
    data = form_data(admin_client.get(change_url(election)))
    data["note"] = "Diperbarui"
    data["phases-0-note"] = "Catatan baru"
    assert admin_client.post(change_url(election), data).status_code == 302
    changed = AuditEntry.objects.filter(action="admin.changed").values_list("target_type", "data")
    assert ("reference.election", {"model": "reference.election", "fields": ["note"]}) in changed
    assert (
        "reference.electionphase",
        {"model": "reference.electionphase", "fields": ["note"]},
    ) in (changed)

    # A deletion is recorded before the row goes, with its id.
    response = admin_client.post(
        "/admin/registry/employee/add/",
        {
            "name": "Budi Santoso",
            "employee_type": "pns",
            "position_class": "pelaksana",
            "position_title": "Staf",
            "agency": agency.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    employee_id = AuditEntry.objects.get(action="admin.added").target_id
    delete_url = f"/admin/registry/employee/{employee_id}/delete/"
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert AuditEntry.objects.filter(action="admin.deleted", target_id=employee_id).exists()


def test_every_admin_that_can_write_is_audited():
    for model, model_admin in admin.site._registry.items():
        if model is AuditEntry:
            continue  # read-only
        assert isinstance(model_admin, AuditedAdminMixin), model


def test_second_factor_devices_are_not_in_the_admin():
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


def test_the_admin_logs_in_through_netras_login_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    # Logged in without admin access: a clear 403, not a loop between the two login pages.
    client.force_login(factories.personnel("ppk"))
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_the_admin_names_its_models_in_indonesian(admin_client):
    page = admin_client.get("/admin/").text
    for indonesian in ("Akun staf", "Instansi", "Pegawai", "Wilayah", "Pemilihan"):
        assert indonesian in page
    for english in ("Staff accounts", "Agencies", "Employees", "Regions", "Elections"):
        assert english not in page
    with translation.override("id"):
        assert str(AuditEntry._meta.verbose_name_plural) == "catatan audit"
        assert str(AuditEntry._meta.app_config.verbose_name) == "Jejak audit"
