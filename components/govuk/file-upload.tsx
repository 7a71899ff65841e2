import type { ReactNode } from "react";
import { cx } from "./cx";
import { FieldFrame, fieldIds, type LabelSize } from "./form-group";

export interface FileUploadProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** e.g. ".csv,text/csv" */
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
  /** Ids of other elements describing the field, read before its hint and error. */
  describedBy?: string;
  /**
   * govuk-frontend's enhanced upload (a drop zone and a "Choose file" button, data-module
   * govuk-file-upload). Off by default: the script renames the input's id and inserts its button
   * beside it, so use it only where React will not re-render the field (a server-rendered form).
   */
  enhanced?: boolean;
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
  disabled,
  labelSize,
  labelIsPageHeading,
  describedBy: extraDescribedBy,
  enhanced = false,
}: FileUploadProps) {
  const { hintId, errorId, describedBy } = fieldIds(id, hint, error, extraDescribedBy);
  const input = (
    <input
      className={cx("govuk-file-upload", error && "govuk-file-upload--error")}
      id={id}
      name={name}
      type="file"
      accept={accept}
      multiple={multiple}
      disabled={disabled}
      aria-describedby={describedBy}
    />
  );
  return (
    <FieldFrame
      id={id}
      label={label}
      labelSize={labelSize}
      labelIsPageHeading={labelIsPageHeading}
      hintId={hintId}
      hint={hint}
      errorId={errorId}
      error={error}
    >
      {enhanced ? (
        <div className="govuk-file-upload-wrapper" data-module="govuk-file-upload">
          {input}
        </div>
      ) : (
        input
      )}
    </FieldFrame>
  );
}
