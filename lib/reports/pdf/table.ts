import { COLOUR, CONTENT_WIDTH, FONT, MARGIN } from "@/lib/reports/pdf/layout";
import type { TaggedWriter } from "@/lib/reports/pdf/tagged-writer";

// A data table tagged as one: Table, THead with column header cells, TBody whose rows are named by
// their first cell (a row header), and TFoot for a total. When a table runs over a page its header
// row is drawn again, as page furniture, so it is read once.

export interface Column {
  header: string;
  width: number;
  align?: "left" | "right";
}

export interface TableOptions {
  /** A last row in bold, such as the totals. */
  totalRow?: readonly string[];
}

const FONT_SIZE = 7.5;

type Font = (typeof FONT)[keyof typeof FONT];

// Measuring wrapped text is the slow part of pdfkit: a cell that fits on one line is measured by its
// width alone, which keeps a 500-organisation table quick.
function fitsOnOneLine(w: TaggedWriter, text: string, width: number): boolean {
  return w.doc.widthOfString(text) <= width;
}

function rowHeight(w: TaggedWriter, columns: readonly Column[], cells: readonly string[], font: Font): number {
  const doc = w.doc.font(font).fontSize(FONT_SIZE);
  const pad = w.density.cellPad;
  let h = doc.currentLineHeight(true);
  columns.forEach((c, i) => {
    const text = cells[i] ?? "";
    const width = c.width - 2 * pad;
    if (!fitsOnOneLine(w, text, width)) h = Math.max(h, doc.heightOfString(text, { width }));
  });
  return h + 2 * pad;
}

function tableWidth(columns: readonly Column[]): number {
  return columns.reduce((s, c) => s + c.width, 0);
}

function drawCellText(w: TaggedWriter, column: Column, text: string, x: number, y: number, font: Font): void {
  const doc = w.doc.font(font).fontSize(FONT_SIZE).fillColor(COLOUR.text);
  const pad = w.density.cellPad;
  const width = column.width - 2 * pad;
  if (fitsOnOneLine(w, text, width)) {
    // Single-line cells are placed directly: no line-wrapping pass, right alignment done by hand.
    const offset = column.align === "right" ? width - doc.widthOfString(text) : 0;
    doc.text(text, x + pad + offset, y + pad, { lineBreak: false });
  } else {
    doc.text(text, x + pad, y + pad, { width, align: column.align ?? "left" });
  }
}

type CellRole = "columnHeader" | "rowHeader" | "data";

/** One row: shading and rule as decoration, each cell as TH or TD. */
function row(w: TaggedWriter, columns: readonly Column[], cells: readonly string[], roles: (i: number) => CellRole, style: { font: Font; shade: boolean; rule: number }): void {
  const doc = w.doc;
  const height = rowHeight(w, columns, cells, style.font);
  const y = doc.y;
  const width = tableWidth(columns);
  if (style.shade) w.artifact(() => { doc.save().rect(MARGIN.left, y, width, height).fill(COLOUR.rowShade).restore(); });
  w.group("TR", () => {
    let x = MARGIN.left;
    columns.forEach((column, i) => {
      const text = cells[i] ?? "";
      const role = roles(i);
      const type = role === "data" ? "TD" : "TH";
      const options = role === "columnHeader" ? { scope: "Column" as const } : role === "rowHeader" ? { scope: "Row" as const } : {};
      const cellX = x;
      if (text === "") w.empty(type, options);
      else w.content(type, () => drawCellText(w, column, text, cellX, y, style.font), options);
      x += column.width;
    });
  });
  w.artifact(() => {
    doc.save().moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + width, y + height)
      .lineWidth(style.rule).strokeColor(style.rule > 0.5 ? COLOUR.text : COLOUR.border).stroke().restore();
  });
  doc.y = y + height;
}

/** The header row drawn again at the top of a page the table runs onto: decoration, not structure. */
function repeatedHeader(w: TaggedWriter, columns: readonly Column[]): void {
  const doc = w.doc;
  const headers = columns.map((c) => c.header);
  const height = rowHeight(w, columns, headers, FONT.bold);
  const y = doc.y;
  w.artifact(() => {
    let x = MARGIN.left;
    columns.forEach((column) => {
      drawCellText(w, column, column.header, x, y, FONT.bold);
      x += column.width;
    });
    doc.save().moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + tableWidth(columns), y + height).lineWidth(1).strokeColor(COLOUR.text).stroke().restore();
  }, "Pagination");
  doc.y = y + height;
}

/** The height of a table's header and first two rows: what a heading before it must keep with it. */
export function tableStartHeight(w: TaggedWriter, columns: readonly Column[], rows: readonly (readonly string[])[]): number {
  const first = rows.slice(0, 2).reduce((s, r) => s + rowHeight(w, columns, r, FONT.regular), 0);
  return rowHeight(w, columns, columns.map((c) => c.header), FONT.bold) + first;
}

export function table(w: TaggedWriter, columns: readonly Column[], rows: readonly (readonly string[])[], options: TableOptions = {}): void {
  const doc = w.doc;
  if (tableWidth(columns) > CONTENT_WIDTH + 0.5) throw new Error("Table wider than the page");
  w.ensureSpace(tableStartHeight(w, columns, rows));
  const fitRow = (cells: readonly string[], font: Font) => {
    if (doc.y + rowHeight(w, columns, cells, font) > w.bottomLimit) {
      w.newPage();
      repeatedHeader(w, columns);
    }
  };
  w.group("Table", () => {
    w.group("THead", () => {
      row(w, columns, columns.map((c) => c.header), () => "columnHeader", { font: FONT.bold, shade: false, rule: 1 });
    });
    w.group("TBody", () => {
      rows.forEach((cells, index) => {
        fitRow(cells, FONT.regular);
        row(w, columns, cells, (i) => (i === 0 ? "rowHeader" : "data"), { font: FONT.regular, shade: index % 2 === 1, rule: 0.5 });
      });
    });
    const total = options.totalRow;
    if (total) {
      w.group("TFoot", () => {
        fitRow(total, FONT.bold);
        row(w, columns, total, (i) => (i === 0 ? "rowHeader" : "data"), { font: FONT.bold, shade: false, rule: 0.5 });
      });
    }
  });
  doc.x = MARGIN.left;
  doc.moveDown(0.6);
}
