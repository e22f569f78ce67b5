/**
 * Error summary (GOV.UK Design System pattern): a focusable box at the top of the form listing each
 * problem as a link to its field. Rendered by the server, so it works without JavaScript.
 */
export function ErrorSummary(props: { title: string; errors: { fieldId: string; message: string }[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div
      className="mb-6 border-4 border-error p-4"
      aria-labelledby="error-summary-title"
      role="alert"
      tabIndex={-1}
      data-error-summary
    >
      <h2 id="error-summary-title" className="mb-2 text-xl font-bold">
        {props.title}
      </h2>
      <ul className="list-none">
        {props.errors.map((e) => (
          <li key={e.fieldId}>
            <a href={`#${e.fieldId}`} className="font-bold text-error">
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
