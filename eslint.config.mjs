import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "scripts/unref-timers.cjs"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Links are plain <a> elements, as in GOV.UK Frontend: every navigation is a full page load,
      // and next/link cost more on the server than whole tables (docs/ARCHITECTURE.md).
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  {
    // Components render what they are given: data comes from pages, types from types modules.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/data", "@/lib/data/*", "@/lib/db*"], message: "Components never touch the data layer: share types from a types module." }] }],
    },
  },
  {
    // lib/ is below the pages and components: it never reaches up into them.
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/components/*", "@/app/*"], message: "lib/ never depends on components or pages." }] }],
    },
  },
  {
    // The rules engine is pure: no I/O, no frameworks, no clock.
    files: ["lib/compliance/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "pg", "@prisma/*", "@/generated/*", "next", "next/*", "react", "@/lib/db*", "@/lib/data/*", "@/components/*", "@/app/*"] }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "The engine has no clock: take asOf as an argument." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "The engine has no clock: take asOf as an argument." },
      ],
    },
  },
  {
    // Only lib/env.ts reads the environment (scripts, tests and tool configs set it up).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.ts"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings through lib/env.ts." }],
    },
  },
];

export default config;
