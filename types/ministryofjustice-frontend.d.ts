// MOJ Frontend ships no type declarations. Only what the service calls is declared.
declare module "@ministryofjustice/frontend" {
  export function initAll(config?: { scope?: Element | Document | null; onError?: (error: unknown) => void }): void;
}
