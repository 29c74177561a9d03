"""Users sign in with their work e-mail; what they may see and edit follows from their roles."""

from dataclasses import dataclass, field
from functools import cached_property

import pghistory
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kredsraad.core.models import DANISH


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("E-mail skal angives.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


@pghistory.track(exclude=["password", "last_login", "password_changed_at"])
class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("navn"), max_length=200, db_collation=DANISH)
    is_active = models.BooleanField(_("aktiv"), default=True)
    # Only administrators reach Django's admin; everyone else works in the application.
    is_staff = models.BooleanField(_("administrator"), default=False)
    date_joined = models.DateTimeField(_("oprettet"), default=timezone.now)
    # When the password last changed, by any path (reset, change form, admin, `changepassword`):
    # credentials made before it, such as API tokens, stop working. Empty: not since this
    # field was added.
    password_changed_at = models.DateTimeField(
        _("adgangskode skiftet"), null=True, blank=True, editable=False
    )
    # Which e-mail notices the user wants (each user chooses on their own settings page).
    # Reminders are the scheduled ones (meetings coming up, deadlines, overdue updates).
    notify_agenda = models.BooleanField(
        _("besked når en dagsorden udsendes eller ændres"), default=True
    )
    notify_minutes = models.BooleanField(_("besked når et referat godkendes"), default=True)
    notify_reminders = models.BooleanField(_("påmindelser om møder og frister"), default=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_unique_email_ci",
                violation_error_message=_("E-mailadressen er allerede i brug."),
            )
        ]

    def __str__(self):
        return self.full_name or self.email

    # Every way Django changes a password ends in set_password or set_unusable_password, so the
    # moment is recorded here rather than in each form or command.
    _upgrading_hash = False

    def set_password(self, raw_password):
        super().set_password(raw_password)
        if not self._upgrading_hash:
            self.password_changed_at = timezone.now()

    def set_unusable_password(self):
        super().set_unusable_password()
        self.password_changed_at = timezone.now()

    def check_password(self, raw_password):
        # Django re-hashes a correct password through set_password when its hasher settings
        # change (each release raises the iterations). The password is the same, so that must
        # not end the user's API tokens.
        self._upgrading_hash = True
        try:
            return super().check_password(raw_password)
        finally:
            self._upgrading_hash = False

    async def acheck_password(self, raw_password):
        self._upgrading_hash = True
        try:
            return await super().acheck_password(raw_password)
        finally:
            self._upgrading_hash = False

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None and "password" in update_fields:
            update_fields = {*update_fields, "password_changed_at"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def scope(self) -> "Scope":
        """What this user's roles reach, read once per request."""
        return Scope.of(self)


class PasswordResetRequest(models.Model):
    """One request for a reset link, kept for the throttle window (accounts.actions)."""

    email = models.CharField(_("e-mail"), max_length=254)
    address = models.GenericIPAddressField(_("adresse"), null=True, blank=True)
    requested_at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("anmodning om ny adgangskode")
        verbose_name_plural = _("anmodninger om ny adgangskode")

    def __str__(self):
        return f"{self.email} ({self.requested_at:%Y-%m-%d %H:%M})"


@pghistory.track()
class RoleAssignment(models.Model):
    """One role in one scope: sekretariat and analytiker for a district, koordinator for a
    municipality, rådsmedlem for a council, administrator for the whole system."""

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Sekretariat")
        COORDINATOR = "coordinator", _("Kommunal koordinator")
        COUNCIL_MEMBER = "council_member", _("Rådsmedlem")
        ANALYST = "analyst", _("Analytiker")
        ADMINISTRATOR = "administrator", _("Administrator")

    user = models.ForeignKey(User, models.CASCADE, related_name="roles", verbose_name=_("bruger"))
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    district = models.ForeignKey(
        "councils.PoliceDistrict",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("politikreds"),
    )
    municipality = models.ForeignKey(
        "councils.Municipality",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("kommune"),
    )
    council = models.ForeignKey(
        "councils.Council",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("råd"),
    )

    class Meta:
        verbose_name = _("rolle")
        verbose_name_plural = _("roller")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=["secretariat", "analyst"],
                        district__isnull=False,
                        municipality__isnull=True,
                        council__isnull=True,
                    )
                    | Q(
                        role="coordinator",
                        district__isnull=True,
                        municipality__isnull=False,
                        council__isnull=True,
                    )
                    | Q(
                        role="council_member",
                        district__isnull=True,
                        municipality__isnull=True,
                        council__isnull=False,
                    )
                    | Q(
                        role="administrator",
                        district__isnull=True,
                        municipality__isnull=True,
                        council__isnull=True,
                    )
                ),
                name="role_assignment_scope_matches_role",
                violation_error_message=_("Rollen passer ikke til det valgte område."),
            ),
            models.UniqueConstraint(
                "user",
                "role",
                "district",
                "municipality",
                "council",
                nulls_distinct=False,
                name="role_assignment_unique",
            ),
        ]

    def __str__(self):
        target = self.district or self.municipality or self.council
        label = self.get_role_display()
        return f"{label}, {target}" if target else str(label)


@dataclass(frozen=True)
class Scope:
    """The ids a user's roles reach. Every scoped query and rule reads from here."""

    is_admin: bool = False
    secretariat_districts: frozenset[int] = field(default_factory=frozenset)
    analyst_districts: frozenset[int] = field(default_factory=frozenset)
    coordinator_municipalities: frozenset[int] = field(default_factory=frozenset)
    member_councils: frozenset[int] = field(default_factory=frozenset)
    # Derived: the district of every municipality and council above, and which councils
    # are kredsråd (their members see the whole district).
    districts: frozenset[int] = field(default_factory=frozenset)
    district_council_districts: frozenset[int] = field(default_factory=frozenset)
    member_council_municipalities: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def of(cls, user) -> "Scope":
        if not user.is_authenticated or not user.is_active:
            return cls()
        rows = RoleAssignment.objects.filter(user=user).values_list(
            "role",
            "district_id",
            "municipality_id",
            "municipality__district_id",
            "council_id",
            "council__district_id",
            "council__kind",
            "council__municipality_id",
        )
        parts: dict[str, set[int]] = {
            name: set()
            for name in (
                "secretariat",
                "analyst",
                "coordinator",
                "member",
                "districts",
                "kredsraad",
                "local",
            )
        }
        is_admin = user.is_superuser
        for role, district, municipality, m_district, council, c_district, c_kind, c_muni in rows:
            if role == RoleAssignment.Role.ADMINISTRATOR:
                is_admin = True
            elif role == RoleAssignment.Role.SECRETARIAT:
                parts["secretariat"].add(district)
                parts["districts"].add(district)
            elif role == RoleAssignment.Role.ANALYST:
                parts["analyst"].add(district)
                parts["districts"].add(district)
            elif role == RoleAssignment.Role.COORDINATOR:
                parts["coordinator"].add(municipality)
                parts["districts"].add(m_district)
            elif role == RoleAssignment.Role.COUNCIL_MEMBER:
                parts["member"].add(council)
                parts["districts"].add(c_district)
                if c_kind == "district":
                    parts["kredsraad"].add(c_district)
                else:
                    parts["local"].add(c_muni)
        return cls(
            is_admin=is_admin,
            secretariat_districts=frozenset(parts["secretariat"]),
            analyst_districts=frozenset(parts["analyst"]),
            coordinator_municipalities=frozenset(parts["coordinator"]),
            member_councils=frozenset(parts["member"]),
            districts=frozenset(parts["districts"]),
            district_council_districts=frozenset(parts["kredsraad"]),
            member_council_municipalities=frozenset(parts["local"]),
        )

    @property
    def whole_district_readers(self) -> frozenset[int]:
        """Districts in which this user reads every municipality's material."""
        return self.secretariat_districts | self.analyst_districts | self.district_council_districts

    @property
    def own_municipalities(self) -> frozenset[int]:
        return self.coordinator_municipalities | self.member_council_municipalities

    @property
    def reports_status(self) -> bool:
        """Whether any role lets the user file status updates (rules: initiatives.report_status),
        so that »Mine opdateringer« is offered only to them."""
        return bool(self.is_admin or self.secretariat_districts or self.coordinator_municipalities)
