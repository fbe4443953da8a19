//! Who may do what in the admin interface. The handlers ask these functions
//! before every action; the rules are those of the roles in issue 4:
//! **admin** everything; **editor** all posts, pages, topics and tags but not
//! users or settings; **author** own posts, which they may publish;
//! **contributor** own drafts only, never publishing.

use crate::model::{Role, Status};

/// An admin action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ViewAdmin,
    ListAllPosts,
    EditOwnPost,
    EditAnyPost,
    PublishOwnPost,
    PublishAnyPost,
    TrashOwnPost,
    TrashAnyPost,
    ManageTerms,
    ManagePages,
    ManageUsers,
    ManageSettings,
}

/// Whether `role` may perform `action`. `TrashOwnPost` is allowed to
/// contributors only for posts that are not published: see [`can_trash`].
pub fn allows(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::Admin => true,
        Role::Editor => !matches!(action, ManageUsers | ManageSettings),
        Role::Author => matches!(
            action,
            ViewAdmin | EditOwnPost | PublishOwnPost | TrashOwnPost
        ),
        Role::Contributor => matches!(action, ViewAdmin | EditOwnPost | TrashOwnPost),
    }
}

/// Whether `role` may edit a post (`is_own`: the user wrote it).
pub fn can_edit(role: Role, is_own: bool) -> bool {
    allows(role, Action::EditAnyPost) || (is_own && allows(role, Action::EditOwnPost))
}

/// Whether `role` may move a post with `status` to the trash (or restore it).
/// Contributors may only trash their own posts that were never made public:
/// not published, scheduled or private ones.
pub fn can_trash(role: Role, is_own: bool, status: Status) -> bool {
    if allows(role, Action::TrashAnyPost) {
        return true;
    }
    if !is_own || !allows(role, Action::TrashOwnPost) {
        return false;
    }
    if allows(role, Action::PublishOwnPost) {
        return true;
    }
    matches!(status, Status::Draft | Status::Pending | Status::Trash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;

    const ACTIONS: [Action; 12] = [
        ViewAdmin,
        ListAllPosts,
        EditOwnPost,
        EditAnyPost,
        PublishOwnPost,
        PublishAnyPost,
        TrashOwnPost,
        TrashAnyPost,
        ManageTerms,
        ManagePages,
        ManageUsers,
        ManageSettings,
    ];

    /// One row per role, one column per action in [`ACTIONS`] order.
    const MATRIX: [(Role, [bool; 12]); 4] = [
        (Role::Admin, [true; 12]),
        (
            Role::Editor,
            [
                true, true, true, true, true, true, true, true, true, true, false, false,
            ],
        ),
        (
            Role::Author,
            [
                true, false, true, false, true, false, true, false, false, false, false, false,
            ],
        ),
        (
            Role::Contributor,
            [
                true, false, true, false, false, false, true, false, false, false, false, false,
            ],
        ),
    ];

    #[test]
    fn the_whole_matrix() {
        for (role, row) in MATRIX {
            for (action, expected) in ACTIONS.into_iter().zip(row) {
                assert_eq!(allows(role, action), expected, "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn editing() {
        for (role, own, other) in [
            (Role::Admin, true, true),
            (Role::Editor, true, true),
            (Role::Author, true, false),
            (Role::Contributor, true, false),
        ] {
            assert_eq!(can_edit(role, true), own, "{role:?} own");
            assert_eq!(can_edit(role, false), other, "{role:?} other");
        }
    }

    #[test]
    fn trashing() {
        let all = [
            Status::Draft,
            Status::Pending,
            Status::Scheduled,
            Status::Published,
            Status::Private,
            Status::Trash,
        ];
        for status in all {
            for own in [true, false] {
                assert!(can_trash(Role::Admin, own, status));
                assert!(can_trash(Role::Editor, own, status));
            }
            assert!(can_trash(Role::Author, true, status), "{status:?}");
            assert!(!can_trash(Role::Author, false, status), "{status:?}");
            assert!(!can_trash(Role::Contributor, false, status), "{status:?}");
            let expected = matches!(status, Status::Draft | Status::Pending | Status::Trash);
            assert_eq!(
                can_trash(Role::Contributor, true, status),
                expected,
                "{status:?}"
            );
        }
    }
}
