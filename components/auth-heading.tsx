export function AuthHeading({ title, lead }: { title: string; lead?: React.ReactNode }) {
  return (
    <div className="mb-6 space-y-1.5">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100">{title}</h1>
      {lead ? <p className="text-slate-600 dark:text-slate-400">{lead}</p> : null}
    </div>
  );
}
