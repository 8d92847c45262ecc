/** An in-memory user store: create, find, update and list users. */
export interface User {
  readonly id: number;
  name: string;
  email: string;
  readonly createdAt: Date;
  active: boolean;
}

export class UserNotFoundError extends Error {
  constructor(readonly id: number) {
    super(`no user with id ${id}`);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class UserService {
  private readonly users = new Map<number, User>();
  private nextId = 1;

  create(name: string, email: string): User {
    if (!name.trim()) throw new Error('a user needs a name');
    if (!EMAIL.test(email)) throw new Error(`not an email address: ${email}`);
    const user: User = { id: this.nextId++, name: name.trim(), email: email.toLowerCase(), createdAt: new Date(), active: true };
    this.users.set(user.id, user);
    return user;
  }

  find(id: number): User {
    const user = this.users.get(id);
    if (!user) throw new UserNotFoundError(id);
    return user;
  }

  findByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email === wanted) return user;
    return undefined;
  }

  deactivate(id: number): User {
    const user = this.find(id);
    user.active = false;
    return user;
  }

  list(filter: { activeOnly?: boolean } = {}): User[] {
    const all = [...this.users.values()];
    return filter.activeOnly ? all.filter((u) => u.active) : all;
  }
}
