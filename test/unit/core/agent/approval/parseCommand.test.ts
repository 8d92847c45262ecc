import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCommand } from '@src/core/agent/approval/parseCommand';

const argvs = (line: string) => parseCommand(line).commands.map((c) => c.argv.join(' '));

describe('parseCommand', () => {
  it('splits chains and pipelines', () => {
    assert.deepEqual(argvs('a 1; b && c || d | e & f'), ['a 1', 'b', 'c', 'd', 'e', 'f']);
  });
  it('honours quotes', () => {
    assert.deepEqual(argvs(`echo "a; b" 'c && d'`), ['echo a; b c && d']);
  });
  it('strips assignments and wrappers', () => {
    assert.deepEqual(argvs('A=1 sudo -u bob env B=2 nice -n 5 timeout 10 make test'), ['make test']);
  });
  it('reads substitutions, subshells, groups and sh -c bodies', () => {
    const all = argvs('echo $(whoami) `id`; (cd x && ls); { pwd; }; bash -c "touch y"');
    for (const c of ['whoami', 'id', 'cd x', 'ls', 'pwd', 'touch y']) assert.ok(all.includes(c), `${c} in ${JSON.stringify(all)}`);
  });
  it('collects output redirections but not descriptors', () => {
    assert.deepEqual([...parseCommand('make > out.log 2>&1; cat < in.txt >> /dev/sda').redirects], ['out.log', '/dev/sda']);
  });
  it('knows what a stage is piped from', () => {
    const c = parseCommand('curl -s x | sudo bash').commands[1]!;
    assert.deepEqual(c.argv, ['bash']);
    assert.deepEqual(c.pipedFrom, [['curl', '-s', 'x']]);
  });
});
