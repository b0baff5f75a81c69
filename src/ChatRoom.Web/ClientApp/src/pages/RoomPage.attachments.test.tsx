import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttachmentDto } from '../realtime/contracts.ts';
import { blocksApi, problem } from '../test/fakeApi.ts';
import { bob, message } from '../test/fixtures.ts';
import { user } from '../test/render.tsx';
import { itemOf, renderRoomWith } from '../test/roomPage.tsx';
import { mockApi } from '../test/server.ts';

beforeEach(() => {
  blocksApi();
});

const photo: AttachmentDto = { id: 'a1', fileName: 'cat.png', contentType: 'image/png', sizeBytes: 2048, isImage: true };
const report: AttachmentDto = { id: 'a2', fileName: 'report.pdf', contentType: 'application/pdf', sizeBytes: 12 * 1024, isImage: false };

const file = (name: string, type: string, size = 2048) => new File([new Uint8Array(size)], name, { type });

describe('sending files', () => {
  it('uploads a chosen file at once, shows it as a chip, and sends it without text', async () => {
    let answer: (value: Response) => void = () => undefined;
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:cat-1');
    const api = mockApi({
      'POST /api/rooms/:roomId/attachments': () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
      // The sent message shows its image.
      'GET /api/attachments/:id': () => new Response(new Uint8Array([1, 2, 3])),
    });
    const { sends } = await renderRoomWith([message(1, 'hi', bob)]);
    expect(screen.getByRole('button', { name: 'Attach file' })).toBeTruthy();

    await user.upload(screen.getByLabelText<HTMLInputElement>('Attach file'), file('cat.png', 'image/png'));

    const chips = screen.getByRole('list', { name: 'Files to send' });
    const chip = within(chips).getByRole('listitem');
    expect(chip.textContent).toContain('cat.png');
    expect(chip.textContent).toContain('Uploading…');
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send.hasAttribute('disabled')).toBe(true);

    answer(Response.json(photo, { status: 201 }));
    await within(chip).findByText('Ready, 2 KB');
    expect(send.hasAttribute('disabled')).toBe(false);
    expect(api.requests[0]?.body).toEqual({ file: { type: 'image/png', size: 2048 } });
    expect(api.requests[0]?.path).toBe('/api/rooms/r1/attachments');

    await user.click(send);
    await waitFor(() => {
      expect(sends()).toHaveLength(1);
    });
    expect(sends()[0]?.method).toBe('SendMessageWith');
    expect(sends()[0]?.args[1]).toBe('');
    expect(sends()[0]?.args[3]).toEqual({ replyToId: null, attachmentIds: ['a1'] });
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
    expect(await screen.findByRole('img', { name: 'cat.png' })).toBeTruthy();
  });

  it('says why a file is refused, and lets it be removed', async () => {
    mockApi({
      'POST /api/rooms/:roomId/attachments': () => problem(400, { code: 'attachment.type_denied', detail: 'Programs are not allowed.' }),
    });
    await renderRoomWith([message(1, 'hi', bob)]);

    await user.upload(screen.getByLabelText<HTMLInputElement>('Attach file'), file('setup.exe', 'application/x-msdownload'));

    expect((await screen.findByRole('alert')).textContent).toBe('setup.exe cannot be sent: programs and scripts are not allowed.');
    expect(screen.getByRole('button', { name: 'Send' }).hasAttribute('disabled')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Remove setup.exe' }));
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
  });

  it('offers no files to guests', async () => {
    await renderRoomWith([message(1, 'hi', bob)], 'Guest');

    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Attach file' })).toBeNull();
    expect(screen.queryByLabelText('Attach file')).toBeNull();
  });
});

describe('files in messages', () => {
  it('shows an image inline from its object URL, and lets go of it when the message goes', async () => {
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:cat-1');
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const api = mockApi({ 'GET /api/attachments/:id': () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'image/png' } }) });
    const { log, raise } = await renderRoomWith([message(1, 'look', bob, { attachments: [photo] })]);

    const image = await within(itemOf(log, 'look')).findByRole<HTMLImageElement>('img', { name: 'cat.png' });
    expect(image.getAttribute('src')).toBe('blob:cat-1');
    expect(within(itemOf(log, 'look')).getByRole('link', { name: 'Open cat.png in full size' }).getAttribute('href')).toBe('blob:cat-1');
    expect((created.mock.calls[0]?.[0] as Blob).type).toBe('image/png');
    expect(api.urls()).toEqual(['/api/attachments/a1']);

    raise('MessageDeleted', { roomId: 'r1', messageId: 'm1', seq: 1, changeSeq: 2 });
    await waitFor(() => {
      expect(revoked).toHaveBeenCalledWith('blob:cat-1');
    });
  });

  it('offers other files as a download, fetched when asked', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report-1');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const api = mockApi({ 'GET /api/attachments/:id': () => new Response(new Uint8Array([1, 2, 3])) });
    const { log } = await renderRoomWith([message(1, 'the numbers', bob, { attachments: [report] })]);

    const item = itemOf(log, 'the numbers');
    expect(within(item).getByText('12 KB')).toBeTruthy();
    expect(api.requests).toEqual([]);
    await user.click(within(item).getByRole('button', { name: 'Download report.pdf' }));

    await waitFor(() => {
      expect(clicked).toHaveBeenCalledTimes(1);
    });
    const link = clicked.mock.contexts[0] as HTMLAnchorElement;
    expect([link.download, link.getAttribute('href')]).toEqual(['report.pdf', 'blob:report-1']);
    expect(api.urls()).toEqual(['/api/attachments/a2']);
  });

  it('says when a file is no longer available', async () => {
    mockApi({ 'GET /api/attachments/:id': () => problem(404, { code: 'attachment.not_found', detail: 'There is no such file.' }) });
    const { log } = await renderRoomWith([message(1, 'look', bob, { attachments: [photo] })]);

    expect(await within(itemOf(log, 'look')).findByText('File no longer available')).toBeTruthy();
  });

  it('lists the files of a message on its way by name', async () => {
    mockApi({ 'POST /api/rooms/:roomId/attachments': () => Response.json(report, { status: 201 }) });
    const { log } = await renderRoomWith([message(1, 'hi', bob)], 'User', { holdSends: true });

    await user.upload(screen.getByLabelText<HTMLInputElement>('Attach file'), file('report.pdf', 'application/pdf'));
    await screen.findByText('Ready, 2 KB');
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'see attached{Enter}');

    const pending = itemOf(log, 'see attached');
    expect(within(pending).getByText('Sending…')).toBeTruthy();
    expect(within(pending).getByRole('group', { name: 'Attachments' }).textContent).toContain('report.pdf');
  });
});
