'use strict';
// The Client's methods of one feature area: creating and joining groups, invites, membership
// requests, common groups (src/account/groups.rs, group_invites.rs).
// Thin: Rust checks the arguments and runs the page call; these wrap the answers in structures.
// lib/client/index.js puts them on Client.prototype.
const { accountCall } = require('../structures/Base');

class Groups {
  /**
   * Creates a group with the participants (ids or Contacts); resolves `{ title, gid, participants }`
   * (each participant's `statusCode`, `message`, `isGroupCreator`, `isInviteV4Sent`), or a message
   * when WhatsApp refused.
   */
  createGroup(title, participants = [], options = {}) {
    const list = (Array.isArray(participants) ? participants : [participants]).map((p) => (p && p.id && p.id._serialized ? p.id._serialized : p));
    return this[accountCall]('createGroup', title, list, options);
  }

  /** Joins a group by its invite code; resolves the group's id. */
  acceptInvite(inviteCode) {
    return this[accountCall]('acceptInvite', inviteCode);
  }

  /** Accepts a private group invite (a message's `inviteV4`): `{ status }`. */
  acceptGroupV4Invite(inviteInfo) {
    return this[accountCall]('acceptGroupV4Invite', inviteInfo);
  }

  /** The group an invite code leads to (id, subject, owner, participants, size, settings…). */
  getInviteInfo(inviteCode) {
    return this[accountCall]('getInviteInfo', inviteCode);
  }

  /** The requests to join a group: `[{ id, addedBy, parentGroupId, requestMethod, t }]`. */
  getGroupMembershipRequests(groupId) {
    return this[accountCall]('getGroupMembershipRequests', groupId);
  }

  /** Approves requests to join (`options.requesterIds`, else all); `[{ requesterId, error?, message }]`. */
  approveGroupMembershipRequests(groupId, options = {}) {
    return this[accountCall]('approveGroupMembershipRequests', groupId, options);
  }

  /** Rejects requests to join (`options.requesterIds`, else all); `[{ requesterId, error?, message }]`. */
  rejectGroupMembershipRequests(groupId, options = {}) {
    return this[accountCall]('rejectGroupMembershipRequests', groupId, options);
  }

  /** The ids of the groups the account shares with the contact. */
  getCommonGroups(contactId) {
    return this[accountCall]('getCommonGroups', contactId);
  }
}

module.exports = Groups;
