// Opens an uploaded XLSX for ExcelJS's streaming reader without letting ExcelJS unzip the upload.
//
// ExcelJS unzips with its own streaming parser, which reads local headers in file order and
// inflates whatever it finds, with no cap. So yauzl reads the zip instead: from the central
// directory, refusing a part whose declared unpacked size is over its cap, and, with
// validateEntrySizes, failing a part that inflates to more than it declared (a lying header).
// Each unpacked part then passes through XmlGuard (cells, rows, shared strings, cell references),
// and the parts ExcelJS needs are handed to it as a fresh, uncompressed zip stream in the order
// it wants them: relationships, workbook, styles, shared strings, then the first sheet. Reading
// the shared strings before the sheet also keeps ExcelJS from copying the sheet to a temporary
// file, which it does when a sheet comes first, and which a crash would leave behind.
import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { ImportFileError, MAX_COLUMNS, XLSX_LIMITS } from "@/lib/import/limits";
import { attribute, XmlGuard, type XmlGuardLimits } from "@/lib/import/xml-guard";

export interface VettedXlsx {
  /** A zip stream holding only the checked parts, for ExcelJS's WorkbookReader. */
  stream: Readable;
  /**
   * Rejects with an ImportFileError as soon as a part is refused. ExcelJS cannot be told that its
   * input failed (it pipes it without listening for errors, and would wait for ever), so the
   * reader races every step against this.
   */
  failure: Promise<never>;
  close(): void;
}

const MAX_ROW = 1_048_576;
const CELL_REF = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/;
const NUMBER = /^[1-9][0-9]{0,6}$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

function sheetLimits(): XmlGuardLimits {
  let columns = 0;
  return {
    maxBytes: XLSX_LIMITS.sheetBytes,
    maxToken: XLSX_LIMITS.tokenBytes,
    record: { tag: "row", maxBytes: XLSX_LIMITS.rowBytes, tooLarge: "tooManyColumns", maxCount: XLSX_LIMITS.sheetRows, tooMany: "tooManyRows" },
    tags: {
      // ExcelJS makes a column object for every column up to the one a cell names.
      c(attributes) {
        const match = CELL_REF.exec(attribute(attributes, "r") ?? "");
        return match !== null && columnNumber(match[1]!) <= MAX_COLUMNS && Number(match[2]) <= MAX_ROW;
      },
      row(attributes) {
        const r = attribute(attributes, "r") ?? "";
        return NUMBER.test(r) && Number(r) <= MAX_ROW;
      },
      // ...and for every column a <col> range covers.
      col(attributes) {
        const min = attribute(attributes, "min") ?? "";
        const max = attribute(attributes, "max") ?? "";
        columns += 1;
        return columns <= MAX_COLUMNS && NUMBER.test(min) && NUMBER.test(max) && Number(min) <= Number(max) && Number(max) <= MAX_COLUMNS;
      },
    },
  };
}

const PARTS = {
  rels: "xl/_rels/workbook.xml.rels",
  workbook: "xl/workbook.xml",
  styles: "xl/styles.xml",
  sharedStrings: "xl/sharedStrings.xml",
} as const;

// ExcelJS only reads a sheet straight through once it has seen both of these; a workbook without
// them gets empty ones.
const EMPTY: Partial<Record<string, Buffer>> = {
  [PARTS.rels]: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'),
  [PARTS.sharedStrings]: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>'),
};

function limitsFor(name: string): XmlGuardLimits {
  const token = XLSX_LIMITS.tokenBytes;
  switch (name) {
    case PARTS.sharedStrings:
      return {
        maxBytes: XLSX_LIMITS.sharedStringsBytes,
        maxToken: token,
        record: { tag: "si", maxBytes: XLSX_LIMITS.sharedStringBytes, tooLarge: "cellTooLong", maxCount: XLSX_LIMITS.sharedStrings, tooMany: "tooMuchData" },
      };
    case PARTS.styles:
      return { maxBytes: XLSX_LIMITS.stylesBytes, maxToken: token };
    case PARTS.rels:
    case PARTS.workbook:
      return { maxBytes: XLSX_LIMITS.workbookBytes, maxToken: token };
    default:
      return sheetLimits();
  }
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (error, zip) =>
      error || !zip ? reject(new ImportFileError("unreadable")) : resolve(zip),
    );
  });
}

/** Every entry of the central directory (at most XLSX_LIMITS.entries of them). */
function readEntries(zip: ZipFile): Promise<Entry[]> {
  if (zip.entryCount > XLSX_LIMITS.entries) return Promise.reject(new ImportFileError("tooMuchData"));
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("entry", (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", () => reject(new ImportFileError("unreadable")));
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(new ImportFileError("unreadable")) : resolve(stream)));
  });
}

/** A local file header for an entry stored without compression (what ExcelJS's unzipper reads). */
function localHeader(name: string, size: number, crc32: number): Buffer {
  const nameBytes = Buffer.from(name, "utf8");
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x0800, 6);
  header.writeUInt16LE(0, 8);
  header.writeUInt16LE(0, 10);
  header.writeUInt16LE(0x21, 12);
  header.writeUInt32LE(crc32 >>> 0, 14);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, nameBytes]);
}

async function write(out: PassThrough, bytes: Buffer): Promise<void> {
  if (!out.write(bytes)) await once(out, "drain");
}

/** Checks the zip's directory and starts streaming its vetted parts; throws ImportFileError. */
export async function openVettedXlsx(path: string): Promise<VettedXlsx> {
  const zip = await openZip(path);
  try {
    const entries = await readEntries(zip);
    const byName = new Map<string, Entry>();
    for (const e of entries) if (!byName.has(e.fileName)) byName.set(e.fileName, e);
    // Only the first worksheet is the register. Excel writes the sheets in tab order.
    const sheet = entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.fileName));
    if (!byName.has(PARTS.workbook) || !sheet) throw new ImportFileError("unreadable");
    const names = [PARTS.rels, PARTS.workbook, PARTS.styles, PARTS.sharedStrings, sheet.fileName];
    const parts = names.flatMap((name) => {
      const entry = byName.get(name);
      const empty = EMPTY[name] ?? null;
      return entry || empty ? [{ name, entry: entry ?? null, empty }] : [];
    });
    for (const { name, entry } of parts) {
      if (!entry) continue;
      if (entry.isEncrypted() || !entry.canDecodeFileData()) throw new ImportFileError("unreadable");
      if (entry.uncompressedSize > limitsFor(name).maxBytes) throw new ImportFileError("tooMuchData");
    }

    const out = new PassThrough();
    const sources = new Set<Readable>();
    let fail!: (error: unknown) => void;
    const failure = new Promise<never>((_, reject) => (fail = reject));
    // Raced at every step; until then, a refusal must not count as unhandled.
    failure.catch(() => {});
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      for (const s of sources) s.destroy();
      out.destroy();
      zip.close();
    };

    void (async () => {
      for (const { name, entry, empty } of parts) {
        if (closed) return;
        if (!entry) {
          if (empty) {
            await write(out, localHeader(name, empty.length, 0));
            await write(out, empty);
          }
          continue;
        }
        await write(out, localHeader(name, entry.uncompressedSize, entry.crc32));
        const source = await openEntry(zip, entry);
        sources.add(source);
        await pipeline(source, new XmlGuard(limitsFor(name)), out, { end: false });
        sources.delete(source);
      }
      out.end();
    })().catch((error: unknown) => {
      if (closed) return;
      fail(error instanceof ImportFileError ? error : new ImportFileError("unreadable"));
      close();
    });

    return { stream: out, failure, close };
  } catch (error) {
    zip.close();
    throw error;
  }
}
