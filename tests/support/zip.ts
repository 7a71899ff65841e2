// Builds zip files and XLSX workbooks for tests, including hostile ones: a part that inflates to
// 400 MB from a few hundred kilobytes, sizes in the headers that lie. Written by hand from the zip
// format (no zip writer is installed); only what the tests need: deflate or store, no zip64.
import { crc32, createDeflateRaw } from "node:zlib";

export interface ZipPart {
  name: string;
  /** The unpacked contents, as pieces (generated lazily, so 400 MB never sits in memory). */
  content: Iterable<string | Buffer>;
  /** Stored as it is, instead of deflated. */
  store?: boolean;
  /** Written in the headers instead of the true unpacked size: a lie. */
  declaredSize?: number;
}

interface Packed {
  name: Buffer;
  crc: number;
  size: number;
  data: Buffer;
  method: number;
  offset: number;
}

async function pack(part: ZipPart): Promise<Omit<Packed, "offset">> {
  let crc = 0;
  let size = 0;
  const out: Buffer[] = [];
  const deflate = part.store ? null : createDeflateRaw({ level: 9 });
  deflate?.on("data", (d: Buffer) => out.push(d));
  for (const piece of part.content) {
    const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (deflate) {
      if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once("drain", resolve));
    } else {
      out.push(bytes);
    }
  }
  if (deflate) {
    const ended = new Promise<void>((resolve, reject) => deflate.once("end", resolve).once("error", reject));
    deflate.end();
    await ended;
  }
  return { name: Buffer.from(part.name, "utf8"), crc, size: part.declaredSize ?? size, data: Buffer.concat(out), method: deflate ? 8 : 0 };
}

function header(signature: number, fields: [number, 2 | 4][]): Buffer {
  const buffer = Buffer.alloc(4 + fields.reduce((n, [, w]) => n + w, 0));
  buffer.writeUInt32LE(signature, 0);
  let at = 4;
  for (const [value, width] of fields) {
    if (width === 2) buffer.writeUInt16LE(value, at);
    else buffer.writeUInt32LE(value >>> 0, at);
    at += width;
  }
  return buffer;
}

export async function buildZip(parts: ZipPart[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const packed: Packed[] = [];
  let offset = 0;
  for (const part of parts) {
    const p = { ...(await pack(part)), offset };
    packed.push(p);
    const local = header(0x04034b50, [[20, 2], [0x0800, 2], [p.method, 2], [0, 2], [0x21, 2], [p.crc, 4], [p.data.length, 4], [p.size, 4], [p.name.length, 2], [0, 2]]);
    chunks.push(local, p.name, p.data);
    offset += local.length + p.name.length + p.data.length;
  }
  const directoryStart = offset;
  for (const p of packed) {
    const central = header(0x02014b50, [
      [20, 2], [20, 2], [0x0800, 2], [p.method, 2], [0, 2], [0x21, 2], [p.crc, 4], [p.data.length, 4], [p.size, 4],
      [p.name.length, 2], [0, 2], [0, 2], [0, 2], [0, 2], [0, 4], [p.offset, 4],
    ]);
    chunks.push(central, p.name);
    offset += central.length + p.name.length;
  }
  chunks.push(header(0x06054b50, [[0, 2], [0, 2], [packed.length, 2], [packed.length, 2], [offset - directoryStart, 4], [directoryStart, 4], [0, 2]]));
  return Buffer.concat(chunks);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook with one sheet, whose sheetData is given as pieces of XML. */
export function workbookParts(sheetData: Iterable<string | Buffer>, options: { sharedStrings?: Iterable<string | Buffer> } = {}): ZipPart[] {
  const parts: ZipPart[] = [
    { name: "[Content_Types].xml", content: [`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`] },
    { name: "_rels/.rels", content: [`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`] },
    { name: "xl/workbook.xml", content: [`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Devices" sheetId="1" r:id="rId1"/></sheets></workbook>`] },
    { name: "xl/_rels/workbook.xml.rels", content: [`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`] },
    { name: "xl/worksheets/sheet1.xml", content: (function* () {
      yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`;
      yield* sheetData;
      yield "</sheetData></worksheet>";
    })() },
  ];
  if (options.sharedStrings) {
    const strings = options.sharedStrings;
    parts.push({ name: "xl/sharedStrings.xml", content: (function* () {
      yield `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">`;
      yield* strings;
      yield "</sst>";
    })() });
  }
  return parts;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function columnLetters(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A row of inline-string cells. */
export function inlineRow(rowNumber: number, cells: string[]): string {
  const xml = cells.map((c, i) => `<c r="${columnLetters(i + 1)}${rowNumber}" t="inlineStr"><is><t>${escapeXml(c)}</t></is></c>`).join("");
  return `<row r="${rowNumber}">${xml}</row>`;
}

/** `total` bytes of one repeated character, in 1 MB pieces. */
export function* repeated(char: string, total: number): Generator<Buffer> {
  const piece = Buffer.alloc(1024 * 1024, char);
  for (let left = total; left > 0; left -= piece.length) yield left >= piece.length ? piece : piece.subarray(0, left);
}

/** The penetration test's file: a sheet whose second row holds one inline-string cell of `bytes` characters. */
export async function inlineStringBomb(header: string[], bytes = 400 * 1024 * 1024): Promise<Buffer> {
  return buildZip(workbookParts((function* () {
    yield inlineRow(1, header);
    yield '<row r="2"><c r="A2" t="inlineStr"><is><t>';
    yield* repeated("A", bytes);
    yield "</t></is></c></row>";
  })()));
}
