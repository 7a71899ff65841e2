/** A register entry's source: the document's title, linked to where anyone can read it. */
export function SourceLink({ source, sourceUrl }: { source: string; sourceUrl: string | null }) {
  if (!sourceUrl) return <>{source}</>;
  return (
    <a href={sourceUrl} className="govuk-link" rel="external noreferrer">
      {source}
    </a>
  );
}
