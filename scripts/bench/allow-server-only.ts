// The data layer marks itself "server-only"; outside React Server Components that package throws.
// A benchmark calls this before it imports the data layer (dynamically, so the hook is in place).
import { register } from "node:module";

export function allowServerOnly(): void {
  register(
    "data:text/javascript," +
      encodeURIComponent(
        `export async function resolve(specifier, context, next) {
          if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
          return next(specifier, context);
        }`,
      ),
  );
}
