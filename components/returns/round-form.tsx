"use client";

import { useActionState } from "react";
import { DateInput, TextInput, dateInputErrorTarget } from "@/components/govuk";
import { FormActions, FormErrorSummary, checkedOf, errorsOf, initialRegisterFormState, valueOf, type RegisterFormState } from "@/components/register/form-support";
import type { Declaration } from "@/lib/returns/types";
import { dateFieldValues, readDateParts } from "@/lib/validation/date-parts";
import { TickBoxes } from "./tick-boxes";

type Action = (state: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;

export interface RoundFormProps {
  action: Action;
  declarations: readonly Declaration[];
  departments: readonly { id: number; name: string; acronym: string }[];
}

/** Opening a return round: its name, the two dates, the statements asked and the departments covered. */
export function RoundForm({ action, declarations, departments }: RoundFormProps) {
  const [state, dispatch, pending] = useActionState(action, initialRegisterFormState);
  const errors = errorsOf(state);
  // An error about one department or statement in the list is the list's.
  const listError = (prefix: string) => Object.entries(errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
  const declarationsError = listError("declarations");
  const departmentsError = listError("departments");
  const shownErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => !k.startsWith("declarations.") && !k.startsWith("departments."))
      .concat(declarationsError && !errors.declarations ? [["declarations", declarationsError]] : [])
      .concat(departmentsError && !errors.departments ? [["departments", departmentsError]] : []),
  );
  const firstDeclaration = declarations[0] ? `declaration-${declarations[0].id}` : "name";
  const firstDepartment = departments[0] ? `department-${departments[0].id}` : "name";

  return (
    <>
      <FormErrorSummary
        errors={shownErrors}
        order={["name", "asOf", "dueOn", "declarations", "departments"]}
        ids={{
          asOf: dateInputErrorTarget("asOf", readDateParts(state.values, "asOf")),
          dueOn: dateInputErrorTarget("dueOn", readDateParts(state.values, "dueOn")),
          declarations: firstDeclaration,
          departments: firstDepartment,
        }}
      />
      <form action={dispatch} noValidate aria-busy={pending} key={JSON.stringify(state)}>
        <TextInput
          id="name"
          name="name"
          label="Name of the round"
          labelSize="m"
          hint="Departments see this name, for example Quarterly return, March 2027"
          error={errors.name}
          defaultValue={valueOf(state, "name", "")}
        />
        <DateInput
          id="asOf"
          name="asOf"
          legend="As-of date"
          legendSize="m"
          hint="Departments report their figures as they stand on this date. For example, 31 3 2027"
          values={dateFieldValues(state.values, "asOf", null)}
          error={errors.asOf}
        />
        <DateInput
          id="dueOn"
          name="dueOn"
          legend="Due date"
          legendSize="m"
          hint="The last day for departments to attest their return. For example, 14 4 2027"
          values={dateFieldValues(state.values, "dueOn", null)}
          error={errors.dueOn}
        />
        <TickBoxes
          id="declarations"
          legend="Statements departments must confirm"
          hint="The accountable official answers yes or no to each statement, listing any exceptions."
          error={declarationsError}
          boxes={declarations.map((d) => ({ name: `declaration-${d.id}`, text: d.text, checked: checkedOf(state, `declaration-${d.id}`, true) }))}
        />
        <TickBoxes
          id="departments"
          legend="Departments the round covers"
          hint="Leave every box unticked to include every department. Each department's return covers its agencies too."
          error={departmentsError}
          small
          boxes={departments.map((d) => ({
            name: `department-${d.id}`,
            text: `${d.name} (${d.acronym})`,
            checked: checkedOf(state, `department-${d.id}`, false),
          }))}
        />
        <FormActions pending={pending} text="Open the round" cancelHref="/returns" />
      </form>
    </>
  );
}
