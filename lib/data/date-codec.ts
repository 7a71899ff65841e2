// Calendar dates (install, removal, assessment…) are stored as PostgreSQL `date`, which Prisma
// hands over as a Date at midnight UTC. The register speaks ISO dates (YYYY-MM-DD) everywhere
// else, so these are the only two places the conversion happens.

export function isoDateOf(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

export function dateOf(iso: string): Date;
export function dateOf(iso: string | null): Date | null;
export function dateOf(iso: string | null): Date | null {
  return iso === null ? null : new Date(`${iso}T00:00:00Z`);
}
