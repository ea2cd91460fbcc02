import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.editors import EDITORS_GROUP

PASSWORD_VARIABLE = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a staff account in the Editors group (not a superuser). The "
        f"password is read from ${PASSWORD_VARIABLE} if set, otherwise prompted for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The new editor's user name.")
        parser.add_argument("--email", default="", help="The editor's email address.")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User._default_manager.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        try:
            group = Group.objects.get(name=EDITORS_GROUP)
        except Group.DoesNotExist:
            raise CommandError(
                f"The {EDITORS_GROUP} group is missing; run manage.py migrate first."
            ) from None

        user = User(username=username, email=email, is_staff=True)
        password = self.read_password()
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)

        with transaction.atomic():
            user.save()
            user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created editor {username!r}; they can sign in at /admin/."
            )
        )

    def read_password(self):
        password = os.environ.get(PASSWORD_VARIABLE)
        if password:
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                f"No terminal to prompt for a password: set ${PASSWORD_VARIABLE}."
            )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        if not password:
            raise CommandError("The password is empty.")
        return password
