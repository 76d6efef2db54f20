"""`make run`'s server: Django's development server, which ends its start-up
output with what a new user needs, as the last thing on screen: the address,
the demo logins and where the site's e-mails appear."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.management.commands.runserver import Command as RunServer

RULE = "-" * 72


def welcome(address):
    """The lines printed once the server listens at ``address``."""
    lines = [
        RULE,
        f"Noticeboard is running at {address}",
        f"  The admin:  {address}admin/",
    ]
    logins = getattr(settings, "NOTICEBOARD_DEMO_LOGINS", [])
    existing = set(
        get_user_model()
        .objects.filter(username__in=[username for username, _ in logins], is_active=True)
        .values_list("username", flat=True)
    )
    shown = [(username, role) for username, role in logins if username in existing]
    if shown:
        lines.append("  Demo logins (the password is the username; on your own computer only):")
        width = max(len(username) for username, _ in shown)
        lines += [f"    {username:{width}}  {role}" for username, role in shown]
    if settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
        lines.append("  E-mails the site sends (confirmation links …) are printed here.")
    else:
        lines.append(f"  E-mails are sent with {settings.EMAIL_BACKEND}.")
    lines += ["  Stop the server with CONTROL-C.", RULE]
    return "\n".join(lines)


class Command(RunServer):
    help = "Serve the site for development, then print its address, logins and mail."

    def on_bind(self, server_port):
        super().on_bind(server_port)
        host = "127.0.0.1" if self.addr in ("0", "0.0.0.0") else self.addr
        if self._raw_ipv6:
            host = f"[{self.addr}]"
        self.stdout.write(welcome(f"{self.protocol}://{host}:{server_port}/"))
