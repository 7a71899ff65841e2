// The Prisma CLI's WASM engine leaves long timers behind, so the CLI lingers after its work is
// done. Unreferencing long timers lets the process exit as soon as the work is finished.
const original = global.setTimeout;
global.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  const timer = original(fn, ms, ...args);
  if (typeof ms === "number" && ms >= 10_000 && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
