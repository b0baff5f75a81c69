import { describe, expect, it } from 'vitest';
import { bob, conversation, cy, message } from '../../test/fixtures.ts';
import { withActivity } from './useConversationList.ts';

describe('a new message in the list of conversations', () => {
  const one = conversation('c1', [bob], message(5, 'five', bob, { roomId: 'c1' }));
  const two = conversation('c2', [cy], message(2, 'two', cy, { roomId: 'c2' }));

  it('puts its conversation first with the message as its last one', () => {
    const next = withActivity([one, two], { conversationId: 'c2', message: message(3, 'three', cy, { roomId: 'c2' }) });
    expect(next.map((c) => [c.id, c.lastMessage?.content])).toEqual([['c2', 'three'], ['c1', 'five']]);
  });

  it('keeps a newer last message when an older one arrives late', () => {
    const next = withActivity([two, one], { conversationId: 'c1', message: message(4, 'four', bob, { roomId: 'c1' }) });
    expect(next.map((c) => [c.id, c.lastMessage?.content])).toEqual([['c1', 'five'], ['c2', 'two']]);
  });
});
