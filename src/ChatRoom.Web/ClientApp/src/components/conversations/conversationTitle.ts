import { nameOf, type UserSummary } from '../../realtime/contracts.ts';

/** Everyone in a conversation but the viewer (the Api lists the viewer too). */
export function othersIn(members: readonly UserSummary[], meId: string | null): UserSummary[] {
  return members.filter((member) => member.id !== meId);
}

/** What a conversation is called: the other members, "Ben" or "Ben, Cy and Dee". */
export function conversationTitle(members: readonly UserSummary[], meId: string | null): string {
  const names = othersIn(members, meId).map(nameOf);
  const last = names.pop();
  // Everyone else has left the group.
  if (last === undefined) return 'Only you';
  return names.length === 0 ? last : `${names.join(', ')} and ${last}`;
}
