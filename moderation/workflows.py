"""What happens when the Community moderation workflow is approved.

Named by ``WAGTAIL_FINISH_WORKFLOW_ACTION`` in the settings, so this module is
imported while Wagtail's models load: it must not import models at the top.
"""


def publish_approved(workflow_state, user=None):
    """Publish the approved revision in the approving moderator's name.

    Moderators have no publish permission of their own (so their own edits go
    through a second moderator); approving the last task of a workflow is
    what entitles them to publish, so Wagtail's publish-permission check is
    skipped here. The audit log records the moderator as the publisher.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
