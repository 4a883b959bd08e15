"""The demo province: An Giang, two ward portals (phường Châu Đốc, phường Vĩnh Tế) and the
former city of Châu Đốc, dissolved on 01/07/2025 with its archive moved into phường Châu Đốc.
Everything here is data (chaudoc.demo.content); idempotent."""

import datetime

from chaudoc.demo import content
from chaudoc.portals import archive
from chaudoc.portals.current import default_portal
from chaudoc.portals.models import Portal, PortalHost

TRANSLATED = ("name", "short_name", "governing_body", "banner", "address")
# The footer's details: filled in on a portal that has none yet (an administrator's edits stay).
FACE = ("person_responsible", "licence")


def _fields(data):
    fields = {"kind": data["kind"]}
    for name in TRANSLATED:
        vi, en = data[name]
        fields.update({f"{name}_vi": vi, f"{name}_en": en})
    fields.update(phone=data["phone"], email=data["email"])
    for name in FACE:
        vi, en = data[name]
        fields.update({f"{name}_vi": vi, f"{name}_en": en})
    return fields


def _portal(data, **extra):
    portal = Portal.objects.filter(slug=data["slug"]).first()
    if portal is None:
        portal = Portal.objects.create(slug=data["slug"], **_fields(data), **extra)
    elif not portal.licence_vi:  # loaded before the footer had these details
        fields = _fields(data)
        for name in FACE:
            setattr(portal, f"{name}_vi", fields[f"{name}_vi"])
            setattr(portal, f"{name}_en", fields[f"{name}_en"])
        portal.save()
    _hosts(portal, data["hosts"])
    return portal


def _hosts(portal, hosts):
    for n, host in enumerate(hosts):
        if not PortalHost.objects.filter(host=host).exists():
            PortalHost.objects.create(portal=portal, host=host, is_canonical=n == 0)


def load_portals(wards):
    """(province, {slug: ward portal}, the former city). `wards`: the seven former units."""
    city = default_portal()
    reorganised = datetime.date.fromisoformat(content.REORGANISED_ON)
    province = _portal(content.PROVINCE)
    portals = {data["slug"]: _portal(data, parent=province) for data in content.WARD_PORTALS}
    if city.kind != Portal.Kind.CITY:  # loaded before: the city's archive moved then
        return province, portals, Portal.objects.filter(kind=Portal.Kind.CITY).first()
    by_name = {ward.name: ward for ward in wards}
    for data in content.WARD_PORTALS:
        for name in data["former"]:
            ward = by_name[name]
            ward.dissolved_on = reorganised
            ward.is_active = False
            ward.save(update_fields=["dissolved_on", "is_active"])
            ward.successors.add(portals[data["slug"]])
    city.governing_body_vi, city.governing_body_en = content.FORMER_CITY["governing_body"]
    city.dissolved_on, city.parent, city.is_default = reorganised, province, False
    city.save()
    city.successors.add(*portals.values())
    _hosts(city, content.FORMER_CITY["hosts"])
    target = portals[content.FORMER_CITY["archive_to"]]
    archive.move_archive(city, target)
    target.is_default = True
    target.save(update_fields=["is_default"])
    city.refresh_from_db()
    return province, portals, city
