import { inflateSync } from "node:zlib";

// Just enough of a PDF reader to check a tagged PDF the way an accessibility checker does: the
// structure tree (roles, attributes, the marked content each element owns) and every page's
// content stream (what is drawn inside tagged content, inside artifacts, or outside both). It reads
// the files our PDF builder writes (pdfkit: plain object dictionaries, Flate-compressed streams, no
// object streams or cross-reference streams), not PDFs in general.

type Value = number | boolean | null | string | Name | Ref | Value[] | Dict | Keyword;
class Name {
  constructor(readonly name: string) {}
}
class Ref {
  constructor(readonly id: number) {}
}
class Keyword {
  constructor(readonly word: string) {}
}
type Dict = Map<string, Value>;

const DELIMITERS = new Set(["(", ")", "<", ">", "[", "]", "{", "}", "/", "%"]);
const isWhite = (c: string | undefined) => c === " " || c === "\n" || c === "\r" || c === "\t" || c === "\f" || c === "\0";

/** PDF text strings: UTF-16BE with a byte-order mark, otherwise one byte per character. */
function decodeBytes(bytes: number[]): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = "";
    for (let i = 2; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return s;
  }
  return String.fromCharCode(...bytes);
}

class Lexer {
  pos = 0;
  constructor(private readonly s: string, private readonly end = s.length) {}

  private skip(): void {
    while (this.pos < this.end) {
      const c = this.s[this.pos];
      if (isWhite(c)) this.pos++;
      else if (c === "%") while (this.pos < this.end && this.s[this.pos] !== "\n") this.pos++;
      else break;
    }
  }

  /** The next value, or a keyword (an operator, "obj", "R"…); undefined at the end. */
  next(): Value | "]" | ">>" | undefined {
    this.skip();
    if (this.pos >= this.end) return undefined;
    const s = this.s;
    const c = s[this.pos]!;
    if (c === "/") {
      let j = this.pos + 1;
      while (j < this.end && !isWhite(s[j]) && !DELIMITERS.has(s[j]!)) j++;
      const name = s.slice(this.pos + 1, j).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      this.pos = j;
      return new Name(name);
    }
    if (c === "[") {
      this.pos++;
      const items: Value[] = [];
      for (;;) {
        const v = this.next();
        if (v === "]" || v === undefined) return items;
        if (v === ">>") throw new Error("Unbalanced dictionary");
        items.push(v);
      }
    }
    if (c === "]") {
      this.pos++;
      return "]";
    }
    if (c === "<" && s[this.pos + 1] === "<") {
      this.pos += 2;
      const dict: Dict = new Map();
      for (;;) {
        const key = this.next();
        if (key === ">>" || key === undefined) return dict;
        if (!(key instanceof Name)) throw new Error("Dictionary key is not a name");
        dict.set(key.name, this.nextValue());
      }
    }
    if (c === ">" && s[this.pos + 1] === ">") {
      this.pos += 2;
      return ">>";
    }
    if (c === "<") {
      const close = s.indexOf(">", this.pos);
      const hex = s.slice(this.pos + 1, close).replace(/\s+/g, "");
      this.pos = close + 1;
      const bytes: number[] = [];
      for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2).padEnd(2, "0"), 16));
      return decodeBytes(bytes);
    }
    if (c === "(") return this.literal();
    let j = this.pos;
    while (j < this.end && !isWhite(s[j]) && !DELIMITERS.has(s[j]!)) j++;
    if (j === this.pos) throw new Error(`Unexpected ${JSON.stringify(c)} at ${this.pos}`);
    const word = s.slice(this.pos, j);
    this.pos = j;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    if (word === "true" || word === "false") return word === "true";
    if (word === "null") return null;
    return new Keyword(word);
  }

  /** A value in a dictionary or an object, with "12 0 R" read as a reference. */
  nextValue(): Value {
    const v = this.next();
    if (v === undefined || v === "]" || v === ">>") throw new Error("Missing value");
    if (typeof v === "number") {
      const save = this.pos;
      const gen = this.next();
      const r = typeof gen === "number" ? this.next() : undefined;
      if (r instanceof Keyword && r.word === "R") return new Ref(v);
      this.pos = save;
    }
    if (Array.isArray(v)) return resolveRefs(v);
    return v;
  }

  private literal(): string {
    const s = this.s;
    let depth = 0;
    const bytes: number[] = [];
    this.pos++;
    while (this.pos < this.end) {
      const c = s[this.pos++]!;
      if (c === "\\") {
        const e = s[this.pos++]!;
        const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, "(": 40, ")": 41, "\\": 92 };
        if (e in simple) bytes.push(simple[e]!);
        else if (/[0-7]/.test(e)) {
          let oct = e;
          while (oct.length < 3 && /[0-7]/.test(s[this.pos] ?? "")) oct += s[this.pos++];
          bytes.push(parseInt(oct, 8) & 0xff);
        } else if (e === "\r" || e === "\n") {
          if (e === "\r" && s[this.pos] === "\n") this.pos++;
        } else bytes.push(e.charCodeAt(0));
      } else if (c === "(") {
        depth++;
        bytes.push(40);
      } else if (c === ")") {
        if (depth === 0) break;
        depth--;
        bytes.push(41);
      } else bytes.push(c.charCodeAt(0) & 0xff);
    }
    return decodeBytes(bytes);
  }
}

/** Arrays come back from the lexer with "12 0 R" as three items: fold them into references. */
function resolveRefs(items: Value[]): Value[] {
  const out: Value[] = [];
  for (let i = 0; i < items.length; i++) {
    const a = items[i];
    const b = items[i + 2];
    if (typeof a === "number" && typeof items[i + 1] === "number" && b instanceof Keyword && b.word === "R") {
      out.push(new Ref(a));
      i += 2;
    } else out.push(a ?? null);
  }
  return out;
}

interface PdfObject {
  value: Value;
  stream?: Buffer;
}

export class PdfFile {
  private readonly objects = new Map<number, PdfObject>();
  readonly catalog: Dict;
  /** Page object ids in page order. */
  readonly pageIds: number[];

  constructor(readonly bytes: Buffer) {
    const text = bytes.toString("latin1");
    const header = /(\d+) 0 obj\b/g;
    let m: RegExpExecArray | null;
    while ((m = header.exec(text))) {
      const id = Number(m[1]);
      const lexer = new Lexer(text);
      lexer.pos = header.lastIndex;
      const value = lexer.nextValue();
      const after = text.slice(lexer.pos, lexer.pos + 20);
      let stream: Buffer | undefined;
      const sm = /^\s*stream\r?\n/.exec(after);
      if (sm && value instanceof Map) {
        const start = lexer.pos + sm[0].length;
        const length = value.get("Length");
        const end = typeof length === "number" ? start + length : text.indexOf("endstream", start);
        const raw = bytes.subarray(start, end);
        const filter = value.get("Filter");
        stream = filter instanceof Name && filter.name === "FlateDecode" ? inflateSync(raw) : Buffer.from(raw);
        header.lastIndex = end;
      } else {
        header.lastIndex = lexer.pos;
      }
      this.objects.set(id, { value, stream });
    }
    const trailer = text.lastIndexOf("trailer");
    const lexer = new Lexer(text);
    lexer.pos = trailer + "trailer".length;
    const trailerDict = lexer.nextValue() as Dict;
    this.catalog = this.dict(trailerDict.get("Root"));
    const pages = this.dict(this.catalog.get("Pages"));
    this.pageIds = this.collectPages(pages);
  }

  private collectPages(node: Dict): number[] {
    const kids = node.get("Kids");
    if (!Array.isArray(kids)) return [];
    return kids.flatMap((k) => {
      if (!(k instanceof Ref)) return [];
      const kid = this.dict(k);
      const type = kid.get("Type");
      return type instanceof Name && type.name === "Pages" ? this.collectPages(kid) : [k.id];
    });
  }

  resolve(v: Value | undefined): Value | undefined {
    return v instanceof Ref ? this.objects.get(v.id)?.value : v;
  }

  dict(v: Value | undefined): Dict {
    const d = this.resolve(v);
    if (!(d instanceof Map)) throw new Error("Expected a dictionary");
    return d;
  }

  streamOf(id: number): Buffer {
    const s = this.objects.get(id)?.stream;
    if (!s) throw new Error(`Object ${id} has no stream`);
    return s;
  }

  pageIndex(ref: Value | undefined): number {
    return ref instanceof Ref ? this.pageIds.indexOf(ref.id) : -1;
  }

  /** The content streams of a page, joined. */
  pageContent(index: number): string {
    const page = this.dict(new Ref(this.pageIds[index]!));
    const contents = page.get("Contents");
    const refs = Array.isArray(contents) ? contents : [contents];
    return refs.map((r) => (r instanceof Ref ? this.streamOf(r.id).toString("latin1") : "")).join("\n");
  }
}

export function nameOf(v: Value | undefined): string | undefined {
  return v instanceof Name ? v.name : undefined;
}

// ---- Content streams ---------------------------------------------------------------------------

/** A run of marked content: a tagged element's (with its MCID) or an artifact's. */
export interface MarkedRun {
  page: number;
  tag: string;
  mcid: number | null;
  artifact: boolean;
  text: string;
  /** Each text-showing operation's text: one line of a paragraph, one label of a chart. */
  lines: string[];
  /** The baselines of its lines of text, in PDF units from the foot of the page. */
  baselines: number[];
}

export interface PageMarks {
  runs: MarkedRun[];
  /** Operators that show text or paint, found outside any marked content. */
  unmarked: string[];
  /** Marked content that is neither an artifact nor carries an MCID (so no element owns it). */
  orphanMarks: string[];
}

// The standard fonts' WinAnsi codes 128–159 that differ from Latin-1, for the characters we use.
const WIN_ANSI: Record<number, string> = { 0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x95: "\u2022", 0x96: "\u2013", 0x97: "\u2014" };

function winAnsi(s: string): string {
  return s.replace(/[\x80-\x9f]/g, (c) => WIN_ANSI[c.charCodeAt(0)] ?? c);
}

const PAINTS = new Set(["Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI"]);
const SHOWS_TEXT = new Set(["Tj", "TJ", "'", "\""]);

export function readPageMarks(pdf: PdfFile, page: number): PageMarks {
  const lexer = new Lexer(pdf.pageContent(page));
  const operands: Value[] = [];
  const stack: MarkedRun[] = [];
  const result: PageMarks = { runs: [], unmarked: [], orphanMarks: [] };
  for (;;) {
    const token = lexer.next();
    if (token === undefined) break;
    if (!(token instanceof Keyword)) {
      if (token !== "]" && token !== ">>") operands.push(token);
      continue;
    }
    const op = token.word;
    if (op === "BDC" || op === "BMC") {
      const tag = nameOf(operands[0]) ?? "?";
      const props = operands[1] instanceof Map ? operands[1] : null;
      const mcid = props?.get("MCID");
      const run: MarkedRun = { page, tag, mcid: typeof mcid === "number" ? mcid : null, artifact: tag === "Artifact", text: "", lines: [], baselines: [] };
      // A run inside another belongs to the outer one for our purposes (pdfkit never nests them).
      if (!run.artifact && run.mcid === null && !stack.some((r) => r.artifact)) result.orphanMarks.push(`${tag} ${op}`);
      stack.push(run);
      result.runs.push(run);
    } else if (op === "EMC") {
      stack.pop();
    } else if (op === "Tm") {
      const y = operands[5];
      const open = stack[stack.length - 1];
      if (open && typeof y === "number") open.baselines.push(y);
    } else if (PAINTS.has(op)) {
      const open = stack[stack.length - 1];
      if (!open) result.unmarked.push(op);
      else if (SHOWS_TEXT.has(op)) {
        const shown = operands.flatMap((o) => (typeof o === "string" ? [o] : Array.isArray(o) ? o.filter((x): x is string => typeof x === "string") : []));
        const line = winAnsi(shown.join(""));
        open.text += line;
        open.lines.push(line);
      }
    }
    operands.length = 0;
  }
  return result;
}

// ---- Structure tree ----------------------------------------------------------------------------

export interface StructNode {
  type: string;
  alt?: string;
  actualText?: string;
  /** From the element's attributes: a table header cell's scope, a figure's box. */
  scope?: string;
  bbox?: number[];
  children: StructNode[];
  /** The marked content this element owns directly, as page index and MCID. */
  content: { page: number; mcid: number }[];
}

function attributes(pdf: PdfFile, a: Value | undefined): Dict[] {
  const v = pdf.resolve(a);
  if (v instanceof Map) return [v];
  if (Array.isArray(v)) return v.flatMap((x) => attributes(pdf, x));
  return [];
}

function readElement(pdf: PdfFile, ref: Value): StructNode {
  const d = pdf.dict(ref);
  const node: StructNode = { type: nameOf(d.get("S")) ?? "?", children: [], content: [] };
  const alt = d.get("Alt");
  if (typeof alt === "string") node.alt = alt;
  const actual = d.get("ActualText");
  if (typeof actual === "string") node.actualText = actual;
  for (const attr of attributes(pdf, d.get("A"))) {
    const scope = nameOf(attr.get("Scope"));
    if (scope) node.scope = scope;
    const bbox = attr.get("BBox");
    if (Array.isArray(bbox)) node.bbox = bbox.filter((n): n is number => typeof n === "number");
  }
  const pg = pdf.pageIndex(d.get("Pg"));
  const k = d.get("K");
  const kids = Array.isArray(k) ? k : k === undefined || k === null ? [] : [k];
  for (const kid of kids) {
    if (typeof kid === "number") node.content.push({ page: pg, mcid: kid });
    else if (kid instanceof Ref) {
      const target = pdf.resolve(kid);
      if (target instanceof Map && nameOf(target.get("Type")) !== "OBJR") node.children.push(readElement(pdf, kid));
    } else if (kid instanceof Map && nameOf(kid.get("Type")) === "MCR") {
      const mcid = kid.get("MCID");
      const page = kid.has("Pg") ? pdf.pageIndex(kid.get("Pg")) : pg;
      if (typeof mcid === "number") node.content.push({ page, mcid });
    }
  }
  return node;
}

/** The structure tree's top-level elements, or null when the file has none. */
export function readStructTree(pdf: PdfFile): StructNode[] | null {
  const root = pdf.catalog.get("StructTreeRoot");
  if (!root) return null;
  const k = pdf.dict(root).get("K");
  const kids = Array.isArray(k) ? k : k ? [k] : [];
  return kids.map((kid) => readElement(pdf, kid));
}

export function walk(nodes: readonly StructNode[], visit: (node: StructNode, parent: StructNode | null) => void, parent: StructNode | null = null): void {
  for (const node of nodes) {
    visit(node, parent);
    walk(node.children, visit, node);
  }
}

/** Every element of the tree in document order. */
export function flatten(nodes: readonly StructNode[]): StructNode[] {
  const all: StructNode[] = [];
  walk(nodes, (n) => all.push(n));
  return all;
}

/** The text an element holds, read from the marked content it and its descendants own. */
export function textOf(node: StructNode, runs: ReadonlyMap<string, MarkedRun>): string {
  const own = node.content.map((c) => runs.get(`${c.page}:${c.mcid}`)?.text ?? "").join("");
  return own + node.children.map((c) => textOf(c, runs)).join(" ");
}

/** A tagged PDF read once: the tree, every page's marked content, and runs by page and MCID. */
export function readTaggedPdf(bytes: Buffer) {
  const pdf = new PdfFile(bytes);
  const tree = readStructTree(pdf);
  const pages = pdf.pageIds.map((_, i) => readPageMarks(pdf, i));
  const runs = new Map<string, MarkedRun>();
  for (const page of pages) for (const run of page.runs) if (run.mcid !== null) runs.set(`${run.page}:${run.mcid}`, run);
  return { pdf, tree, pages, runs };
}
