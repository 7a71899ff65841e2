import { config } from "zod";

// Runs in the browser before the app. zod compiles fast object parsers with `new Function`, and
// first probes whether it may: the Content-Security-Policy forbids eval, so the probe would be
// reported as a violation on every page with a form. Parsing without it is fast enough for forms.
config({ jitless: true });
