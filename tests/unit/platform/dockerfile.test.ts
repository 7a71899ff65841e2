// No Docker engine runs where the tests run, so the container recipe is checked by reading it: it
// must take the same steps CI and the end-to-end tests take (npm ci, the production build,
// scripts/start.ts), run as a user other than root, check /healthz, and bake in no secret.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile as instructions, continuation lines joined and comments dropped, split into stages. */
function stages(text: string): { from: string; name: string | null; instructions: Instruction[] }[] {
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const args = new Map<string, string>();
  const result: { from: string; name: string | null; instructions: Instruction[] }[] = [];
  for (const line of lines) {
    const [, keyword = "", rest = ""] = line.match(/^(\S+)\s*(.*)$/) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest };
    if (instruction.keyword === "ARG" && result.length === 0) {
      const [name, value] = rest.split("=");
      if (name && value) args.set(name, value);
    } else if (instruction.keyword === "FROM") {
      const [image = "", , name = null] = rest.split(/\s+/);
      result.push({ from: image.replace(/\$\{(\w+)\}/g, (_, n: string) => args.get(n) ?? ""), name, instructions: [] });
    } else {
      result.at(-1)?.instructions.push(instruction);
    }
  }
  return result;
}

const dockerfile = readFileSync("Dockerfile", "utf8");
const all = stages(dockerfile);
const runtime = all.at(-1)!;
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
const of = (stage: typeof runtime, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);

describe("Dockerfile", () => {
  it("builds in one stage and runs from another, on Node at least as new as the tests run on", () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) {
      const major = Number(stage.from.match(/^node:(\d+)/)?.[1]);
      expect(major, stage.from).toBeGreaterThanOrEqual(Number(process.versions.node.split(".")[0]));
    }
  });

  it("takes the steps CI and the end-to-end tests take: npm ci, npm run build, then npm start", () => {
    const runs = all.flatMap((s) => of(s, "RUN").map((i) => i.args));
    const ci = runs.findIndex((r) => /^npm ci\b/.test(r));
    const build = runs.findIndex((r) => /^npm run build\b/.test(r));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(build).toBeGreaterThan(ci);
    expect(of(runtime, "CMD").at(-1)?.args).toBe('["npm", "start"]');

    // ...and those are what the tests run: CI installs with npm ci (whose postinstall generates the
    // Prisma client), the e2e script builds with next build, and the e2e server is scripts/start.ts.
    expect(readFileSync(".ci/run", "utf8")).toMatch(/^npm ci\b/m);
    expect(pkg.scripts.postinstall).toMatch(/prisma generate/);
    expect(pkg.scripts.build).toBe("next build");
    expect(readFileSync("scripts/test-e2e.sh", "utf8")).toMatch(/npx next build/);
    expect(pkg.scripts.start).toBe("tsx scripts/start.ts");
    expect(readFileSync("scripts/e2e-server.ts", "utf8")).toContain('"scripts/start.ts"');
  });

  it("runs in production mode as a user other than root, on port 3000, with a health check on /healthz", () => {
    const users = of(runtime, "USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);
    const env = of(runtime, "ENV").map((i) => i.args).join(" ");
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(env).toMatch(/\bPORT=3000\b/);
    expect(of(runtime, "EXPOSE").map((i) => i.args)).toContain("3000");
    const health = of(runtime, "HEALTHCHECK");
    expect(health).toHaveLength(1);
    expect(health[0]!.args).toMatch(/\/healthz/);
    expect(health[0]!.args).not.toMatch(/^NONE/);
  });

  it("has the PostgreSQL client tools for backups, and the data directory as a volume", () => {
    expect(of(runtime, "RUN").some((i) => /apt-get install\b.*\bpostgresql-client\b/.test(i.args))).toBe(true);
    expect(of(runtime, "VOLUME").map((i) => i.args).join(" ")).toMatch(/\.data/);
  });

  it("bakes in no secret", () => {
    const secrets = /\b(NEXTAUTH_SECRET|DATABASE_URL|DATABASE_APP_PASSWORD|METRICS_TOKEN|PGPASSWORD)\b/;
    for (const stage of all) {
      for (const i of stage.instructions.filter((x) => x.keyword === "ENV" || x.keyword === "ARG")) {
        expect(i.args, `${i.keyword} ${i.args}`).not.toMatch(secrets);
      }
      for (const i of stage.instructions.filter((x) => x.keyword === "COPY" || x.keyword === "ADD")) {
        expect(i.args, `${i.keyword} ${i.args}`).not.toMatch(/(^|\s|\/)\.env\b/);
      }
    }
  });
});

describe(".dockerignore", () => {
  const patterns = readFileSync(".dockerignore", "utf8").split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  /** Whether a path is kept out of the build context (top-level names and ** patterns, as used here). */
  const ignored = (file: string) =>
    patterns.some((p) => {
      const top = file.split("/")[0]!;
      if (p === top || p === file) return true;
      if (p.startsWith("**/")) return file.split("/").includes(p.slice(3));
      if (p.endsWith(".*")) return top.startsWith(p.slice(0, -1));
      return false;
    });

  it("keeps secrets, data, dependencies, builds and test artefacts out of the image", () => {
    for (const file of [
      ".env", ".env.production", ".data/pglite/PG_VERSION", ".data/auth-secret", ".data/backups/x.backup",
      "node_modules/next/package.json", ".next/BUILD_ID", "generated/prisma/client.ts",
      "test-results/run/trace.zip", "playwright-report/index.html", "bench-results/latest.json", ".git/HEAD",
    ]) {
      expect(ignored(file), file).toBe(true);
    }
  });

  it("keeps what the build needs", () => {
    for (const file of ["package.json", "package-lock.json", "prisma/schema.prisma", "prisma.config.ts", "app/layout.tsx", "lib/env.ts", "scripts/start.ts", "next.config.js", "tsconfig.json"]) {
      expect(ignored(file), file).toBe(false);
    }
  });
});
