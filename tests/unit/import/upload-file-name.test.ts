import { describe, expect, it } from "vitest";
import { LIMIT_MESSAGES } from "@/lib/import/limits";
import { decodeFileNameHeader, parseUploadFileName } from "@/lib/validation/upload-file-name";

describe("the X-File-Name header", () => {
  it.each([
    ["devices.csv", { ok: true, name: "devices.csv" }],
    [encodeURIComponent("Café register (v2).xlsx"), { ok: true, name: "Café register (v2).xlsx" }],
    [encodeURIComponent("Cafe\u0301.csv"), { ok: true, name: "Café.csv" }],
    ["%E0%A4%A", { ok: false, error: LIMIT_MESSAGES.fileNameUnreadable }],
    ["%", { ok: false, error: LIMIT_MESSAGES.fileNameUnreadable }],
    ["%ED%A0%80.csv", { ok: false, error: LIMIT_MESSAGES.fileNameUnreadable }],
    ["a%00.csv", { ok: false, error: LIMIT_MESSAGES.fileNameUnreadable }],
    ["a%0D%0ASet-Cookie.csv", { ok: false, error: LIMIT_MESSAGES.fileNameUnreadable }],
    ["a%C2%85.csv", { ok: false, error: LIMIT_MESSAGES.fileNameUnreadable }],
    ["", { ok: false, error: LIMIT_MESSAGES.noFile }],
    ["%20%20", { ok: false, error: LIMIT_MESSAGES.noFile }],
    [`${"n".repeat(196)}.csv`, { ok: true, name: `${"n".repeat(196)}.csv` }],
    [`${"n".repeat(197)}.csv`, { ok: false, error: LIMIT_MESSAGES.fileNameTooLong }],
    [encodeURIComponent(`${"😀".repeat(196)}.csv`), { ok: true, name: `${"😀".repeat(196)}.csv` }],
    [encodeURIComponent("../../etc/passwd.csv"), { ok: true, name: "passwd.csv" }],
    [encodeURIComponent("C:\\temp\\devices.csv"), { ok: true, name: "devices.csv" }],
  ])("%j", (header, expected) => {
    expect(decodeFileNameHeader(header)).toEqual(expected);
  });

  it("refuses a name that arrives with no header at all", () => {
    expect(decodeFileNameHeader(null)).toEqual({ ok: false, error: LIMIT_MESSAGES.noFile });
  });

  it("refuses half a surrogate pair from a form post", () => {
    expect(parseUploadFileName("half\uDC00.csv")).toEqual({ ok: false, error: LIMIT_MESSAGES.fileNameUnreadable });
  });
});
