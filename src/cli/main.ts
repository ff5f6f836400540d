/** `boiduong` entry point: picks the subcommand, language and exit code. */
import { parseArgs } from './args.js';
import { EXIT, UsageError, type Io } from './command.js';
import { commands } from './commands/index.js';

function detectLang(argv: readonly string[]): 'vi' | 'en' {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? process.env['BOIDUONG_LANG'] : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return v === 'en' ? 'en' : 'vi';
}

async function mainHelp(lang: 'vi' | 'en'): Promise<string> {
  const all = await Promise.all(commands.map(([, load]) => load()));
  const head =
    lang === 'en'
      ? 'boiduong — training modules for cadres and civil servants\n\nUsage: boiduong <command> [options]\n\nCommands:'
      : 'boiduong — bộ công cụ bồi dưỡng cán bộ, công chức\n\nCách dùng: boiduong <lệnh> [tùy chọn]\n\nCác lệnh:';
  const width = Math.max(...all.map((c) => c.name.length), 4);
  const lines = all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary[lang]}`);
  const tail =
    lang === 'en'
      ? '\nRun "boiduong <command> --help" for a command\'s options. --lang en switches to English.'
      : '\nChạy "boiduong <lệnh> --help" để xem tùy chọn của từng lệnh. --lang en để dùng tiếng Anh.';
  return [head, ...lines, tail].join('\n');
}

export async function main(argv: readonly string[], io: Omit<Io, 'lang'>): Promise<number> {
  const lang = detectLang(argv);
  const full: Io = { ...io, lang };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? full.out : full.err)(await mainHelp(lang));
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version') {
    full.out('boiduong 0.1.0');
    return EXIT.ok;
  }
  const entry = commands.find(([n]) => n === name);
  if (!entry) {
    full.err(lang === 'en' ? `Unknown command "${name}".\n` : `Không có lệnh "${name}".\n`);
    full.err(await mainHelp(lang));
    return EXIT.usage;
  }
  const command = await entry[1]();
  try {
    const args = parseArgs(rest, command.valueFlags ?? []);
    if (args.flags['help']) {
      full.out(command.help[lang]);
      return EXIT.ok;
    }
    return await command.run(args, full);
  } catch (e) {
    if (e instanceof UsageError) {
      full.err(e.message);
      full.err(command.help[lang]);
      return EXIT.usage;
    }
    throw e;
  }
}
