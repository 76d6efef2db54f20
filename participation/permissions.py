"""Who may do what with group contributions in the admin (roles.py says why).

By role, not by model permission: a group's editors group is made when the
group is onboarded, and moderators' permissions are re-applied by
moderation.roles.ensure_site_roles, so neither can carry ours."""

from wagtail.permission_policies.base import ModelPermissionPolicy

from .roles import COUNCIL_OFFICERS, editor_group_keys, in_group, is_moderator

EDITOR_ACTIONS = {"add", "change", "view"}
MODERATOR_ACTIONS = {"change", "view", "delete", "lock", "unlock"}


class ContributionPermissionPolicy(ModelPermissionPolicy):
    def _role_actions(self, user):
        if not user.is_active:
            return set()
        if user.is_superuser:
            return None  # everything
        actions = set()
        if is_moderator(user):
            actions |= MODERATOR_ACTIONS
        if in_group(user, COUNCIL_OFFICERS):
            actions |= {"view"}
        if editor_group_keys(user):
            actions |= EDITOR_ACTIONS
        return actions

    def user_has_permission(self, user, action):
        actions = self._role_actions(user)
        return actions is None or action in actions

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def _sees_everything(self, user):
        return user.is_superuser or is_moderator(user) or in_group(user, COUNCIL_OFFICERS)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if user.is_superuser or (is_moderator(user) and action in MODERATOR_ACTIONS):
            return True
        if action == "view" and self._sees_everything(user):
            return True
        # A group's editors: their own group's contributions only.
        return bool(instance.group_id) and instance.group.translation_key in editor_group_keys(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        if self._sees_everything(user):
            return queryset
        return queryset.filter(group__translation_key__in=editor_group_keys(user))

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_active=True, is_superuser=True)
