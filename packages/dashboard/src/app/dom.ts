/** A table cell: text, a number shown right-aligned (coloured when it is money), or an element (a button). */
export type Cell = string | { num: number; money?: boolean; digits?: number } | HTMLElement;

function cell(value: Cell): HTMLTableCellElement {
  const td = document.createElement('td');
  if (typeof value === 'string') td.textContent = value;
  else if (value instanceof HTMLElement) td.append(value);
  else {
    td.className = `num${value.money ? (value.num > 0 ? ' up' : value.num < 0 ? ' down' : '') : ''}`;
    td.textContent = value.num.toFixed(value.digits ?? (value.money ? 2 : 0));
  }
  return td;
}

/** Replaces a table's content; `empty` is shown in one row when there is nothing. */
export function fillTable(
  table: HTMLTableElement,
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  empty: string,
  rowId?: (index: number) => string,
): void {
  const head = document.createElement('tr');
  for (const h of headers) head.append(Object.assign(document.createElement('th'), { textContent: h }));
  const body = rows.map((row, index) => {
    const tr = document.createElement('tr');
    if (rowId) tr.dataset.id = rowId(index);
    tr.append(...row.map(cell));
    return tr;
  });
  if (body.length === 0) {
    const td = Object.assign(document.createElement('td'), { textContent: empty, className: 'muted' });
    td.colSpan = headers.length;
    body.push(Object.assign(document.createElement('tr'), {}));
    body[0]!.append(td);
  }
  table.replaceChildren(Object.assign(document.createElement('thead'), {}), document.createElement('tbody'));
  table.tHead!.append(head);
  table.tBodies[0]!.append(...body);
}

/** A button that asks before it acts (a tap on a phone is easy to make by mistake). */
export function confirmButton(label: string, question: string, act: () => Promise<void>): HTMLButtonElement {
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
  button.addEventListener('click', () => {
    if (!window.confirm(question)) return;
    button.disabled = true;
    act()
      .catch((error: unknown) => {
        byId('error').textContent = `${label} failed: ${(error as Error).message}`;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return button;
}

export const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export const time = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '—');

/** Decimals a price is shown with: 2 for gold and indices, 3 for JPY pairs, 5 for other FX. */
export const priceDigits = (price: number | null): number => (price === null || price >= 100 ? 2 : price >= 20 ? 3 : 5);
