// A gate on the unpacked XML of a workbook's parts, in front of the XLSX reader. The reader holds
// every piece of XML it is parsing in memory (a text, a tag, a comment, a whole row, a whole shared
// string), and creates a column object for every column up to the highest one a cell names, so a
// tiny file with one 400 MB cell, or one cell at column 8 billion, can exhaust the server. This
// lexer sees the same bytes first and refuses the file as soon as one of them is over its cap.
// It knows just enough XML to find where each piece starts and ends: tags (with quoted attribute
// values, which may hold ">"), text, comments, CDATA sections and processing instructions.
// A document type declaration is refused: spreadsheets never have one, and it can define entities.
import { Transform, type TransformCallback } from "node:stream";
import { ImportFileError, type LimitCode } from "@/lib/import/limits";

export interface XmlGuardLimits {
  /** The whole part, unpacked. */
  maxBytes: number;
  /** One tag, text, comment, CDATA section or processing instruction. */
  maxToken: number;
  /** A repeated element held whole in memory by the reader (a row, a shared string). */
  record?: { tag: string; maxBytes: number; tooLarge: LimitCode; maxCount: number; tooMany: LimitCode };
  /** Elements whose attributes the reader trusts: false refuses the file. */
  tags?: Readonly<Record<string, (attributes: string) => boolean>>;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const DQ = 0x22;
const SQ = 0x27;

type State = "text" | "open" | "tag" | "bang" | "comment" | "cdata" | "pi";

function isNameEnd(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === SLASH || b === GT;
}

export class XmlGuard extends Transform {
  private state: State = "text";
  private total = 0;
  private token = 0;
  private name = "";
  private nameDone = false;
  private closing = false;
  private quote = 0;
  private previous = 0;
  private capture: Buffer[] | null = null;
  private bang = "";
  private run = 0;
  private inRecord = false;
  private recordBytes = 0;
  private records = 0;

  constructor(private readonly limits: XmlGuardLimits) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.total += chunk.length;
      if (this.total > this.limits.maxBytes) throw new ImportFileError("tooMuchData");
      this.scan(chunk);
      done(null, chunk);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    // A part cut off inside a tag or comment is not a document the reader should see.
    done(this.state === "text" ? null : new ImportFileError("unreadable"));
  }

  private grow(n: number, code: LimitCode): void {
    this.token += n;
    if (this.token > this.limits.maxToken) throw new ImportFileError(code);
    if (this.inRecord) {
      this.recordBytes += n;
      const record = this.limits.record!;
      if (this.recordBytes > record.maxBytes) throw new ImportFileError(record.tooLarge);
    }
  }

  private scan(chunk: Buffer): void {
    const len = chunk.length;
    let i = 0;
    while (i < len) {
      switch (this.state) {
        case "text": {
          const j = chunk.indexOf(LT, i);
          const end = j === -1 ? len : j;
          this.grow(end - i, "cellTooLong");
          if (j === -1) return;
          this.token = 0;
          this.grow(1, "unreadable");
          this.state = "open";
          i = j + 1;
          break;
        }
        case "open": {
          const b = chunk[i]!;
          if (b === 0x21) {
            this.state = "bang";
            this.bang = "";
            this.grow(1, "unreadable");
            i++;
          } else if (b === 0x3f) {
            this.state = "pi";
            this.previous = 0;
            this.grow(1, "unreadable");
            i++;
          } else {
            this.state = "tag";
            this.closing = b === SLASH;
            this.name = "";
            this.nameDone = false;
            this.quote = 0;
            this.previous = 0;
            this.capture = null;
            if (this.closing) {
              this.grow(1, "unreadable");
              i++;
            }
          }
          break;
        }
        case "tag":
          i = this.scanTag(chunk, i);
          break;
        case "bang": {
          const b = chunk[i]!;
          this.grow(1, "unreadable");
          i++;
          this.bang += String.fromCharCode(b);
          if (this.bang === "--") {
            this.state = "comment";
            this.run = 0;
          } else if (this.bang === "[CDATA[") {
            this.state = "cdata";
            this.run = 0;
          } else if (!"--".startsWith(this.bang) && !"[CDATA[".startsWith(this.bang)) {
            throw new ImportFileError("unreadable");
          }
          break;
        }
        case "comment":
        case "cdata":
        case "pi":
          i = this.scanUntilClose(chunk, i);
          break;
      }
    }
  }

  /** Comments end "-->", CDATA "]]>", processing instructions "?>". */
  private scanUntilClose(chunk: Buffer, start: number): number {
    const mark = this.state === "comment" ? 0x2d : this.state === "cdata" ? 0x5d : 0x3f;
    const needed = this.state === "pi" ? 1 : 2;
    const code: LimitCode = this.state === "cdata" ? "cellTooLong" : "unreadable";
    let i = start;
    while (i < chunk.length) {
      const b = chunk[i++]!;
      if (b === GT && this.run >= needed) {
        this.grow(i - start, code);
        this.state = "text";
        this.token = 0;
        return i;
      }
      this.run = b === mark ? this.run + 1 : 0;
    }
    this.grow(i - start, code);
    return i;
  }

  private scanTag(chunk: Buffer, start: number): number {
    let i = start;
    let captureFrom = this.capture ? start : -1;
    while (i < chunk.length) {
      const b = chunk[i]!;
      if (!this.nameDone) {
        if (isNameEnd(b) || this.name.length >= 32) {
          this.nameDone = true;
          if (!this.closing && this.limits.tags?.[this.name]) {
            this.capture = [];
            captureFrom = i;
          }
        } else {
          this.name += String.fromCharCode(b);
        }
      }
      if (this.quote !== 0) {
        if (b === this.quote) this.quote = 0;
      } else if (b === DQ || b === SQ) {
        this.quote = b;
      } else if (b === GT && this.nameDone) {
        if (this.capture && captureFrom >= 0) this.capture.push(chunk.subarray(captureFrom, i));
        this.grow(i + 1 - start, "unreadable");
        this.endTag(this.previous === SLASH);
        return i + 1;
      }
      this.previous = b;
      i++;
    }
    if (this.capture && captureFrom >= 0) this.capture.push(chunk.subarray(captureFrom, i));
    this.grow(i - start, "unreadable");
    return i;
  }

  private endTag(selfClosing: boolean): void {
    const { record, tags } = this.limits;
    this.state = "text";
    if (this.closing) {
      if (record && this.name === record.tag) this.inRecord = false;
    } else {
      const check = tags?.[this.name];
      if (check && !check(Buffer.concat(this.capture ?? []).toString("utf8"))) throw new ImportFileError("unreadable");
      if (record && this.name === record.tag) {
        this.records += 1;
        if (this.records > record.maxCount) throw new ImportFileError(record.tooMany);
        if (!selfClosing) {
          this.inRecord = true;
          this.recordBytes = this.token;
        }
      }
    }
    this.capture = null;
    this.token = 0;
  }
}

/** The value of one attribute, as written (the reader would decode entities; we refuse them). */
export function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? (match[1] ?? match[2] ?? null) : null;
}
