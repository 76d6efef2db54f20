"""schema.org Event JSON-LD for an event page."""

import json

from django.utils import timezone

from .enums import Status

STATUS = {
    Status.SCHEDULED: "https://schema.org/EventScheduled",
    Status.CANCELLED: "https://schema.org/EventCancelled",
    Status.POSTPONED: "https://schema.org/EventPostponed",
}


def attendance_mode(event):
    if event.venue_id and event.online_url:
        return "https://schema.org/MixedEventAttendanceMode"
    if event.online_url:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def event_json_ld(event, occurrence=None, request=None):
    """The dict for one event (its next date if given), ready for json_ld();
    ``request``, when there is one, keeps the site's root paths for every
    address here."""
    url = event.get_full_url(request)
    start = occurrence.start if occurrence else event.start
    end = occurrence.end if occurrence else event.end
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": timezone.localtime(start).isoformat(),
        "endDate": timezone.localtime(end).isoformat(),
        "eventStatus": STATUS.get(event.status, STATUS[Status.SCHEDULED]),
        "eventAttendanceMode": attendance_mode(event),
    }
    if occurrence is not None and occurrence.cancelled and event.status == Status.SCHEDULED:
        data["eventStatus"] = STATUS[Status.CANCELLED]
    locations = []
    if event.venue_id:
        venue = event.venue
        place = {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(line.strip() for line in venue.address.splitlines()),
                "postalCode": venue.postcode,
                "addressCountry": "GB",
            },
        }
        if venue.latitude is not None and venue.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(venue.latitude),
                "longitude": float(venue.longitude),
            }
        locations.append(place)
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.group_id:
        data["organizer"] = {
            "@type": "Organization",
            "name": event.group.title,
            "url": event.group.get_full_url(request),
        }
    offer = {
        "@type": "Offer",
        "price": "0" if event.is_free else event.price,
        "priceCurrency": "GBP",
        "url": event.booking_url or url,
    }
    data["offers"] = offer
    data["isAccessibleForFree"] = event.is_free
    return data


def json_ld(data):
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
