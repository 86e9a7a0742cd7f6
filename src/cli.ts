#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Help, Option } from 'commander';
import { z } from 'zod';
import { formatFinding } from './reporters/format-finding.js';
import { finding } from './core/findings/codes.js';
import type { Lang } from './reporters/number.js';
import { EXIT, makeColor, type CommandResult, type Context } from './commands/context.js';
import type { BatchOptions } from './commands/batch.js';
import { removeTempsNow, stopWrites } from './io/interrupt.js';
import { VERSION } from './version.js';
import { ROUND_CHOICES, type RoundChoice } from './core/appraisal/apply.js';

interface Global {
  lang: Lang;
  color: boolean;
}

/** Where the result is shown: a terminal (colours, fitted to its width) or not (a pipe, a file). */
export interface Screen {
  isTTY: boolean;
  columns?: number;
}

function context(cmd: Command, screen: Screen): Context {
  const g = cmd.optsWithGlobals<Global>();
  // With -o the result goes to a file: no colours, full width.
  const terminal = screen.isTTY && cmd.opts<{ output?: string }>().output === undefined;
  return { lang: g.lang, color: makeColor(g.color, terminal), ...(terminal && screen.columns ? { width: screen.columns } : {}) };
}

// zod compiles a parser for each object schema on its first use (new Function), which pays back only
// over many parses: a command reads a few files, so it parses without (same results, measured 2× faster
// for the first evidence file). Batch workers, which parse thousands, keep the compiled parsers.
z.config({ jitless: true });

// Each command's modules are evaluated when that command runs (in the bundle a dynamic import of a bundled
// module is a lazy initialiser): a start-up evaluates only what its own command uses.
const commands = {
  score: () => import('./commands/score.js'),
  validate: () => import('./commands/validate.js'),
  catalog: () => import('./commands/catalog.js'),
  batch: () => import('./commands/batch.js'),
  workbook: () => import('./commands/workbook.js'),
  verify: () => import('./commands/verify.js'),
  whatif: () => import('./commands/whatif.js'),
  plan: () => import('./commands/plan.js'),
};

const state: { result?: CommandResult } = {};
const run = (f: () => Promise<CommandResult>) => async () => {
  state.result = await f();
};

const format = (choices: string[]) =>
  new Option('-f, --format <format>', 'định dạng kết quả / output format').choices(choices).default('text');
const output = (vi: boolean) =>
  new Option('-o, --output <file>', vi ? 'ghi kết quả vào tệp (UTF-8) thay vì ra màn hình' : 'write the result to a file (UTF-8) instead of stdout');

/** commander's own messages (a wrong command line), in Vietnamese unless --lang en is given. */
const COMMANDER_VI: Array<[RegExp, string]> = [
  [/^error: unknown option '(.*)'/, "lỗi: không có tùy chọn '$1'"],
  [/^error: missing required argument '(.*)'/, "lỗi: thiếu tham số bắt buộc '$1'"],
  [/^error: required option '(.*)' not specified/, "lỗi: thiếu tùy chọn bắt buộc '$1'"],
  [/^error: option '(.*)' argument missing/, "lỗi: tùy chọn '$1' cần một giá trị"],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\./, "lỗi: giá trị '$2' của tùy chọn '$1' không hợp lệ; chọn một trong: $3."],
  [/^error: too many arguments for '(.*)'\..*/, "lỗi: thừa tham số cho lệnh '$1'"],
  [/^error: too many arguments\..*/, 'lỗi: thừa tham số'],
  [/^error: unknown command '(.*)'/, "lỗi: không có lệnh '$1'"],
  [/\(Did you mean (.*)\?\)/, '(Có phải là $1?)'],
];

/** commander's help headings and annotations, in Vietnamese (the descriptions are ours already). */
const HELP_VI: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tùy chọn:',
  'Global Options:': 'Tùy chọn chung:',
  'Commands:': 'Lệnh:',
  'Arguments:': 'Tham số:',
  '[options]': '[tùy chọn]',
  '[command]': '[lệnh]',
};
const helpVi = (s: string) => HELP_VI[s] ?? s;
const HELP_CONFIG_VI = {
  styleTitle: helpVi,
  styleOptionText: helpVi,
  styleSubcommandText: helpVi,
  optionDescription(this: Help, o: Option): string {
    return Help.prototype.optionDescription.call(this, o).replace('(choices: ', '(chọn: ').replace(/\bdefault: /, 'mặc định: ');
  },
};

function wantsEnglish(argv: readonly string[]): boolean {
  const i = argv.indexOf('--lang');
  return argv.includes('--lang=en') || (i >= 0 && argv[i + 1] === 'en');
}

/** What commander itself prints (help, a wrong command line), kept to be printed by main(). */
interface Sink {
  out: string;
  err: string;
}

export function program(lang: Lang = 'vi', sink: Sink = { out: '', err: '' }, screen: Screen = { isTTY: false }): Command {
  const vi = lang === 'vi';
  const ctx = (cmd: Command) => context(cmd, screen);
  const p = new Command('cchc')
    .description('Chấm điểm Chỉ số cải cách hành chính (PAR Index) từ bộ tiêu chí và tệp kê khai')
    .version(VERSION, '-V, --version', vi ? 'phiên bản' : 'version')
    .helpOption('-h, --help', vi ? 'xem hướng dẫn' : 'show help')
    .helpCommand(vi ? 'help [lệnh]' : 'help [command]', vi ? 'xem hướng dẫn của một lệnh' : 'show help for a command')
    .addOption(new Option('--lang <lang>', 'ngôn ngữ / language').choices(['vi', 'en']).default('vi'))
    .option('--no-color', 'không tô màu / no colours')
    .showHelpAfterError(vi ? '(xem hướng dẫn: cchc <lệnh> --help)' : '(see cchc <command> --help)')
    .configureOutput({
      writeOut: (str) => (sink.out += str),
      writeErr: (str) => (sink.err += str),
      outputError: (str, write) => write(vi ? COMMANDER_VI.reduce((s, [re, to]) => s.replace(re, to), str) : str),
    })
    .exitOverride();
  if (vi) p.configureHelp(HELP_CONFIG_VI);

  p.command('score')
    .description('chấm điểm một đơn vị: bảng điểm, chỉ số, xếp loại, các tiêu chí bị mất điểm')
    .argument('<unit>', 'tệp kê khai của đơn vị (.yaml)')
    .option('-c, --catalog <id|path>', 'bộ tiêu chí (mặc định: theo trường catalog của tệp kê khai)')
    .addOption(format(['text', 'json']))
    .option('--json', 'như --format json')
    .option('--xlsx <file>', 'ghi biểu tự đánh giá (.xlsx) theo mẫu chuẩn')
    .option('--html <file>', 'ghi báo cáo HTML có biểu đồ (một tệp, mở được khi không có mạng)')
    .option('--ranking <file>', 'kết quả "cchc batch --json" của huyện: thứ hạng và bình quân trong báo cáo HTML')
    .option('--appraisal <file>', 'tệp thẩm định của đơn vị (.yaml): kết quả sau thẩm định, bên cạnh điểm tự đánh giá')
    .addOption(new Option('--round <round>', 'vòng thẩm định dùng làm kết quả (mặc định: vòng cuối đã quyết định)').choices([...ROUND_CHOICES]))
    .addOption(output(vi))
    .action(function (
      this: Command,
      unit: string,
      o: { catalog?: string; format: 'text' | 'json'; json?: boolean; xlsx?: string; html?: string; ranking?: string; output?: string; appraisal?: string; round?: RoundChoice },
    ) {
      const opts = {
        ...(o.catalog ? { catalog: o.catalog } : {}),
        ...(o.xlsx ? { xlsx: o.xlsx } : {}),
        ...(o.html ? { html: o.html } : {}),
        ...(o.ranking ? { ranking: o.ranking } : {}),
        ...(o.appraisal !== undefined ? { appraisal: o.appraisal } : {}),
        ...(o.round !== undefined ? { round: o.round } : {}),
        ...(o.output !== undefined ? { output: o.output } : {}),
        format: o.json ? ('json' as const) : o.format,
      };
      return run(async () => (await commands.score()).scoreCommand(unit, opts, ctx(this)))();
    });

  const collect = (v: string, all: string[]) => [...all, v];
  const targets = (c: Command) =>
    c
      .option('--ranking <file>', 'kết quả "cchc batch --json" của huyện: thứ hạng trước và sau (các đơn vị khác giữ chỉ số đã công bố)')
      .option('--target-rank <n>', 'mục tiêu: xếp hạng N (cần --ranking); bằng chỉ số thì đồng hạng')
      .option('--target-index <x>', 'mục tiêu: chỉ số từ X% (ví dụ 95 hoặc 92,5)')
      .option('--target-band <xếp loại>', 'mục tiêu: xếp loại (ví dụ "Xuất sắc")')
      .option('--appraisal <file>', 'tệp thẩm định của đơn vị (.yaml): tính từ kết quả sau thẩm định (chỉ số đã công bố)')
      .addOption(new Option('--round <round>', 'vòng thẩm định dùng làm kết quả (mặc định: vòng cuối đã quyết định)').choices([...ROUND_CHOICES]));

  targets(
    p
      .command('whatif')
      .description('giả định: chấm lại với số liệu thay đổi (--set), chỉ số, xếp loại, thứ hạng mới; cách ít thay đổi nhất để đạt mục tiêu')
      .argument('<unit>', 'tệp kê khai của đơn vị (.yaml hoặc biểu .xlsx đã điền)')
      .option('-c, --catalog <id|path>', 'bộ tiêu chí (mặc định: theo trường catalog của tệp kê khai)')
      .option('--set <mã=giá trị>', 'giá trị giả định, ví dụ 3.2.1=1200/1200, 8.1.1=95,5, 1.5=cong_nhan (lặp lại được)', collect, [] as string[]),
  )
    .addOption(format(['text', 'json']))
    .option('--json', 'như --format json')
    .addOption(output(vi))
    .action(function (
      this: Command,
      unit: string,
      o: { catalog?: string; set: string[]; ranking?: string; targetRank?: string; targetIndex?: string; targetBand?: string; appraisal?: string; round?: RoundChoice; format: 'text' | 'json'; json?: boolean; output?: string },
    ) {
      const { json, ...rest } = o;
      return run(async () => (await commands.whatif()).whatIfCommand(unit, { ...rest, format: json ? 'json' : o.format }, ctx(this)))();
    });

  targets(
    p
      .command('plan')
      .description('lập Kế hoạch nâng cao Chỉ số CCHC (.docx, thể thức Nghị định 30) từ kết quả chấm điểm, thứ hạng và mục tiêu')
      .argument('[unit]', 'tệp kê khai của đơn vị (.yaml hoặc biểu .xlsx đã điền)')
      .option('--batch <thư mục>', 'lập kế hoạch cho mọi đơn vị (thư mục, tệp hoặc mẫu) và bảng tổng hợp tiêu chí yếu; -o là thư mục')
      .option('-c, --catalog <id|path>', 'bộ tiêu chí (mặc định: theo trường catalog của tệp kê khai)')
      .option('--previous <file>', 'kết quả "cchc batch --json" năm trước: thứ hạng tăng, giảm trong câu mở đầu')
      .option('--appraisals <thư mục>', 'với --batch: các tệp thẩm định, ghép với đơn vị theo mã: kế hoạch tính từ kết quả sau thẩm định'),
  )
    .requiredOption('-o, --output <file>', 'tệp kế hoạch .docx sẽ ghi (với --batch: thư mục)')
    .option('--xlsx <file>', 'ghi thêm phụ lục Mục tiêu phấn đấu (.xlsx)')
    .option('--date <dd/mm/yyyy>', 'ngày ban hành kế hoạch (mặc định: để trống cho văn thư điền)')
    .option('--deadline <dd/mm/yyyy>', 'thời hạn hoàn thành các nhiệm vụ (mặc định: 30/11 năm kế hoạch)')
    .action(function (
      this: Command,
      unit: string | undefined,
      o: { catalog?: string; batch?: string; previous?: string; ranking?: string; targetRank?: string; targetIndex?: string; targetBand?: string; appraisal?: string; appraisals?: string; round?: RoundChoice; output: string; xlsx?: string; date?: string; deadline?: string },
    ) {
      const { batch, appraisals, ...rest } = o;
      const misplaced =
        batch !== undefined && o.appraisal !== undefined
          ? finding('option.conflicts', [], { option: '--appraisal', with: '--batch (--appraisals <thư mục>)' })
          : batch === undefined && appraisals !== undefined
            ? finding('option.requires', [], { option: '--appraisals', needs: '--batch' })
            : batch !== undefined && o.round !== undefined && appraisals === undefined
              ? finding('option.requires', [], { option: '--round', needs: '--appraisals' })
              : undefined;
      if (misplaced) {
        const f = misplaced;
        state.result = { exitCode: EXIT.invalid, stdout: '', stderr: `${formatFinding(f, lang)}\n` };
        return;
      }
      if ((batch === undefined) === (unit === undefined) || (batch !== undefined && o.xlsx !== undefined)) {
        const f = finding('option.requires', [], { option: batch === undefined ? 'cchc plan' : '--batch', needs: batch === undefined ? '<tệp kê khai> hoặc --batch <thư mục>' : '-o <thư mục> (không có <tệp kê khai>, --xlsx)' });
        state.result = { exitCode: EXIT.invalid, stdout: '', stderr: `${formatFinding(f, lang)}\n` };
        return;
      }
      if (batch !== undefined) {
        const { appraisal: _one, ...forBatch } = rest;
        return run(async () => (await commands.plan()).planBatchCommand({ ...forBatch, batch, ...(appraisals !== undefined ? { appraisals } : {}) }, ctx(this)))();
      }
      return run(async () => (await commands.plan()).planCommand(unit!, rest, ctx(this)))();
    });

  p.command('validate')
    .description('kiểm tra bộ tiêu chí và tệp kê khai; báo mọi lỗi kèm dòng, cột')
    .argument('<files...>', 'các tệp .yaml, thư mục hoặc mẫu glob')
    .option('-c, --catalog <id|path>', 'bộ tiêu chí dùng cho các tệp kê khai')
    .addOption(format(['text', 'json']))
    .option('--json', 'như --format json')
    .addOption(output(vi))
    .action(function (this: Command, files: string[], o: { catalog?: string; format: 'text' | 'json'; json?: boolean; output?: string }) {
      const opts = { ...(o.catalog ? { catalog: o.catalog } : {}), ...(o.output !== undefined ? { output: o.output } : {}), format: o.json ? ('json' as const) : o.format };
      return run(async () => (await commands.validate()).validateCommand(files, opts, ctx(this)))();
    });

  p.command('template')
    .description('tạo biểu kê khai Excel để điền (có danh sách chọn, ô khóa, hướng dẫn)')
    .option('-c, --catalog <id|path>', 'bộ tiêu chí')
    .option('-u, --unit <file>', 'điền sẵn từ tệp kê khai của đơn vị')
    .option('--appraisal <unit>', 'biểu thẩm định (vòng 1) cho tệp kê khai của đơn vị: điền sẵn số liệu, tài liệu, điểm tự đánh giá')
    .option('--explanation <file>', 'biểu giải trình cho đơn vị từ tệp thẩm định (cần --unit): các tiêu chí bị giảm điểm ở vòng 1')
    .requiredOption('-o, --output <file>', 'tệp .xlsx sẽ ghi')
    .action(function (this: Command, o: { catalog?: string; unit?: string; output: string; appraisal?: string; explanation?: string }) {
      return run(async () => (await commands.workbook()).templateCommand(o, ctx(this)))();
    });

  p.command('import')
    .description('chuyển biểu Excel đã điền thành tệp YAML: biểu kê khai → tệp kê khai; biểu thẩm định, biểu giải trình → tệp thẩm định')
    .argument('<form.xlsx>')
    .option('-o, --output <file>', 'tệp .yaml sẽ ghi (mặc định: in ra màn hình)')
    .option('-c, --catalog <id|path>', 'bộ tiêu chí (mặc định: theo biểu mẫu)')
    .option('--appraisal <file>', 'với biểu giải trình: tệp thẩm định đã dùng để tạo biểu (kết quả: tệp đó thêm vòng giải trình)')
    .action(function (this: Command, file: string, o: { output?: string; catalog?: string; appraisal?: string }) {
      return run(async () => (await commands.workbook()).importCommand(file, o, ctx(this)))();
    });

  p.command('batch')
    .description('chấm điểm hàng loạt đơn vị, xếp hạng, xuất bảng xếp hạng')
    .argument('<inputs...>', 'thư mục, tệp hoặc mẫu glob (*.yaml)')
    .option('-c, --catalog <id|path>', 'bộ tiêu chí dùng cho mọi đơn vị')
    .addOption(format(['text', 'json', 'csv', 'csv-vi']))
    .option('--json', 'như --format json')
    .option('--xlsx <file>', 'ghi bảng xếp hạng (.xlsx)')
    .option('--html <file>', 'ghi báo cáo HTML có biểu đồ (một tệp, mở được khi không có mạng)')
    .option('--forms <dir>', 'ghi biểu tự đánh giá của từng đơn vị vào thư mục')
    .option('--group-by <field>', 'xếp hạng trong từng nhóm (ví dụ parent, type, province)')
    // Numbers stay text here and are read exactly by the command (92,5 and 92.5; never parseFloat).
    .option('--fail-under <index>', 'mã thoát 1 nếu có đơn vị có chỉ số dưới ngưỡng (ví dụ 92,5)')
    .option('--compare <file>', 'kết quả năm trước (JSON của cchc batch) để so sánh thứ hạng')
    .option('--appraisals <dir>', 'thư mục (tệp, mẫu) các tệp thẩm định: xếp hạng theo chỉ số sau thẩm định, ghép với đơn vị theo mã')
    .option('--allow-unappraised', 'với --appraisals: xếp hạng đơn vị chưa có tệp thẩm định theo điểm tự đánh giá')
    .option('--survey-not-run', 'năm nay không tổ chức điều tra xã hội học: chỉ số mỗi đơn vị là điểm thẩm định quy về thang 100 (bộ tiêu chí có survey_share)')
    .addOption(new Option('--round <round>', 'với --appraisals: vòng thẩm định dùng làm kết quả (mặc định: vòng cuối đã quyết định)').choices([...ROUND_CHOICES]))
    .option('--cache <dir>', 'giữ kết quả chấm từng tệp trong thư mục; lần chạy sau chỉ chấm lại tệp đã đổi')
    .option('-j, --jobs <n>', 'số luồng xử lý song song (mặc định: số lõi CPU)')
    .option('-q, --quiet', 'không hiện thanh tiến trình')
    .addOption(output(vi))
    .action(function (this: Command, inputs: string[], o: BatchOptions & { json?: boolean }) {
      const { json, ...rest } = o;
      return run(async () => (await commands.batch()).batchCommand(inputs, { ...rest, format: json ? 'json' : o.format }, ctx(this)))();
    });

  p.command('verify')
    .description('kiểm tra một kết quả đã công bố: các tệp đã dùng (bộ tiêu chí, tệp kê khai, tệp thẩm định) có thay đổi không')
    .argument('<result>', 'kết quả JSON (cchc score --json, cchc batch --json) hoặc biểu Excel do cchc ghi')
    .addOption(format(['text', 'json']))
    .option('--json', 'như --format json')
    .addOption(output(vi))
    .action(function (this: Command, result: string, o: { format: 'text' | 'json'; json?: boolean; output?: string }) {
      const opts = { ...(o.output !== undefined ? { output: o.output } : {}), format: o.json ? ('json' as const) : o.format };
      return run(async () => (await commands.verify()).verifyCommand(result, opts, ctx(this)))();
    });

  const cat = p.command('catalog').description('các bộ tiêu chí có sẵn');
  cat
    .command('list')
    .description('liệt kê bộ tiêu chí có sẵn')
    .addOption(format(['text', 'json']))
    .option('--json', 'như --format json')
    .addOption(output(vi))
    .action(function (this: Command, o: { format: 'text' | 'json'; json?: boolean; output?: string }) {
      const opts = { ...(o.output !== undefined ? { output: o.output } : {}), format: o.json ? ('json' as const) : o.format };
      return run(async () => (await commands.catalog()).catalogListCommand(opts, ctx(this)))();
    });
  cat
    .command('show')
    .description('xem một bộ tiêu chí: cây lĩnh vực, tiêu chí, cách tính điểm')
    .argument('<id|path>')
    .addOption(format(['text', 'json']))
    .option('--json', 'như --format json')
    .addOption(output(vi))
    .action(function (this: Command, ref: string, o: { format: 'text' | 'json'; json?: boolean; output?: string }) {
      const opts = { ...(o.output !== undefined ? { output: o.output } : {}), format: o.json ? ('json' as const) : o.format };
      return run(async () => (await commands.catalog()).catalogShowCommand(ref, opts, ctx(this)))();
    });
  return p;
}

/**
 * Runs one command line and returns what to print and the exit code, printing nothing itself: the
 * tests call it in-process, one run at a time. `screen` says whether stdout is a terminal (colours,
 * table width).
 */
export async function runCli(argv: string[], screen: Screen = { isTTY: false }): Promise<CommandResult> {
  delete state.result;
  const sink: Sink = { out: '', err: '' };
  const lang: Lang = wantsEnglish(argv) ? 'en' : 'vi';
  try {
    await program(lang, sink, screen).parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and --version are not errors; a wrong command line is invalid input (2).
      return { exitCode: e.exitCode === 0 ? EXIT.ok : EXIT.invalid, stdout: sink.out, stderr: sink.err };
    }
    const detail = e instanceof Error ? e.message : String(e);
    let stderr = `${sink.err}${formatFinding(finding('internal.error', [], { detail }), lang)}\n`;
    if (process.env.CCHC_DEBUG && e instanceof Error) stderr += `${e.stack ?? e.message}\n`;
    return { exitCode: EXIT.internal, stdout: sink.out, stderr };
  }
  const result = state.result as CommandResult | undefined;
  if (!result) return { exitCode: EXIT.ok, stdout: sink.out, stderr: sink.err };
  return { exitCode: result.exitCode, stdout: sink.out + result.stdout, stderr: sink.err + result.stderr };
}

/** The only place that prints results and exits. */
export async function main(argv: string[]): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- @types/node says boolean, but isTTY is undefined when stdout is not a terminal
  const r = await runCli(argv, { isTTY: Boolean(process.stdout.isTTY), ...(process.stdout.columns ? { columns: process.stdout.columns } : {}) });
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  return r.exitCode;
}

/** The exit codes of a shell for a process ended by these signals (128 + the signal's number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Ctrl-C or a SIGTERM during a write: the temporary files are removed before cchc exits, so no
 * `.name.pid.hex.tmp` is left beside the outputs. A second Ctrl-C does not wait for writes in flight.
 */
function onSignals(lang: Lang): void {
  let stopping = false;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      if (stopping) {
        removeTempsNow();
        process.exit(code);
      }
      stopping = true;
      void stopWrites().finally(() => {
        const f = formatFinding(finding('run.interrupted', [], { signal }), lang);
        process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}${f}\n`);
        process.exit(code);
      });
    });
  }
}

/**
 * Ends the process once stdout and stderr have handed all that was written to the system (a pipe's
 * writes may still be waiting): exiting then spares Node tearing down its heap, ~50 ms after a batch
 * over a province. The exit code is set first, for anything that ends the process before.
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code;
  let open = 2;
  const written = () => {
    if (--open === 0) process.exit(code);
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
}

/** Whether this module is the program being run (dist/cli.js, also through npm's bin link), not imported by a test. */
function isEntry(): boolean {
  try {
    return Boolean(process.argv[1]) && realpathSync(process.argv[1]!) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  onSignals(wantsEnglish(process.argv) ? 'en' : 'vi');
  // `cchc score … | head`: the reader went away; that ends the output, it is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv).then(exitWhenWritten, () => exitWhenWritten(EXIT.internal));
}
