"""Signing in by e-mail and password, and Django's model permissions for the admin's users.

What a user may do in the application is decided by their roles (accounts.rules, through the
`rules` backend). Django's own model permissions (a user's and their groups') mean something
only in Django's admin, which only staff reach; the application grants none, and the admin's
user form offers neither groups nor permissions. Django's ModelBackend still reads them, two
queries per request, whenever the rules deny a permission asked without an object (a page's
»may this user keep the value lists?«). This backend reads them for staff only: for everyone
else the answer was already the empty set, so nothing is granted that was not before, and a
grant made to a non-staff user from a shell is ignored rather than honoured.

Superusers never reach a backend for a permission (PermissionsMixin answers yes first), so the
admin is unchanged for them; a staff user who is not a superuser keeps their model permissions.
"""

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class StaffModelBackend(ModelBackend):
    def get_user_permissions(self, user_obj, obj=None):
        return super().get_user_permissions(user_obj, obj) if user_obj.is_staff else set()

    def get_group_permissions(self, user_obj, obj=None):
        return super().get_group_permissions(user_obj, obj) if user_obj.is_staff else set()

    async def aget_user_permissions(self, user_obj, obj=None):
        if not user_obj.is_staff:
            return set()
        return await super().aget_user_permissions(user_obj, obj)

    async def aget_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_staff:
            return set()
        return await super().aget_group_permissions(user_obj, obj)

    def with_perm(self, perm, is_active=True, include_superusers=True, obj=None):
        users = super().with_perm(perm, is_active, include_superusers, obj)
        held = Q(is_staff=True) | Q(is_superuser=True) if include_superusers else Q(is_staff=True)
        return users.filter(held)
