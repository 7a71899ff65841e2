/**
 * Tiny class-name joiner (clsx is not installed).
 * Accepts strings, falsy values and nested arrays; drops falsy entries.
 */
export type ClassValue = string | number | false | null | undefined | readonly ClassValue[];

export function cx(...values: ClassValue[]): string {
  const out: string[] = [];
  const walk = (value: ClassValue): void => {
    if (!value) return;
    if (Array.isArray(value)) {
      for (const v of value as readonly ClassValue[]) walk(v);
      return;
    }
    out.push(String(value));
  };
  for (const v of values) walk(v);
  return out.join(" ");
}

/** Join ids for aria-describedby; returns undefined when there are none. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const joined = ids.filter((id): id is string => typeof id === "string" && id.length > 0).join(" ");
  return joined.length > 0 ? joined : undefined;
}
