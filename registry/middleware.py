from django.utils import timezone

from registry.timezones import zone_for_user


def user_time_zone(get_response):
    """Render every time on the clock of the person reading it (registry.timezones)."""

    def middleware(request):
        if request.user.is_authenticated:
            timezone.activate(zone_for_user(request.user))
        else:
            timezone.deactivate()
        return get_response(request)

    return middleware
