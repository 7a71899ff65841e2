// The gate in front of the XLSX reader, fed hostile XML directly, in one piece and byte by byte
// (a cap must hold wherever the stream happens to be split).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ImportFileError, type LimitCode } from "@/lib/import/limits";
import { attribute, XmlGuard, type XmlGuardLimits } from "@/lib/import/xml-guard";

const LIMITS: XmlGuardLimits = {
  maxBytes: 10_000,
  maxToken: 100,
  record: { tag: "row", maxBytes: 300, tooLarge: "tooManyColumns", maxCount: 3, tooMany: "tooManyRows" },
  tags: { c: (a) => attribute(a, "r") !== "BAD1" },
};

async function run(xml: string, split: boolean): Promise<LimitCode | "ok"> {
  const bytes = Buffer.from(xml, "utf8");
  const pieces = split ? [...bytes].map((b) => Buffer.from([b])) : [bytes];
  try {
    await pipeline(Readable.from(pieces), new XmlGuard(LIMITS), new Writable({ write: (_c, _e, done) => done() }));
    return "ok";
  } catch (error) {
    if (error instanceof ImportFileError) return error.code;
    throw error;
  }
}

const x = (n: number) => "x".repeat(n);

const CASES: [string, string, LimitCode | "ok"][] = [
  ["an ordinary sheet", `<?xml version="1.0"?><ws><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></ws>`, "ok"],
  ["a text at the cap", `<t>${x(99)}</t>`, "ok"],
  ["a text over the cap", `<t>${x(101)}</t>`, "cellTooLong"],
  ["a text over the cap with no tag after it", `<t>${x(150)}`, "cellTooLong"],
  ["an attribute value over the cap", `<t a="${x(120)}"/>`, "unreadable"],
  ["'>' inside attribute values, adding up past the cap", `<t a="${"> ".repeat(60)}"/>`, "unreadable"],
  ["'<' inside a CDATA section, over the cap", `<t><![CDATA[${"<".repeat(120)}]]></t>`, "cellTooLong"],
  ["a short CDATA section", `<t><![CDATA[a<b]]></t>`, "ok"],
  ["markup inside a CDATA section is text, not rows", `<t><![CDATA[ > ]> <row r="1"/><row r="2"/><row r="3"/><row r="4"/> ]]></t>`, "ok"],
  ["markup inside a comment is not rows", `<!-- > -> <row r="1"/><row r="2"/><row r="3"/><row r="4"/> --><t/>`, "ok"],
  ["a comment full of '<' over the cap", `<!--${"<".repeat(120)}--><t/>`, "unreadable"],
  ["a short comment with dashes", `<!-- a - b -- c ---><t/>`, "ok"],
  ["a processing instruction over the cap", `<?pi ${x(120)}?><t/>`, "unreadable"],
  ["a document type declaration", `<!DOCTYPE t [<!ENTITY a "b">]><t/>`, "unreadable"],
  ["a row over its byte cap made of small cells", `<row r="1">${"<c r=\"A1\"/>".repeat(40)}</row>`, "tooManyColumns"],
  ["rows under their caps", `<row r="1"><c r="A1"/></row><row r="2"/><row r="3"/>`, "ok"],
  ["a fourth row", `<row r="1"/><row r="2"/><row r="3"/><row r="4"/>`, "tooManyRows"],
  ["a refused cell reference", `<row r="1"><c r="BAD1"/></row>`, "unreadable"],
  ["a prefixed element the reader ignores", `<x:c r="BAD1"/>`, "ok"],
  ["a document cut off inside a tag", `<t a="1`, "unreadable"],
  ["a whole part over its cap", `<t/>${"<u/>".repeat(2_600)}`, "tooMuchData"],
];

describe("XmlGuard", () => {
  for (const [name, xml, expected] of CASES) {
    it(`${name}: ${expected}`, async () => {
      expect(await run(xml, false)).toBe(expected);
      expect(await run(xml, true)).toBe(expected);
    });
  }
});

describe("attribute", () => {
  it("reads single- and double-quoted values, and only the attribute named", () => {
    expect(attribute(' r="A1" t="s"', "r")).toBe("A1");
    expect(attribute(" t='s' r='B2'", "r")).toBe("B2");
    expect(attribute(' spans="1:3"', "s")).toBeNull();
    expect(attribute(" ", "r")).toBeNull();
  });
});
