import { describe, expect, it } from "vitest";
import { echoableValues } from "@/lib/auth/action";

// A form that failed validation is re-filled from what was sent, but typed passwords (an
// administrator's temporary password, a user's current and new ones) never travel back.
describe("values sent back to re-fill a form", () => {
  it("keeps every field but passwords", () => {
    expect(
      echoableValues({
        email: "new.person@ho.example.gov.uk",
        name: "New Person",
        password: "Temporary-password-1",
        currentPassword: "x",
        newPassword: "y",
        confirm_password: "y",
        PASSWORD: "z",
        version: "3",
      }),
    ).toEqual({ email: "new.person@ho.example.gov.uk", name: "New Person", version: "3" });
  });
});
