import { describe, expect, it } from "vitest";
import { answersSchema, attestationSchema } from "@/lib/validation/returns";

const ids = ["sensitivity-assessed", "no-core-network"];

describe("attesting a return", () => {
  it("reports every problem at once: each statement, the details of a 'no', the tick and the figures", () => {
    const result = attestationSchema(ids).safeParse({ "answer-no-core-network": "no", figuresHash: "forged" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path[0], i.message])).toEqual(expect.arrayContaining([
      ["answer-sensitivity-assessed", "Select yes or no"],
      ["details-no-core-network", "List what is excepted"],
      ["confirm", "Confirm that you have reviewed the figures and the answers are true"],
      ["figuresHash", "The figures could not be checked: review them again"],
    ]));
  });

  it("reports an answer that is neither yes nor no once", () => {
    const result = attestationSchema(ids).safeParse({ "answer-sensitivity-assessed": "maybe", "answer-no-core-network": "yes", figuresHash: "a".repeat(64), confirm: "yes" });
    expect(result.error!.issues.filter((i) => i.path[0] === "answer-sensitivity-assessed")).toHaveLength(1);
  });

  it("accepts every statement answered, with details for a 'no'", () => {
    const ok = attestationSchema(ids).safeParse({
      "answer-sensitivity-assessed": "yes", "answer-no-core-network": "no", "details-no-core-network": "Two recorders at Croydon",
      figuresHash: "a".repeat(64), confirm: "yes",
    });
    expect(ok.success).toBe(true);
  });

  it("lets a draft leave statements unanswered but still refuses hostile text", () => {
    expect(answersSchema(ids).safeParse({}).success).toBe(true);
    expect(answersSchema(ids).safeParse({ comment: "bad\u0000" }).success).toBe(false);
    expect(answersSchema(ids).safeParse({ "details-no-core-network": "x".repeat(2001) }).success).toBe(false);
  });
});
