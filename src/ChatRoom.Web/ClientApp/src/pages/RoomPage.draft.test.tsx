import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { blocksApi } from '../test/fakeApi.ts';
import { message } from '../test/fixtures.ts';
import { user } from '../test/render.tsx';
import { renderRoomWith } from '../test/roomPage.tsx';

describe('a draft handed to the room page', () => {
  beforeEach(() => {
    blocksApi();
  });

  it('waits in the box, is sent as the writer finished it, and is not offered again', async () => {
    const room = await renderRoomWith([message(1, 'Hello')], 'User', { draft: 'About your listing “Lamp”: ' });
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
    expect(box.value).toBe('About your listing “Lamp”: ');
    expect(document.activeElement).toBe(box);

    await user.type(box, 'is it still there?{Enter}');

    await waitFor(() => {
      expect(room.sends().map((s) => s.args[1])).toEqual(['About your listing “Lamp”: is it still there?']);
    });
    expect(box.value).toBe('');
    expect(room.locationState()).toBeNull();
  });
});
