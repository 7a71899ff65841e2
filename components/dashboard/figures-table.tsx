"use client";
import { Table } from "@/components/govuk/table";

export interface FiguresTableProps {
  caption: string;
  head: { text: string; numeric?: boolean }[];
  /** Cells already formatted; the first is each row's header. */
  rows: string[][];
  emptyText?: string;
}

// A table of figures sent to the browser as strings rather than as markup: the dashboard's chart
// tables hold hundreds of cells, and markup costs the server twice (HTML, and the payload React
// hydrates from). The HTML is rendered on the server all the same and needs no JavaScript.
export function FiguresTable({ caption, head, rows, emptyText }: FiguresTableProps) {
  return <Table caption={caption} captionSize="s" head={head} rows={rows} firstCellIsHeader emptyText={emptyText} />;
}
