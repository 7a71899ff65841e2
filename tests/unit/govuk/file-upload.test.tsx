import { FileUpload } from "@/components/govuk/file-upload";
import { describeParity, fieldProps, REASON, type FieldOptions } from "./fixture-parity";

interface FileUploadOptions extends FieldOptions {
  multiple?: boolean;
  javascript?: boolean;
}

describeParity<FileUploadOptions>({
  component: "file-upload",
  render: (o) => <FileUpload {...fieldProps(o)} multiple={o.multiple} disabled={o.disabled} enhanced={o.javascript} />,
  skip: {
    attributes: REASON.attributes,
    classes: REASON.classes,
    "with optional form-group classes": REASON.formGroupClasses,
    "enhanced, custom wrapper classes and attributes": "extra classes or attributes on the drop zone are not part of our props",
    translated: REASON.translated,
    "translated, no javascript enhancement": REASON.translated,
  },
});
