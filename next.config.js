/** @type {import('next').NextConfig} */
const nextConfig = {
  // Parallel builds on one machine (a developer's second checkout of the tests, say) each need
  // their own build directory; production uses the default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // MOJ Frontend's Sass loads govuk-frontend as "node_modules/govuk-frontend/…", which its own
  // installation guide resolves by adding the project root to Sass's load paths.
  sassOptions: { loadPaths: [import.meta.dirname] },
  // forbidden() renders app/forbidden.tsx with a 403 status. The proxy (proxy.ts) runs on every
  // request and passes on at most proxyClientMaxBodySize of a body (10 MB by default), cutting a
  // longer one short without an error: a 15 MB import file arrived as its first 10 MB and its first
  // 9,614 rows were offered for import. 129 MB is above the largest body any route takes (a 128 MB
  // network scan, lib/discovery/limits.ts), so each route's own limit, checked on the declared
  // length before a byte is read, refuses a body too large in its own words.
  experimental: { authInterrupts: true, proxyClientMaxBodySize: "129mb" },
  // Type checking is its own CI step (npm run typecheck); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // PGlite is only used by scripts, but keep it out of the server bundle if imported.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2", "pdfkit", "exceljs", "pg-boss"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          // No powerful browser features: nothing in the service needs them.
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=()",
          },
          // No other site's window may hold a reference to ours, nor embed our responses.
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
          // The register's data is OFFICIAL-SENSITIVE: keep pages out of shared caches.
          { key: "Cache-Control", value: "private, no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
