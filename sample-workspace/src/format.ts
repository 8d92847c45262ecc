import type { User } from './userService';

/** One line per user, e.g. `#1 Ada Lovelace <ada@example.com>`. */
export function formatUser(user: User): string {
  const flag = user.active ? '' : ' (inactive)';
  return `#${user.id} ${user.name} <${user.email}>${flag}`;
}

export function pluralize(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
