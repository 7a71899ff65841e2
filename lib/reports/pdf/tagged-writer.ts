import { COLOUR, CONTENT_HEIGHT, CONTENT_WIDTH, FONT, MARGIN, PAGE, type Density, type Doc } from "@/lib/reports/pdf/layout";

// Everything the report draws goes through this writer, so that every piece of it is either inside
// a structure element (headings, paragraphs, lists, tables, the figure) or marked as an artifact
// (rules, shading, page furniture). That is what makes the PDF readable by a screen reader, and
// the accessibility test checks that nothing is drawn outside the two.

type Struct = PDFKit.PDFStructureElement;

/** Options pdfkit reads from a structure element that its type declarations leave out. */
export interface ElementOptions extends PDFKit.Mixins.StructureElementOptions {
  /** A table header cell's scope. */
  scope?: "Row" | "Column" | "Both";
  /** The element's box: [left, top, right, bottom] from the page's top-left corner. */
  bbox?: [number, number, number, number];
  placement?: "Block" | "Inline";
}

export interface ListItem {
  label: string;
  text: string;
}

export class TaggedWriter {
  readonly doc: Doc;
  readonly density: Density;
  private readonly root: Struct;
  private readonly stack: Struct[];
  /** How far down each page content reached, to judge how full it is. */
  private readonly contentBottoms: number[] = [];

  constructor(doc: Doc, density: Density) {
    this.doc = doc;
    this.density = density;
    this.root = doc.struct("Document");
    doc.addStructure(this.root);
    this.stack = [this.root];
  }

  private get parent(): Struct {
    return this.stack[this.stack.length - 1]!;
  }

  private get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  /** pdfkit carries open marked content over a page break itself, but only for text it wraps. */
  private assertNothingMarked(): void {
    const markings = (this.doc.page as unknown as { markings: unknown[] }).markings;
    if (markings.length > 0) throw new Error("Drawing outside a structure element while marked content is open");
  }

  private noteContentBottom(): void {
    const i = this.pageIndex;
    this.contentBottoms[i] = Math.max(this.contentBottoms[i] ?? MARGIN.top, this.doc.y);
  }

  get bottomLimit(): number {
    return PAGE.height - MARGIN.bottom;
  }

  get atPageTop(): boolean {
    return this.doc.y <= MARGIN.top + 0.5;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottomLimit && !this.atPageTop) this.newPage();
  }

  newPage(): void {
    this.assertNothingMarked();
    this.doc.addPage();
  }

  /** A grouping element (Sect, Table, TR, L, LI…) whose children `build` adds. */
  group(type: string, build: () => void, options: ElementOptions = {}): void {
    const element = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    this.parent.add(element);
    this.stack.push(element);
    try {
      build();
    } finally {
      this.stack.pop();
      element.end();
    }
  }

  /** An element whose content is whatever `draw` paints, tagged as it is drawn. */
  content(type: string, draw: () => void, options: ElementOptions = {}): void {
    this.assertNothingMarked();
    this.parent.add(this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions, () => { draw(); }));
    this.noteContentBottom();
  }

  /** An element with nothing in it, such as an empty table cell, kept so the columns line up. */
  empty(type: string, options: ElementOptions = {}): void {
    const element = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    this.parent.add(element);
    element.end();
  }

  /** Decoration a screen reader should skip: rules, shading, boxes, repeated headers, page furniture. */
  artifact(draw: () => void, type: "Layout" | "Pagination" = "Layout"): void {
    this.assertNothingMarked();
    this.doc.markContent("Artifact", { type });
    draw();
    this.doc.endMarkedContent();
  }

  heading(level: 1 | 2 | 3, text: string, keepWithNext = 0): void {
    const doc = this.doc;
    const size = level === 1 ? 18 : level === 2 ? 13 : 10.5;
    doc.font(FONT.bold).fontSize(size);
    const height = doc.heightOfString(text, { width: CONTENT_WIDTH });
    const lineHeight = doc.currentLineHeight(true);
    const before = level === 1 ? 0 : (level === 2 ? this.density.headingGap : this.density.headingGap / 2) * lineHeight;
    const after = (level === 3 ? 0.2 : 0.3) * lineHeight;
    // A heading never ends a page: it moves over with the start of what it introduces.
    this.ensureSpace(before + height + after + keepWithNext);
    if (!this.atPageTop) doc.y += before;
    this.content(`H${level}`, () => {
      doc.font(FONT.bold).fontSize(size).fillColor(COLOUR.text).text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
    });
    doc.y += after;
  }

  /** The height of a paragraph of body text, for keeping what comes before it on the same page. */
  paragraphHeight(text: string, size = 9.5, width = CONTENT_WIDTH): number {
    return this.doc.font(FONT.regular).fontSize(size).heightOfString(text, { width, lineGap: 1.5 });
  }

  /** The height of a paragraph's first two lines, so it never starts with one line at the foot of a page. */
  firstLinesHeight(size = 9.5): number {
    return this.doc.font(FONT.regular).fontSize(size).currentLineHeight(true) * 2 + 3;
  }

  paragraph(text: string, size = 9.5): void {
    const doc = this.doc;
    const height = this.paragraphHeight(text, size);
    this.ensureSpace(Math.min(height, this.firstLinesHeight(size)));
    this.content("P", () => {
      doc.font(FONT.regular).fontSize(size).fillColor(COLOUR.text).text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: 1.5 });
    });
    doc.moveDown(this.density.paragraphGap);
  }

  /** The heights of a bulleted list's items, for keeping a heading with its first ones. */
  listItemHeights(items: readonly ListItem[], size: number): number[] {
    const doc = this.doc.font(FONT.regular).fontSize(size);
    const gap = this.density.paragraphGap * 0.9 * doc.currentLineHeight(true);
    return items.map((item) => doc.heightOfString(item.text, { width: CONTENT_WIDTH - 12, lineGap: 1 }) + gap);
  }

  /** A list (L, LI, Lbl, LBody) that never leaves a single item alone on either side of a page break. */
  list(items: readonly ListItem[], size = 8.5): void {
    const doc = this.doc;
    const heights = this.listItemHeights(items, size);
    this.group("L", () => {
      items.forEach((item, i) => {
        // The first two items start a page together, and the last two end one together.
        const pairs = i === 0 || i === items.length - 2;
        this.ensureSpace(heights[i]! + (pairs ? heights[i + 1] ?? 0 : 0));
        const y = doc.y;
        this.group("LI", () => {
          this.content("Lbl", () => {
            doc.font(FONT.regular).fontSize(size).fillColor(COLOUR.text).text(item.label, MARGIN.left, y, { width: 10, lineBreak: false });
          });
          doc.y = y;
          this.content("LBody", () => {
            doc.font(FONT.regular).fontSize(size).fillColor(COLOUR.text).text(item.text, MARGIN.left + 12, y, { width: CONTENT_WIDTH - 12, lineGap: 1 });
          });
        });
        doc.moveDown(this.density.paragraphGap * 0.9);
      });
    });
    doc.x = MARGIN.left;
  }

  /** Ends the structure; returns how full each page is, 0 to 1. */
  finish(): number[] {
    this.root.end();
    const pages = this.doc.bufferedPageRange().count;
    return Array.from({ length: pages }, (_, i) => Math.max(0, ((this.contentBottoms[i] ?? MARGIN.top) - MARGIN.top) / CONTENT_HEIGHT));
  }
}
