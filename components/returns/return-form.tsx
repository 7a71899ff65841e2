"use client";

import { useActionState, type ReactNode } from "react";
import { Button, ButtonGroup, CharacterCount, Checkbox, InsetText, Radios } from "@/components/govuk";
import { FormErrorSummary, errorsOf, initialRegisterFormState, valueOf, type RegisterFormState } from "@/components/register/form-support";
import type { Declaration, DeclarationAnswer } from "@/lib/returns/types";
import { ANSWER_DETAILS_MAX, RETURN_COMMENT_MAX } from "@/lib/validation/returns";
import { answerField, answerFieldOrder, detailsField } from "./format";

type Action = (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;

/** The id of the figures' heading, where a refusal about the figures sends people. */
export const FIGURES_HEADING_ID = "figures";

export interface ReturnFormProps {
  action: Action;
  declarations: readonly Declaration[];
  /** The answers to start from: the draft, or else the latest attestation's. */
  answers: readonly DeclarationAnswer[];
  comment: string | null;
  /** The hash of the figures the page shows: attesting is refused if they have changed since. */
  figuresHash: string;
  canAttest: boolean;
  canDraft: boolean;
  /** The page above the form (the banners, the heading, the figures): the error summary goes above it. */
  children: ReactNode;
}

/**
 * A department's answers to the round's statements, its comment and, for the accountable official,
 * the attestation. The error summary leads the page, above everything the page shows before the form.
 */
export function ReturnForm({ action, declarations, answers, comment, figuresHash, canAttest, canDraft, children }: ReturnFormProps) {
  const [state, dispatch, pending] = useActionState(action, initialRegisterFormState);
  const raw = errorsOf(state);
  // The hidden reference has no field to link to: its problem is the form's, about the figures.
  const { figuresHash: hashError, ...rest } = raw;
  const errors: Record<string, string> = hashError && !rest.form ? { form: hashError, ...rest } : rest;
  const ids = declarations.map((d) => d.id);
  const given = new Map(answers.map((a) => [a.id, a]));
  // A refusal of the whole form (the figures changed) asks for a fresh review, so the box is cleared.
  const confirmed = state.values.confirm === "yes" && !errors.form;

  return (
    <>
      <FormErrorSummary errors={errors} order={[FIGURES_HEADING_ID, ...answerFieldOrder(ids, canAttest)]} ids={{ [FIGURES_HEADING_ID]: FIGURES_HEADING_ID }} />
      {children}
      <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
      <form action={dispatch} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <h2 className="govuk-heading-l">{canAttest ? "Answer and attest" : "Answer the statements"}</h2>
        <p className="govuk-body">
          Answer yes or no to each statement for the department and its agencies. If you answer no, list the exceptions.
        </p>
        {declarations.map((d, index) => {
          const previous = given.get(d.id);
          return (
            <div key={d.id} className="govuk-!-margin-bottom-6">
              <Radios
                name={answerField(d.id)}
                legend={d.text}
                legendSize="s"
                hint={`Statement ${index + 1} of ${declarations.length}`}
                inline
                error={errors[answerField(d.id)]}
                defaultValue={valueOf(state, answerField(d.id), previous?.answer ?? "")}
                items={[
                  { value: "yes", text: "Yes" },
                  { value: "no", text: "No" },
                ]}
              />
              <CharacterCount
                id={detailsField(d.id)}
                name={detailsField(d.id)}
                label={
                  <>
                    Exceptions<span className="govuk-visually-hidden"> to statement {index + 1}</span>
                  </>
                }
                hint="Required if you answer no. List each exception, for example the site and the device, and why."
                rows={3}
                maxLength={ANSWER_DETAILS_MAX}
                error={errors[detailsField(d.id)]}
                defaultValue={valueOf(state, detailsField(d.id), previous?.details ?? "")}
              />
            </div>
          );
        })}
        <CharacterCount
          id="comment"
          name="comment"
          label="Comment (optional)"
          labelSize="m"
          hint="Anything the Cabinet Office should know about these figures, such as work under way."
          rows={5}
          maxLength={RETURN_COMMENT_MAX}
          error={errors.comment}
          defaultValue={valueOf(state, "comment", comment ?? "")}
        />
        {canAttest ? (
          <>
            <input type="hidden" name="figuresHash" value={figuresHash} />
            <Checkbox
              id="confirm"
              name="confirm"
              label="I have reviewed these figures and the answers are true"
              hint="You are attesting for the department and its agencies, for the figures shown on this page."
              error={errors.confirm}
              defaultChecked={confirmed}
            />
          </>
        ) : (
          <InsetText>Only the department&apos;s accountable official can attest the return. You can save the answers as a draft for them.</InsetText>
        )}
        <ButtonGroup>
          {canAttest ? (
            <Button type="submit" name="intent" value="attest" disabled={pending}>
              Attest
            </Button>
          ) : null}
          {canDraft ? (
            <Button type="submit" name="intent" value="draft" variant={canAttest ? "secondary" : "primary"} disabled={pending}>
              Save draft
            </Button>
          ) : null}
        </ButtonGroup>
      </form>
      </div>
      </div>
    </>
  );
}
