#!/usr/bin/env node
// Run first by `npm test`: the tests drive Debian's Chromium, validate manifests with xmllint,
// check zips with unzip and Python, and run the LRS on PostgreSQL, several nodes behind HAProxy. Without one of them dozens of
// tests would fail with driver errors; stop at once instead, with one line saying what to install.
import { accessSync, constants, statSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

// Vietnamese by default, like every boiduong message; `--lang en` for English.
const lang = process.argv.includes('en') && process.argv.includes('--lang') ? 'en' : 'vi';

/** An executable file `name` on PATH. */
function onPath(name) {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return true;
  }
  return false;
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether something accepts TCP connections at host:port within a second. */
function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// The same defaults as the tests: test/support/browser.ts and test/lrs/contract/postgres-fixture.ts.
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const pgUrl = new URL(process.env['BOIDUONG_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test');
const pgHost = pgUrl.hostname || '127.0.0.1';
const pgPort = Number(pgUrl.port || 5432);

const packages = [];
if (!isExecutable(chromiumPath)) packages.push('chromium');
if (!onPath('xmllint')) packages.push('libxml2-utils');
if (!onPath('unzip')) packages.push('unzip');
if (!onPath('python3')) packages.push('python3');
// The cluster tests (test/lrs/cluster-*.test.ts) put Debian's HAProxy in front of the LRS nodes.
if (!isExecutable(process.env['HAPROXY_PATH'] ?? '/usr/sbin/haproxy')) packages.push('haproxy');
const pgDown = !(await reachable(pgHost, pgPort));

if (packages.length === 0 && !pgDown) process.exit(0);

const parts = [];
if (packages.length > 0) {
  const browser = packages.includes('chromium')
    ? lang === 'en'
      ? ` (or set CHROMIUM_PATH to a Chromium binary; now ${chromiumPath})`
      : ` (hoặc đặt CHROMIUM_PATH trỏ tới tệp chạy Chromium; hiện là ${chromiumPath})`
    : '';
  parts.push(
    lang === 'en'
      ? `missing ${packages.join(', ')}: install with "sudo apt-get install ${packages.join(' ')}"${browser}`
      : `thiếu ${packages.join(', ')}: cài bằng "sudo apt-get install ${packages.join(' ')}"${browser}`,
  );
}
if (pgDown) {
  parts.push(
    lang === 'en'
      ? `PostgreSQL is not reachable at ${pgHost}:${pgPort}: install "postgresql" and start it (database test, user postgres, trust auth on 127.0.0.1), or set BOIDUONG_TEST_PG`
      : `không kết nối được PostgreSQL tại ${pgHost}:${pgPort}: cài "postgresql" và khởi động (cơ sở dữ liệu test, người dùng postgres, trust trên 127.0.0.1), hoặc đặt BOIDUONG_TEST_PG`,
  );
}
process.stderr.write(`npm test: ${parts.join('; ')}.\n`);
process.exit(1);
