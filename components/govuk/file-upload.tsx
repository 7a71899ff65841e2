import type { ReactNode } from "react";
import { cx } from "./cx";
import { ErrorMessage, FormGroup, Hint, Label, fieldIds, type LabelSize } from "./form-group";

export interface FileUploadProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** e.g. ".csv,text/csv" */
  accept?: string;
  multiple?: boolean;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
}

/** Remember: the form needs encType="multipart/form-data" (or a server action). */
export function FileUpload({
  id,
  name,
  label,
  hint,
  error,
  accept,
  multiple,
  labelSize,
  labelIsPageHeading,
}: FileUploadProps) {
  const { hintId, errorId, describedBy } = fieldIds(id, hint, error);
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} size={labelSize} isPageHeading={labelIsPageHeading}>
        {label}
      </Label>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      {errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <input
        id={id}
        name={name}
        type="file"
        accept={accept}
        multiple={multiple}
        className={cx("govuk-file-upload", error && "govuk-file-upload--error")}
        aria-describedby={describedBy}
      />
    </FormGroup>
  );
}
