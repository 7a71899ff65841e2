// Whether a process on this machine still runs: signal 0 checks without sending anything, and
// EPERM means it exists under another user.
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
