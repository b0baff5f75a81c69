import { describe, expect, it } from 'vitest';
import { hubException } from '../test/fakeHub.ts';
import { describeHubError, HUB_FAILED, HUB_UNREACHABLE, hubError } from './hubErrors.ts';

describe('hubError', () => {
  it('reads the code, detail and wait from the JSON inside the client’s sentence', () => {
    expect(hubError(hubException('SendMessage', 'chat.muted', 'You are muted until 10:30 UTC.'))).toEqual({
      code: 'chat.muted',
      detail: 'You are muted until 10:30 UTC.',
      retryAfter: null,
    });
    expect(hubError(hubException('SendMessage', 'chat.rate_limited', 'You are sending too fast.', 2.2))).toEqual({
      code: 'chat.rate_limited',
      detail: 'You are sending too fast.',
      retryAfter: 3,
    });
  });

  it('answers null for anything that is not the server’s JSON error', () => {
    expect(hubError(new Error('WebSocket closed with status code: 1006.'))).toBeNull();
    expect(hubError(new Error("An unexpected error occurred invoking 'JoinRoom' on the server. HubException: Join first."))).toBeNull();
    expect(hubError(new Error('HubException: {"code":"x"}'))).toBeNull();
    expect(hubError(undefined)).toBeNull();
  });
});

describe('describeHubError', () => {
  it('shows the detail as the server words it, wait included', () => {
    expect(describeHubError(hubException('SendMessage', 'chat.muted', 'You are muted.'))).toBe('You are muted.');
    expect(describeHubError(hubException('Typing', 'hub.rate_limited', 'Too many calls on this connection. Try again in 4 s.', 4))).toBe(
      'Too many calls on this connection. Try again in 4 s.',
    );
  });

  it('falls back to a sentence of its own when the error cannot be read', () => {
    expect(describeHubError(new Error('HubException: not json'))).toBe(HUB_FAILED);
    expect(describeHubError(new Error('Network down'))).toBe(HUB_UNREACHABLE);
  });
});
