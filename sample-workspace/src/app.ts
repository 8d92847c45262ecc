import { formatUser, pluralize } from './format';
import { UserService } from './userService';

/** Creates a few users, deactivates one, and prints a report. */
function main(): void {
  const service = new UserService();
  const ada = service.create('Ada Lovelace', 'ada@example.com');
  service.create('Alan Turing', 'alan@example.com');
  const grace = service.create('Grace Hopper', 'Grace@Example.com');

  service.deactivate(ada.id);

  const active = service.list({ activeOnly: true });
  console.log(`${pluralize(active.length, 'active user')}:`);
  for (const user of active) console.log(`  ${formatUser(user)}`);

  const found = service.findByEmail('grace@example.com');
  console.log(found?.id === grace.id ? 'lookup by email works' : 'lookup by email is broken');
}

main();
