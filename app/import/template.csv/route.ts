import { route } from "@/lib/auth/route";
import { templateCsv } from "@/lib/import/template";

export const GET = route("register:write", async () => {
  return new Response(templateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="camera-register-import-template.csv"',
      "Cache-Control": "no-store",
    },
  });
});
