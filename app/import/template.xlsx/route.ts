import { route } from "@/lib/auth/route";
import { templateXlsx } from "@/lib/import/template";

export const GET = route("register:write", async () => {
  const body = await templateXlsx();
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": 'attachment; filename="camera-register-import-template.xlsx"',
      "Cache-Control": "no-store",
    },
  });
});
