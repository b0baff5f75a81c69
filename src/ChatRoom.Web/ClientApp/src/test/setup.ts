// Runs before every test file (vite.config.ts): the MSW edge, and a clean page between tests.
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { sentRequests, server } from './server.ts';

// findBy… and waitFor wait this long: the machines running the tests are often busy with other builds.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});

beforeEach(() => {
  sentRequests.length = 0;
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
});

afterAll(() => {
  server.close();
});
