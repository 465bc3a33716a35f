/**
 * True for a unique-constraint failure, on the given field if one is named. With driver adapters the
 * field names are in the adapter's error, not in `meta.target`.
 */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  const prismaError = error as {
    code?: string;
    meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } };
  };
  if (prismaError?.code !== "P2002") return false;
  const fields = prismaError.meta?.driverAdapterError?.cause?.constraint?.fields ?? prismaError.meta?.target;
  return field === undefined || JSON.stringify(fields ?? "").includes(field);
}
