import { Heading } from "@/components/govuk";

export default function NotFound() {
  return (
    <>
      <Heading level={1} size="l">Page not found</Heading>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
    </>
  );
}
