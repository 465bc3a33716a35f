export function PageTitle({ title, lead }: { title: string; lead?: React.ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100">{title}</h1>
      {lead ? <p className="mt-1.5 text-slate-600 dark:text-slate-400">{lead}</p> : null}
    </div>
  );
}

export function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mb-6 rounded-xl bg-white dark:bg-slate-900 p-5 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700 sm:p-6">
      <h2 className="mb-4 text-lg font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
      {children}
    </section>
  );
}

export function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="divide-y divide-slate-100 dark:divide-slate-800">
      {rows.map(([term, value]) => (
        <div key={term} className="gap-4 py-3 sm:grid sm:grid-cols-3">
          <dt className="text-sm font-medium text-slate-500 dark:text-slate-400">{term}</dt>
          <dd className="mt-1 text-slate-900 dark:text-slate-100 break-words sm:col-span-2 sm:mt-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
