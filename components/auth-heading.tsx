export function AuthHeading({ title, lead }: { title: string; lead?: React.ReactNode }) {
  return (
    <div className="mb-6 space-y-1.5">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
      {lead ? <p className="text-slate-600">{lead}</p> : null}
    </div>
  );
}
