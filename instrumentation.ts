// Runs once per server process before any route: Helia needs Promise.withResolvers on Node 20.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./lib/config/polyfills');
}
