import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The Api listens here when run on its own (`dotnet run --project src/ChatRoom.Api`).
const apiTarget = process.env.CHATROOM_API_URL ?? 'http://localhost:5180';

export default defineConfig({
  plugins: [react()],
  build: {
    // ChatRoom.Web serves this folder; it is generated, never committed.
    outDir: '../wwwroot',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/hubs': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
    // The first test in a file also pays for rendering cold; on a busy machine that alone can pass 5 s.
    testTimeout: 15_000,
  },
});
