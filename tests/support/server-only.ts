// Vitest runs data-layer code outside React Server Components, where the real package throws.
export {};
