import Link from "next/link";

const linkClass =
  "rounded-md px-3 py-2 text-sm font-semibold text-brand-700 dark:text-brand-300 ring-1 ring-slate-300 dark:ring-slate-600 hover:bg-slate-100 dark:hover:bg-slate-800";

/**
 * Links to the pages either side of this one, under a paginated list; nothing when there is only one
 * page. `labels` name the directions: "Newer"/"Older" for logs, "Previous"/"Next" for other lists.
 */
export function Pager({
  page,
  hasNext,
  href,
  labels = ["Newer", "Older"],
  summary,
}: {
  page: number;
  hasNext: boolean;
  href: (page: number) => string;
  labels?: [string, string];
  summary?: string;
}) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center gap-2 border-t border-slate-100 dark:border-slate-800 pt-4 text-sm">
      {page > 1 ? (
        <Link className={linkClass} href={href(page - 1)}>
          {labels[0]}
        </Link>
      ) : null}
      {summary ? <span className="text-slate-600 dark:text-slate-400">{summary}</span> : null}
      {hasNext ? (
        <Link className={linkClass} href={href(page + 1)}>
          {labels[1]}
        </Link>
      ) : null}
    </nav>
  );
}
