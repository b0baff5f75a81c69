import type { ReactNode } from 'react';

/** The header of a table whose last column holds each row's buttons: named for screen readers, blank on screen. */
export function HeadWithActions({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        <th scope="col">
          <span className="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
  );
}

/** A row's buttons, in the column `HeadWithActions` names. */
export function ActionsCell({ children }: { children: ReactNode }) {
  return <td className="cell-actions">{children}</td>;
}
