"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A page of Preferences; `children` are the pages of its group (Account > Two-factor Authentication, as in Mastodon). */
export type NavItem = { href: string; label: string; children?: NavItem[] };

/** A sidebar on wide screens, wrapping tabs on phones. */
export function SettingsNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Preferences">
      <ul className="flex flex-wrap gap-1.5 md:flex-col md:gap-1">
        {items.map((item) => (
          <li key={item.href} className="flex flex-wrap gap-1.5 md:block">
            <NavLink item={item} pathname={pathname} />
            {item.children ? (
              <ul
                aria-label={`${item.label} group`}
                className="flex flex-wrap gap-1.5 md:mt-1 md:ml-3 md:block md:space-y-1 md:border-l md:border-slate-300 md:pl-2 dark:md:border-slate-600"
              >
                {item.children.map((child) => (
                  <li key={child.href} className="shrink-0">
                    <NavLink item={child} pathname={pathname} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NavLink({ item, pathname }: { item: NavItem; pathname: string }) {
  const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
  return (
    <Link
      href={item.href}
      aria-current={current ? "page" : undefined}
      className={`block shrink-0 rounded-md px-3 py-2 text-sm font-semibold whitespace-nowrap focus-visible:outline-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300 ${
        current
          ? "bg-brand-600 text-white"
          : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-200 md:bg-transparent md:ring-0 dark:bg-slate-900 dark:text-slate-300 dark:ring-slate-700 dark:hover:bg-slate-700 dark:md:bg-transparent"
      }`}
    >
      {item.label}
    </Link>
  );
}
