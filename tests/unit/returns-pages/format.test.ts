import { describe, expect, it } from "vitest";
import {
  RETURN_STATUS_COLOURS,
  andMore,
  answerFieldOrder,
  answerText,
  attestedOfTotal,
  statusCountsText,
  statusFilterOf,
} from "@/components/returns/format";
import { RETURN_STATUSES, type ReturnStatus } from "@/lib/returns/types";

const counts = (c: Partial<Record<ReturnStatus, number>>): Record<ReturnStatus, number> => ({
  NOT_STARTED: 0, IN_PROGRESS: 0, ATTESTED: 0, CHANGED: 0, OVERDUE: 0, ...c,
});

describe("the returns pages' words", () => {
  it("gives every status the design system's colour for it", () => {
    expect(RETURN_STATUSES.map((s) => RETURN_STATUS_COLOURS[s])).toEqual(["grey", "blue", "green", "orange", "red"]);
  });

  it("reads a status filter only when it names a status", () => {
    expect(statusFilterOf("ATTESTED")).toBe("ATTESTED");
    expect(statusFilterOf(["CHANGED", "ATTESTED"])).toBe("CHANGED");
    expect(statusFilterOf("attested")).toBeNull();
    expect(statusFilterOf("")).toBeNull();
    expect(statusFilterOf(undefined)).toBeNull();
    expect(statusFilterOf("toString")).toBeNull();
  });

  it("counts the statuses that have any, in order, in words", () => {
    expect(statusCountsText(counts({ ATTESTED: 2, NOT_STARTED: 1, CHANGED: 1200 }))).toBe("1 not started, 2 attested, 1,200 changed since attestation");
    expect(statusCountsText(counts({}))).toBe("No departments");
    expect(attestedOfTotal(counts({ ATTESTED: 3, CHANGED: 1 }), 12)).toBe("3 of 12");
  });

  it("orders the answer form's fields as the page shows them", () => {
    expect(answerFieldOrder(["a", "b"], true)).toEqual(["answer-a", "details-a", "answer-b", "details-b", "comment", "confirm"]);
    expect(answerFieldOrder(["a"], false)).toEqual(["answer-a", "details-a", "comment"]);
  });

  it("says an answer and its exceptions", () => {
    expect(answerText("yes", "ignored")).toBe("Yes");
    expect(answerText("no", "Site A's two cameras")).toBe("No: Site A's two cameras");
    expect(answerText("no", null)).toBe("No");
  });

  it("says how many more a list left out", () => {
    expect(andMore(50, 50, "device")).toBeNull();
    expect(andMore(50, 51, "device")).toBe("and 1 more device");
    expect(andMore(50, 1_050, "device")).toBe("and 1,000 more devices");
  });
});
