import { Heading } from "@/components/govuk";

export default function Forbidden() {
  return (
    <>
      <Heading level={1} size="l">You do not have permission to view this page</Heading>
      <p className="govuk-body">Your account&apos;s role does not include this part of the service.</p>
      <p className="govuk-body">If you think you need access, contact your department&apos;s register administrator.</p>
    </>
  );
}
