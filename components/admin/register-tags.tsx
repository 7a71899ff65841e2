import { Tag } from "@/components/govuk";

export function CoveredTag({ covered }: { covered: boolean }) {
  return covered ? <Tag colour="red">Covered</Tag> : <Tag colour="green">Not covered</Tag>;
}

const CONFIDENCE_TEXT: Record<string, string> = { HIGH: "High", MEDIUM: "Medium", LOW: "Low" };

export function confidenceText(c: string): string {
  return CONFIDENCE_TEXT[c] ?? c;
}

export function ConfidenceTag({ confidence }: { confidence: string }) {
  return confidence === "LOW" ? <Tag colour="yellow">Low: review</Tag> : <Tag colour="grey">{confidenceText(confidence)}</Tag>;
}
