/**
 * The state behind an editable list of rows (cast, stills, author links): stable
 * keys for the rows, add, insert, move and remove, each change announced, and the
 * keyboard focus sent after the row a change touched, so the editor can go on
 * from where the row now is.
 */
import * as React from 'react';

export type Direction = 'up' | 'down';

let nextId = 0;
const newKey = () => `row-${(nextId += 1)}`;

/**
 * Stable keys for the rows: the values carry no ids, so the list keeps keys
 * alongside them, changed with every add, move and remove it makes, and
 * rebuilt when the value changes length from outside (a reload, "discard").
 * The form may render once more with the old value before ours arrives; while
 * `awaiting` that length, the keys are left alone.
 */
const useRowKeys = (length: number) => {
  const keys = React.useRef<string[]>([]);
  const awaiting = React.useRef<number | null>(null);
  if (awaiting.current === length) awaiting.current = null;
  if (awaiting.current === null && keys.current.length !== length) {
    keys.current = Array.from({ length }, (_, i) => keys.current[i] ?? newKey());
  }
  return { keys, awaiting };
};

/** Where the focus goes once a change is rendered: an element of a row, or the add button. */
type FocusTarget = { key: string; part: string } | 'add';

const ADD_BUTTON = 'add';

/** The design system's buttons stay focusable when disabled (aria-disabled), so that is checked too. */
const usable = (el: HTMLElement | null | undefined) =>
  el && !(el instanceof HTMLButtonElement && el.disabled) && el.getAttribute('aria-disabled') !== 'true';

export interface RowListMessages {
  /** Left out by lists whose rows keep their order (author links). */
  moved?: (position: number, total: number) => string;
  removed: (total: number) => string;
}

interface RowListOptions<T> {
  rows: T[];
  /** How many rows fit. */
  max: number;
  /** Hands the new list to the form; each input decides how it stores an empty list. */
  onCommit: (next: T[]) => void;
  /** What the screen reader hears after a move or a removal. */
  messages: RowListMessages;
}

/** What the toolbar and the frame use of a row list, whatever its rows are. */
export type RowListControls = Pick<
  ReturnType<typeof useRowList>,
  'length' | 'full' | 'keyAt' | 'move' | 'remove' | 'refFor' | 'addButtonRef' | 'announcement'
>;

export const useRowList = <T extends object>({ rows, max, onCommit, messages }: RowListOptions<T>) => {
  const { keys, awaiting } = useRowKeys(rows.length);
  const [announcement, setAnnouncement] = React.useState('');
  const elements = React.useRef(new Map<string, HTMLElement | null>());
  const pendingFocus = React.useRef<FocusTarget | null>(null);

  const commit = (next: T[], nextKeys: string[]) => {
    keys.current = nextKeys;
    awaiting.current = next.length;
    onCommit(next);
  };

  // After a change renders, put the focus where it belongs: the moved row's input or
  // button, the new row's first input. Kept pending until that element exists.
  React.useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending) return;
    let el: HTMLElement | null | undefined;
    if (pending === 'add') {
      el = elements.current.get(ADD_BUTTON);
    } else if (pending.part === 'up' || pending.part === 'down') {
      // At either end the button that moved it is disabled: the other one still works.
      const preferred = elements.current.get(`${pending.key}:${pending.part}`);
      const other = elements.current.get(`${pending.key}:${pending.part === 'up' ? 'down' : 'up'}`);
      el = usable(preferred) ? preferred : other;
    } else {
      el = elements.current.get(`${pending.key}:${pending.part}`);
    }
    if (el && el.isConnected) {
      pendingFocus.current = null;
      el.focus();
    }
  });

  /** Changes one row in place; its key stays. */
  const update = (index: number, patch: Partial<T>) =>
    commit(
      rows.map((row, i) => (i === index ? { ...row, ...patch } : row)),
      keys.current
    );

  /**
   * Puts `added` at `at`, in place of `replaced` rows there; with `focus`, the focus
   * goes to that part of the last added row. Returns the new list.
   */
  const insert = (at: number, added: T[], { replaced = 0, focus }: { replaced?: number; focus?: string } = {}) => {
    const addedKeys = added.map(() => newKey());
    const next = [...rows];
    const nextKeys = [...keys.current];
    next.splice(at, replaced, ...added);
    nextKeys.splice(at, replaced, ...addedKeys);
    commit(next, nextKeys);
    const last = addedKeys[addedKeys.length - 1];
    if (focus && last) pendingFocus.current = { key: last, part: focus };
    return next;
  };

  /** Swaps the row with its neighbour; the focus follows it to `focus` (an input, or the 'up'/'down' button). */
  const move = (index: number, direction: Direction, focus: string) => {
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= rows.length) return;
    const next = [...rows];
    const nextKeys = [...keys.current];
    [next[index], next[target]] = [next[target], next[index]];
    [nextKeys[index], nextKeys[target]] = [nextKeys[target], nextKeys[index]];
    commit(next, nextKeys);
    pendingFocus.current = { key: nextKeys[target], part: focus };
    if (messages.moved) setAnnouncement(messages.moved(target + 1, next.length));
  };

  /**
   * Removes the row. With `focus`, the focus goes to that part of the row that took
   * its place, else of the previous one, else to the add button.
   */
  const remove = (index: number, focus?: string) => {
    const next = rows.filter((_, i) => i !== index);
    const nextKeys = keys.current.filter((_, i) => i !== index);
    commit(next, nextKeys);
    if (focus) {
      const neighbour = nextKeys[index] ?? nextKeys[index - 1];
      pendingFocus.current = neighbour ? { key: neighbour, part: focus } : 'add';
    }
    setAnnouncement(messages.removed(next.length));
  };

  /** A ref for an element of a row the focus may be sent to (an input, or the 'up'/'down' button). */
  const refFor = (key: string, part: string) => (el: HTMLElement | null) => {
    elements.current.set(`${key}:${part}`, el);
  };

  const addButtonRef = (el: HTMLElement | null) => {
    elements.current.set(ADD_BUTTON, el);
  };

  /** The row key of this render (a row the keys have not caught up with yet gets a placeholder). */
  const keyAt = (index: number) => keys.current[index] ?? `pending-${index}`;

  /** Each row with what rendering it needs: its index, its key and its position from 1 (as labels say it). */
  const map = <R>(render: (row: T, at: { index: number; key: string; position: number }) => R) =>
    rows.map((row, index) => render(row, { index, key: keyAt(index), position: index + 1 }));

  return {
    length: rows.length,
    full: rows.length >= max,
    keyAt,
    map,
    update,
    insert,
    move,
    remove,
    refFor,
    addButtonRef,
    announcement,
    announce: setAnnouncement,
  };
};
