import type { Server } from '../platform/http/server.ts';

let app: Server | null = null;

/** Remembers the app so the menu can show only pages that exist (features land one by one). */
export function rememberApp(a: Server): void {
  app = a;
}

/** True when a GET route is registered for the path. */
export function pageExists(path: string): boolean {
  if (!app) return true;
  return app.hasRoute({ method: 'GET', url: path });
}
